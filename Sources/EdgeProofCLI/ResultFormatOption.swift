import ArgumentParser
import Traces

/// A value of `--format` on `replay`, `whatif` and `diff`: the result's format, or a trace format under the option's
/// old meaning (kept for one release, with a warning naming `--trace-format`).
enum ResultFormatValue: ExpressibleByArgument, Equatable {
    /// `text`, `json`, `github` or `markdown`.
    case result(OutputFormat)
    /// `auto`, `native`, `logpush` or `combined`, which `--trace-format` now takes.
    case traceFormat(TraceFormat)

    /// The result format named `argument`, else the trace format; nil for anything else.
    init?(argument: String) {
        if let format = OutputFormat(rawValue: argument) {
            self = .result(format)
        } else if let format = TraceFormat(rawValue: argument) {
            self = .traceFormat(format)
        } else {
            return nil
        }
    }

    /// The values help and usage errors list: the result formats only.
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }

    /// The value as written on the command line.
    var defaultValueDescription: String {
        switch self {
        case let .result(format): format.rawValue
        case let .traceFormat(format): format.rawValue
        }
    }
}

/// The `--format` option of the commands that replay traces: the form of the result on standard output.
struct ResultFormatOption: ParsableArguments {
    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "The result on standard output: text, json (the --report document), github (workflow commands) or "
                + "markdown (a pull-request comment).", valueName: "format"))
    var value: ResultFormatValue = .result(.text)

    /// The result's format (text when `--format` named a trace format).
    var output: OutputFormat {
        if case let .result(format) = value { return format }
        return .text
    }

    /// The trace format `--format` named under its old meaning, if it did.
    var deprecatedTraceFormat: TraceFormat? {
        if case let .traceFormat(format) = value { return format }
        return nil
    }
}
