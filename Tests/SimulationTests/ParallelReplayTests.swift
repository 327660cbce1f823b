import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeTestSupport
import EdgeWire
import Foundation
import Testing

@testable import Simulation

/// `--jobs N` gives the bytes `--jobs 1` gives: replay's decisions file, summary in every format and report, the
/// what-if table and the diff, on traces with many colos, records out of order and late, malformed lines and
/// rate-limit storms.
@Suite struct ParallelReplayTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private static func example() throws -> CompiledEdge {
        try compile("examples/agenticverz/edge.yaml")
    }

    private static func compile(_ spec: String) throws -> CompiledEdge {
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(spec)))
        let diagnostics = DiagnosticCollector()
        let checked = try #require(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics))
        return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    }

    private struct Outcome {
        let decisions: String
        let text: String
        let json: String
        let html: String
        let summary: ReplaySummary
    }

    private static func replay(_ edge: CompiledEdge, paths: [String], jobs: Int) throws -> Outcome {
        let decisions = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-decisions.jsonl"
        defer { try? FileManager.default.removeItem(atPath: decisions) }
        var options = ReplayOptions()
        options.jobs = jobs
        options.toleranceMilliseconds = 60_000
        options.decisionsPath = decisions
        let summary = try Replay.run(edge, paths: paths, options: options, diagnostics: DiagnosticCollector())
        return Outcome(
            decisions: try String(contentsOfFile: decisions, encoding: .utf8), text: SummaryRenderer.text(summary),
            json: SummaryRenderer.json(summary).pretty,
            html: HTMLReportRenderer.render(HTMLReport(title: "replay", summary: summary)), summary: summary)
    }

    @Test("Any number of jobs gives the bytes one job gives", arguments: [UInt64(1), 77])
    func jobsGiveTheSameBytes(seed: UInt64) throws {
        let edge = try Self.example()
        let first = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-a.jsonl"
        let second = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-b.jsonl"
        defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
        try MessyTrace.text(records: 6_000, seed: seed).write(toFile: first, atomically: true, encoding: .utf8)
        try MessyTrace.text(records: 2_000, seed: seed + 1).write(toFile: second, atomically: true, encoding: .utf8)
        let one = try Self.replay(edge, paths: [first, second], jobs: 1)
        // The trace exercises what could tell the lanes apart.
        #expect(one.summary.lateRecords > 0)
        #expect(one.summary.malformedRecords > 0)
        #expect((one.summary.rateLimitTriggers["api-per-ip"] ?? 0) > 100)
        #expect((one.summary.rateLimitKeys["api-per-ip"]?.count ?? 0) > 5)
        #expect(!one.summary.disagreements.isEmpty)
        #expect(one.summary.requests == one.decisions.split(separator: "\n").count)
        for jobs in [2, 3, 8] {
            let many = try Self.replay(edge, paths: [first, second], jobs: jobs)
            #expect(many.decisions == one.decisions, "decisions with --jobs \(jobs)")
            #expect(many.text == one.text, "text summary with --jobs \(jobs)")
            #expect(many.json == one.json, "JSON summary with --jobs \(jobs)")
            #expect(many.html == one.html, "HTML report with --jobs \(jobs)")
        }
    }

    @Test("What-if scenarios and diffs give the same bytes on any number of jobs")
    func whatIfAndDiff() throws {
        let edge = try Self.example()
        let other = try Self.compile("examples/small-saas/edge.yaml")
        let path = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-whatif.jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MessyTrace.text(records: 4_000, seed: 5).write(toFile: path, atomically: true, encoding: .utf8)
        let scenarios = [1.0, 2.5].map { WhatIfScenario(name: "\($0)x", scale: $0) }
        func outcome(jobs: Int) throws -> (whatIf: String, diff: String) {
            var options = ReplayOptions()
            options.jobs = jobs
            options.toleranceMilliseconds = 60_000
            let whatIf = try WhatIf.run(
                edge, trace: [path], scenarios: scenarios, options: options, diagnostics: DiagnosticCollector())
            let diff = try SpecDiff.run(
                base: edge, head: other, paths: [path], options: options, diagnostics: DiagnosticCollector())
            return (
                WhatIfTable.text(whatIf.results) + WhatIfTable.json(whatIf.results, warnings: whatIf.warnings).pretty,
                SpecDiffRenderer.text(diff) + SpecDiffRenderer.json(diff).pretty
            )
        }
        let one = try outcome(jobs: 1)
        #expect(one.diff.contains("examples"))
        for jobs in [2, 5] {
            let many = try outcome(jobs: jobs)
            #expect(many.whatIf == one.whatIf, "what-if with --jobs \(jobs)")
            #expect(many.diff == one.diff, "diff with --jobs \(jobs)")
        }
    }

    @Test("A trace with one colo gives the same bytes on several jobs")
    func oneColo() throws {
        let edge = try Self.example()
        let path = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-one.jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = MessyTrace.text(records: 3_000, seed: 9).replacingOccurrences(
            of: #","colo":"C[0-9]+""#, with: "", options: .regularExpression)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let one = try Self.replay(edge, paths: [path], jobs: 1)
        let two = try Self.replay(edge, paths: [path], jobs: 2)
        #expect(two.decisions == one.decisions)
        #expect(two.json == one.json)
    }

    @Test("A read error stops a parallel replay as it stops one thread")
    func readErrorStops() throws {
        let edge = try Self.example()
        let path = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-broken.jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try String(repeating: "{\"ts\": broken\n", count: 20).write(toFile: path, atomically: true, encoding: .utf8)
        var options = ReplayOptions()
        options.jobs = 2
        options.maxErrors = 5
        #expect(throws: Replay.Failure.self) {
            try Replay.run(edge, paths: [path], options: options, diagnostics: DiagnosticCollector())
        }
    }
}
