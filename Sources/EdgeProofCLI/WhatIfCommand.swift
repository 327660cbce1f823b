import ArgumentParser
import EdgeCompiler
import EdgeCore
import Foundation
import Simulation
import Traces
import TrafficSynthesis

/// `edgeproof whatif [SPEC] --trace FILE --scale 1,2,5,10`: load-profile what-ifs.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract:
            "Replay a trace scaled (more clients, same behaviour) and with extra populations: blocks, cache, origin, "
            + "machines, monthly cost.",
        discussion: """
            With --scale, one scenario per value. Without it, when the spec's app marks routes as incidents and \
            the trace reaches them, the scenarios reproduce the cost tiers of docs/costs.md (10K, 100K, 500K and 1M \
            incidents a month); otherwise the trace at 1x, 2x, 5x and 10x. The trace is parsed once for all \
            scenarios, which run in parallel. Exit 1 when a --threshold condition does not hold in a scenario.
            """)

    @OptionGroup var spec: SpecArgument

    @OptionGroup var traces: TraceInput

    @OptionGroup var format: ResultFormatOption

    @Option(
        help: "Comma-separated scales, e.g. 1,2,5,10 (the default, unless the spec's app counts incidents).")
    var scale: String?

    /// The scales a what-if runs when neither `--scale` nor the spec's incidents say otherwise.
    static let defaultScales = "1,2,5,10"

    /// One scenario per comma-separated scale.
    static func scenarios(_ scales: String) throws -> [WhatIfScenario] {
        try scales.split(separator: ",").map { text in
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value <= 1000 else {
                throw ValidationError("--scale: '\(text)' is not a scale between 0 and 1000")
            }
            return WhatIfScenario(
                name: "\(value == value.rounded() ? String(Int(value)) : String(value))x", scale: value)
        }
    }

    @Option(help: "Write the scenarios to this file: HTML when it ends in .html, else JSON ({\"scenarios\": […]}).")
    var report: String?

    @Option(
        name: .customLong("add-profile"),
        help: ArgumentHelp(
            "Add a scenario at scale 1 with this population mixed in: a spec profile or bot-wave, credential-stuffing, "
                + "traffic-spike (repeatable).")
    )
    var addProfiles: [String] = []

    @OptionGroup var thresholds: ThresholdOptions

    func run() throws {
        var options = try traces.replayOptions(deprecatedFormat: format.deprecatedTraceFormat)
        let given = try thresholds.given(scoped: true)
        let outputs = [("--report", report), ("--junit", thresholds.junit)]
        try CommandOutput.refuseConflicts(inputs: [spec.path] + traces.paths, outputs: outputs)
        let stream = try ResultStream.choosing(outputs: outputs)
        let compiled = try spec.load(format: format.output)
        let spool = traces.paths.contains(StandardInputTrace.name) ? try StandardInputTrace.Spool() : nil
        defer { spool?.remove() }
        let paths = spool?.replacing(in: traces.paths) ?? traces.paths
        options.redactor = Redactor.forSpec(compiled)
        let tiers = compiled.app?.tiers ?? []
        let scalesToTiers = !tiers.isEmpty && (compiled.app?.countsIncidents ?? false)
        let progress = TraceProgress.attach(
            to: &options, paths: traces.paths, passes: (scale == nil && scalesToTiers ? 2 : 1) + addProfiles.count)
        var tracesRead = false
        var scenarios = try Self.scenarios(scale ?? Self.defaultScales)
        var planned: [String]?
        if scale == nil, scalesToTiers {
            // The spec counts incidents and names tiers of them: the scenarios are those tiers, when the trace
            // reaches incidents.
            let base = try run(
                compiled, [WhatIfScenario(name: "1x", scale: 1)], paths, options, stream, tracesRead: &tracesRead,
                progress: progress
            ).results
            let incidents = base.first.map(WhatIfTable.incidentsPerMonth) ?? 0
            if incidents > 0 {
                scenarios = tiers.map { tier in
                    WhatIfScenario(
                        name: "\(CostModel.count(tier.incidents)) incidents/mo", scale: tier.incidents / incidents)
                }
                if tiers.contains(where: { $0.planned != nil }) { planned = tiers.map { $0.planned ?? "" } }
                WhatIfResultOutput.writeNote(
                    "The trace has \(CostModel.count(incidents)) incidents a month at its own scale; scaling clients "
                        + "to the spec's app.tiers.\n", format: format.output, to: stream)
            } else {
                WhatIfResultOutput.writeNote(
                    "No request of the trace reached an app route marked incident; scaling it \(Self.defaultScales) "
                        + "instead.\n", format: format.output, to: stream)
            }
        }
        try ScopedThreshold.refuseUnknownScenarios(
            given, scenarios: scenarios.map(\.name) + addProfiles.map { "+\($0)" })
        var (results, warnings) = try run(
            compiled, scenarios, paths, options, stream, tracesRead: &tracesRead, progress: progress)
        if !addProfiles.isEmpty, let reference = results.first {
            let added = try addedScenarios(compiled, reference: reference)
            let extra = try run(compiled, added, paths, options, stream, tracesRead: &tracesRead, progress: progress)
            results += extra.results
            warnings += extra.warnings
        }
        let checked = thresholds.evaluate(given, spec: compiled, runs: results.map { ($0.name, $0.metric) })
        WhatIfResultOutput.write(
            results, warnings: warnings, planned: planned, thresholds: checked.status, format: format.output, to: stream
        )
        TraceInput.printWarnings(unsupplied: WhatIfTable.unsuppliedFields(results))
        try CommandOutput.writeReport(
            to: report,
            html: {
                HTMLReport(
                    title: "What-if: \(traces.fileNames)",
                    subtitle: "through \(compiled.specName) (compiled spec sha256:\(compiled.shortHash))",
                    summary: results.first?.summary, scenarios: results,
                    capacity: ReportCapacity.line(for: compiled))
            },
            json: {
                WhatIfResultOutput.document(results, warnings: warnings, thresholds: checked.status).pretty
            })
        WhatIfResultOutput.writeThresholds(checked.status, format: format.output, to: stream)
        try thresholds.finish(checked, suite: "edgeproof whatif")
    }

    /// One scenario per added profile: the trace at scale 1 with the profile's synthetic traffic merged in over the
    /// trace's own window (seed 1).
    private func addedScenarios(_ compiled: CompiledEdge, reference: ScenarioResult) throws -> [WhatIfScenario] {
        let summary = reference.summary
        let start = summary.firstTimestamp ?? 0
        let duration = max(60_000, (summary.lastTimestamp ?? start) - start)
        let baseRPS = Double(summary.requests) / max(0.001, reference.scale) / (Double(duration) / 1000)
        return try addProfiles.map { name in
            let profile: LoadProfile
            do {
                profile = try LoadProfileBuilder.addedTraffic(
                    named: name, edge: compiled, baseRequestsPerSecond: baseRPS,
                    startMilliseconds: start, durationMilliseconds: duration)
            } catch {
                StandardError.write("error: --add-profile \(name): \(error)\n")
                throw ExitCode(1)
            }
            let path = NSTemporaryDirectory() + "edgeproof-added-\(getpid())-\(name).jsonl"
            do {
                let writer = try NativeTraceWriter(path: path)
                _ = try TraceSynthesizer(
                    profile: profile, seed: 1, startMilliseconds: start, durationMilliseconds: duration
                ).write(to: writer)
                try writer.finish()
            } catch {
                StandardError.write("error: --add-profile \(name): \(error)\n")
                throw ExitCode(1)
            }
            return WhatIfScenario(name: "+\(name)", scale: 1, addedTrace: path, addedProfile: name)
        }
    }

    /// Runs `scenarios` over the traces at `paths`. Their findings (malformed lines) are printed after the first
    /// run only (`tracesRead` false): every later run reads the same traces and finds the same. The progress line
    /// is cleared after each run, before anything else is printed.
    private func run(
        _ compiled: CompiledEdge, _ scenarios: [WhatIfScenario], _ paths: [String], _ options: ReplayOptions,
        _ stream: ResultStream, tracesRead: inout Bool, progress: ProgressMeter?
    ) throws -> (results: [ScenarioResult], warnings: [String]) {
        defer { tracesRead = true }
        return try TraceInput.reading(printingFindings: !tracesRead, github: format.output == .github ? stream : nil) {
            diagnostics in
            defer { progress?.finish() }
            return try WhatIf.run(
                compiled, trace: paths, scenarios: scenarios, options: options, diagnostics: diagnostics)
        }
    }
}
