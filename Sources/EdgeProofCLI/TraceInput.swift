import ArgumentParser
import EdgeCore
import Foundation
import Simulation
import Traces

extension TraceFormat: ExpressibleByArgument {}

/// The trace options every command that replays traces takes (`replay`, `whatif`, `diff`), with one meaning and
/// one help text each; `--rate-limit-delay` comes with them.
struct TraceInput: ParsableArguments {
    @Option(
        name: .customLong("trace"), parsing: .upToNextOption,
        help: "Trace files (native JSONL, Logpush ndjson or combined log; .gz allowed), merged by timestamp.")
    var paths: [String] = []

    /// The trace files' names without their folders, comma-separated, for report titles.
    var fileNames: String { paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ") }

    @Option(
        name: [.customLong("trace-format"), .customLong("format")],
        help: "Trace format: auto, native, logpush or combined (--format is an alias).")
    var format: TraceFormat = .auto

    @Option(help: "Stop with exit 2 after this many malformed lines.")
    var maxErrors: Int = 100

    @Option(
        help: ArgumentHelp(
            "How late (behind the newest record) a record may arrive and still be re-ordered, "
                + "e.g. 120s or 2m.", valueName: "duration"))
    var reorderWindow = EdgeDuration.seconds(120)

    @OptionGroup var rateLimitDelay: RateLimitDelayArgument

    /// Replay options reading the traces as these flags say; a usage error without a trace or with a negative
    /// `--max-errors`. Checked when the command runs, so that an unknown option is reported as such first.
    func replayOptions() throws -> ReplayOptions {
        guard !paths.isEmpty else { throw ValidationError("give at least one --trace FILE") }
        guard maxErrors >= 0 else { throw ValidationError("--max-errors must be 0 or more") }
        var options = ReplayOptions()
        options.format = format
        options.maxErrors = maxErrors
        options.toleranceMilliseconds = reorderWindow.milliseconds
        options.rateLimitDelay = try rateLimitDelay.value()
        return options
    }

    /// Writes the trace findings (malformed lines) to stderr: the first 20, then how many more.
    /// Runs `body` (a replay, what-if or diff over the traces) with a collector for the traces' findings and
    /// prints them on standard error (unless `printingFindings` is false); a trace that cannot be read is printed
    /// after the findings before it and ends the command with exit 2.
    static func reading<Result>(
        printingFindings: Bool = true, _ body: (DiagnosticCollector) throws -> Result
    ) throws -> Result {
        let diagnostics = DiagnosticCollector()
        let result: Result
        do {
            result = try body(diagnostics)
        } catch {
            if printingFindings { printFindings(diagnostics) }
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if printingFindings { printFindings(diagnostics) }
        return result
    }

    /// Prints up to 20 trace findings on standard error, then how many more there were.
    private static func printFindings(_ diagnostics: DiagnosticCollector) {
        let shown = diagnostics.diagnostics.prefix(20)
        for diagnostic in shown {
            StandardError.write(
                "\(diagnostic.range): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]\n")
        }
        if diagnostics.diagnostics.count > shown.count {
            StandardError.write("… and \(diagnostics.diagnostics.count - shown.count) more trace findings\n")
        }
    }
}
