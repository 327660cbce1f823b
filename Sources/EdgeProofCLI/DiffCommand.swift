import ArgumentParser
import EdgeCore
import Foundation
import Simulation
import Traces

/// `edgeproof diff BASE HEAD --trace FILE`: which requests change outcome between two specs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Replay a trace through two specs and report the requests whose outcome changes, grouped by old → new "
            + "and rule.",
        discussion: "Exit 0; 1 with --fail-on-change when any outcome changed; 2 for unreadable input.")

    @Argument(help: "The spec before the change.")
    var base: String

    @Argument(help: "The spec after the change.")
    var head: String

    @OptionGroup var traces: TraceInput

    @OptionGroup var format: ResultFormatOption

    @Flag(help: "Exit 1 when any request changes outcome.")
    var failOnChange = false

    @Option(help: "Write the groups to this file: HTML when it ends in .html, JSON otherwise.")
    var report: String?

    @Option(help: "Write a JUnit report (one failing case per changed group).")
    var junit: String?

    @Flag(help: "Show Authorization, Cookie and sensitive query parameters in examples.")
    var noRedact = false

    func run() throws {
        var options = try traces.replayOptions(deprecatedFormat: format.deprecatedTraceFormat)
        let outputs = [("--report", report), ("--junit", junit)]
        try CommandOutput.refuseConflicts(inputs: [base, head] + traces.paths, outputs: outputs)
        let stream = try ResultStream.choosing(outputs: outputs)
        let baseSpec = try SpecLoader.load(base, format: format.output)
        let headSpec = try SpecLoader.load(head, format: format.output)
        options.redactor = Redactor.forSpec(headSpec, enabled: !noRedact)
        let progress = TraceProgress.attach(to: &options, paths: traces.paths, passes: 1)
        let result = try TraceInput.reading(github: format.output == .github ? stream : nil) { diagnostics in
            defer { progress?.finish() }
            return try SpecDiff.run(
                base: baseSpec, head: headSpec, paths: traces.paths, options: options, diagnostics: diagnostics)
        }
        DiffResultOutput.write(result, format: format.output, failOnChange: failOnChange, to: stream)
        TraceInput.printWarnings(unsupplied: result.unsuppliedFields)
        try CommandOutput.writeReport(
            to: report,
            html: {
                HTMLReport(
                    title: "Diff: \(base) → \(head)",
                    subtitle: "\(result.changed) of \(result.requests) requests change outcome",
                    diffGroups: result.groups.map { DiffGroupRow($0, totalRequests: result.requests) })
            }, json: { SpecDiffRenderer.json(result).pretty })
        if let junit { try CommandOutput.write(SpecDiffRenderer.junit(result, suite: "edgeproof diff"), to: junit) }
        if failOnChange, result.changed > 0 { throw ExitCode(1) }
    }
}
