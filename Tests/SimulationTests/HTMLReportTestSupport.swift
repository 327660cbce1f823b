import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// Replays, example reports and HTML inspection shared by the HTML report tests.
enum HTMLReportTestSupport {
    /// Why a fixture could not be built.
    struct FixtureError: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The data-chart names the full example report must contain.
    static let chartNames = [
        "requests-per-minute", "cache-hit-ratio", "origin-load", "rate-limit-triggers", "top-rules", "cost-breakdown",
    ]

    /// The example spec, compiled.
    static func example() throws -> CompiledEdge {
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml")))
        let diagnostics = DiagnosticCollector()
        guard let checked = SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics),
            let compiled = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
        else { throw FixtureError(description: "the example spec does not compile") }
        return compiled
    }

    /// The replay of `trace` (a path under `traces/`, or an absolute path) through the example spec.
    static func replay(_ trace: String) throws -> ReplaySummary {
        let path = trace.hasPrefix("/") ? trace : root.appendingPathComponent("traces/\(trace)").path
        do {
            return try Replay.run(
                try example(), paths: [path], options: ReplayOptions(), diagnostics: DiagnosticCollector())
        } catch {
            throw FixtureError(description: "replay of \(trace) failed: \(error)")
        }
    }

    /// The example day replayed once per test process (it takes a few seconds in a debug build).
    static let day: Result<ReplaySummary, FixtureError> = {
        do { return .success(try replay("agenticverz-day.jsonl.gz")) } catch let error as FixtureError {
            return .failure(error)
        } catch {
            return .failure(FixtureError(description: "\(error)"))
        }
    }()

    /// The example spec's Fly concurrency limits and machine count.
    static func capacity() throws -> CapacityLine {
        guard let fly = try example().fly, let limits = fly.httpService?.concurrency else {
            throw FixtureError(description: "the example spec has no fly.http_service.concurrency")
        }
        let machines = max(fly.machines.reduce(0) { $0 + $1.value }, fly.httpService?.minMachinesRunning ?? 0)
        return CapacityLine(
            softLimitPerMachine: limits.softLimit, hardLimitPerMachine: limits.hardLimit, machines: machines)
    }

    /// A what-if row: the trace replayed at scale 1 through the what-if engine (capacity and monthly cost from the
    /// example spec's Fly settings, app routes and prices).
    static func scenario(_ name: String, trace: String) throws -> ScenarioResult {
        let path = root.appendingPathComponent("traces/\(trace)").path
        let (results, _) = try WhatIf.run(
            try example(), trace: [path], scenarios: [WhatIfScenario(name: name, scale: 1)],
            options: ReplayOptions(), diagnostics: DiagnosticCollector())
        return try #require(results.first)
    }

    /// The full example report: the day with capacity, three replayed traces as what-if rows, and diff groups.
    static func exampleReport() throws -> HTMLReport {
        let day = try Self.day.get()
        let capacity = try capacity()
        let scenarios = [
            try scenario("agenticverz day", trace: "agenticverz-day.jsonl.gz"),
            try scenario("scraper", trace: "scraper.jsonl"),
            try scenario("login brute force", trace: "login-brute-force.jsonl"),
        ]
        let blocked = day.byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        let groups = blocked.map { rule, count in
            DiffGroupRow(
                from: "allow", to: "block", rule: rule, requests: count,
                share: Double(count) / Double(max(1, day.requests)),
                examples: ["GET api.agenticverz.com/v1/incidents from 100.64.0.1"])
        }
        return HTMLReport(
            title: "Replay of agenticverz-day.jsonl.gz", subtitle: "examples/agenticverz/edge.yaml", summary: day,
            scenarios: scenarios, capacity: capacity, diffGroups: groups)
    }

    /// The `<svg class="chart" data-chart="name" …>…</svg>` element of `html`, if present.
    static func chart(_ name: String, in html: String) -> Substring? {
        guard let start = html.range(of: "<svg class=\"chart\" data-chart=\"\(name)\""),
            let end = html.range(of: "</svg>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return html[start.lowerBound..<end.upperBound]
    }

    /// The start tags of `svg` that carry `data-series`.
    static func seriesShapes(in svg: Substring) -> [Substring] {
        var shapes: [Substring] = []
        var rest = svg[...]
        while let open = rest.range(of: "<") {
            guard let close = rest.range(of: ">", range: open.upperBound..<rest.endIndex) else { break }
            let tag = rest[open.lowerBound..<close.upperBound]
            if tag.contains(" data-series=\"") { shapes.append(tag) }
            rest = rest[close.upperBound...]
        }
        return shapes
    }

    /// The value of attribute `name` in the start tag `tag`.
    static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let start = tag.range(of: " \(name)=\""),
            let end = tag.range(of: "\"", range: start.upperBound..<tag.endIndex)
        else { return nil }
        return tag[start.upperBound..<end.lowerBound]
    }

    /// Whether a data-series shape draws something: a path with drawing commands or a rect of positive width.
    static func drawsSomething(_ tag: Substring) -> Bool {
        if tag.hasPrefix("<path") { return (attribute("d", in: tag) ?? "").contains { "MLHVZ".contains($0) } }
        if tag.hasPrefix("<rect") { return (attribute("width", in: tag).flatMap { Double($0) } ?? 0) > 0 }
        return false
    }
}
