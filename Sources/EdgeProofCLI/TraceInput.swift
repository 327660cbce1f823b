import ArgumentParser
import CloudflareRegex
import EdgeCore
import Foundation
import Simulation
import Traces

extension TraceFormat: ExpressibleByArgument {}

/// The trace options every command that replays traces takes (`replay`, `whatif`, `diff`), with one meaning and
/// one help text each; `--rate-limit-delay` and `--jobs` come with them.
struct TraceInput: ParsableArguments {
    @Option(
        name: .customLong("trace"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Trace files (native JSONL, Logpush ndjson or combined log; .gz allowed), merged by timestamp; - reads "
                + "standard input."))
    var paths: [String] = []

    /// The trace files' names without their folders, comma-separated, for report titles.
    var fileNames: String { paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ") }

    @OptionGroup var reading: TraceReadingOptions

    @Option(
        help: ArgumentHelp(
            "How late (behind the newest record of its colo) a record may arrive and still be re-ordered, "
                + "e.g. 120s or 2m.", valueName: "duration"))
    var reorderWindow = EdgeDuration.seconds(120)

    @OptionGroup var rateLimitDelay: RateLimitDelayArgument

    @OptionGroup var jobs: JobsOption

    /// Replay options reading the traces as these flags say; a usage error without a trace, with a negative
    /// `--max-errors`, or with standard input named twice or a terminal. `deprecatedFormat` is a trace format given
    /// to `--format` (its old meaning): it is used, with a warning naming `--trace-format`, unless that is given
    /// too. Checked when the command runs, so that an unknown option is reported as such first.
    func replayOptions(deprecatedFormat: TraceFormat? = nil) throws -> ReplayOptions {
        guard !paths.isEmpty else { throw ValidationError("give at least one --trace FILE") }
        guard reading.maxErrors >= 0 else { throw ValidationError("--max-errors must be 0 or more") }
        try StandardInputTrace.check(paths)
        var options = ReplayOptions()
        options.format = reading.format ?? .auto
        if let deprecatedFormat {
            guard reading.format == nil else {
                throw ValidationError(
                    "--format \(deprecatedFormat.rawValue) and --trace-format both name the trace format; "
                        + "keep --trace-format (--format now chooses the result: text, json, github or markdown)")
            }
            StandardError.write(
                "warning: --format \(deprecatedFormat.rawValue) is the old spelling of --trace-format "
                    + "\(deprecatedFormat.rawValue) and will stop working in the next release; --format now chooses "
                    + "the result: text, json, github or markdown\n")
            options.format = deprecatedFormat
        }
        options.maxErrors = reading.maxErrors
        options.toleranceMilliseconds = reorderWindow.milliseconds
        options.rateLimitDelay = try rateLimitDelay.value()
        options.jobs = try jobs.value()
        return options
    }

    /// Runs `body` (a replay, what-if or diff over the traces) with a collector for the traces' findings
    /// (malformed lines) and prints them (unless `printingFindings` is false): on standard error, or as workflow
    /// warnings on the result's stream when the result is `github`. A trace that cannot be read is printed after
    /// the findings before it and ends the command with exit 2.
    static func reading<Result>(
        printingFindings: Bool = true, github: ResultStream? = nil, _ body: (DiagnosticCollector) throws -> Result
    ) throws -> Result {
        let diagnostics = DiagnosticCollector()
        let result: Result
        do {
            result = try body(diagnostics)
        } catch {
            if printingFindings { printFindings(diagnostics, github: github) }
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if printingFindings { printFindings(diagnostics, github: github) }
        return result
    }

    /// The warnings a replay, what-if or diff prints after its result: one per field the spec reads that no trace
    /// record supplied, then the regex searches left undecided (`undecidedSearches`, by default this process's).
    static func printWarnings(unsupplied fields: [UnsuppliedField], undecidedSearches: Int = UndecidedSearches.count) {
        UnsuppliedFieldWarning.print(fields)
        UndecidedSearchWarning.printIfAny(count: undecidedSearches)
    }

    /// Prints up to 20 trace findings, then how many more there were: on standard error, or on `github` as workflow
    /// warnings (a skipped line does not fail the run, so it is no `::error`).
    static func printFindings(_ diagnostics: DiagnosticCollector, github: ResultStream?) {
        let shown = diagnostics.diagnostics.prefix(20)
        let more = diagnostics.diagnostics.count - shown.count
        if let github {
            github.write(
                DiagnosticGitHubRenderer.render(
                    shown.map { finding in
                        var warning = finding
                        warning.severity = .warning
                        return warning
                    }))
            if more > 0 { github.write("::warning title=Trace findings::\(more) more trace findings\n") }
            return
        }
        for diagnostic in shown {
            StandardError.write(
                "\(diagnostic.range): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]\n")
        }
        if more > 0 { StandardError.write("… and \(more) more trace findings\n") }
    }
}
