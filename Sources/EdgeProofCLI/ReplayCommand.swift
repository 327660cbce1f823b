import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Simulation
import Traces

/// `edgeproof replay [SPEC] --trace FILE…`: stream traces through the edge model and summarise.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay request traces through the edge model: actions, rules, rate limits, cache, origin load.",
        discussion: """
            Exit 0; 1 when a --threshold condition (or, with --spec-thresholds, one of the spec's thresholds) does \
            not hold; 2 for unreadable traces or more malformed lines than --max-errors.
            """)

    @OptionGroup var spec: SpecArgument

    @OptionGroup var traces: TraceInput

    @OptionGroup var format: ResultFormatOption

    @Option(help: "Write one JSON decision per record, in input order, to this file.")
    var decisions: String?

    @Option(help: "Write the summary to this file: HTML when it ends in .html, JSON otherwise.")
    var report: String?

    @Option(
        help: ArgumentHelp(
            "Write the summary to this file as the JSON result with exact counts, for 'edgeproof merge' (replay each "
                + "shard of a partition with it).", valueName: "file"))
    var summaryJson: String?

    @OptionGroup var thresholds: ThresholdOptions

    @Flag(help: "Show Authorization, Cookie and sensitive query parameters in examples.")
    var noRedact = false

    func run() throws {
        var options = try traces.replayOptions(deprecatedFormat: format.deprecatedTraceFormat)
        let given = try thresholds.given(scoped: false)
        let outputs = [
            ("--decisions", decisions), ("--report", report), ("--summary-json", summaryJson),
            ("--junit", thresholds.junit),
        ]
        try CommandOutput.refuseConflicts(inputs: [spec.path] + traces.paths, outputs: outputs)
        let stream = try ResultStream.choosing(outputs: outputs)
        let compiled = try spec.load(format: format.output)
        options.decisionsPath = decisions
        options.redactor = Redactor.forSpec(compiled, enabled: !noRedact)
        let progress = TraceProgress.attach(to: &options, paths: traces.paths, passes: 1)
        let summary = try TraceInput.reading(github: format.output == .github ? stream : nil) { diagnostics in
            defer { progress?.finish() }
            return try Replay.run(compiled, paths: traces.paths, options: options, diagnostics: diagnostics)
        }
        let checked = thresholds.evaluate(given, spec: compiled, runs: [(nil, summary.metric)])
        ReplayResultOutput.write(summary, format: format.output, thresholds: checked.status, to: stream)
        TraceInput.printWarnings(unsupplied: summary.unsuppliedFields)
        try CommandOutput.writeReport(
            to: report,
            html: {
                HTMLReport(
                    title: "Replay of \(traces.fileNames)",
                    subtitle: "through \(compiled.specName) (compiled spec sha256:\(compiled.shortHash))",
                    summary: summary, capacity: ReportCapacity.line(for: compiled))
            }, json: { ReplayResultOutput.document(summary, thresholds: checked.status).pretty })
        if let summaryJson {
            let settings = MergeableSummary.Settings(
                reorderWindowMs: options.toleranceMilliseconds, rateLimitDelayMs: summary.rateLimitDelay.milliseconds,
                redacted: !noRedact)
            try CommandOutput.write(
                MergeableSummary.document(summary, compiled: compiled, settings: settings).pretty,
                to: summaryJson)
        }
        ReplayResultOutput.writeThresholds(checked.status, format: format.output, to: stream)
        try thresholds.finish(checked, suite: "edgeproof replay")
    }
}

/// The capacity line charts draw, from the spec's Fly settings.
enum ReportCapacity {
    static func line(for compiled: CompiledEdge) -> CapacityLine? {
        guard compiled.fly != nil else { return nil }
        let model = CapacityModel(fly: compiled.fly)
        return CapacityLine(
            softLimitPerMachine: model.softLimitPerMachine, hardLimitPerMachine: model.hardLimitPerMachine,
            machines: model.machines)
    }
}
