import ArgumentParser
import Traces

/// How trace files are read, declared once for every command that reads traces: `--trace-format` and
/// `--max-errors`, with the same help everywhere (`docs/trace-format.md`).
struct TraceReadingOptions: ParsableArguments {
    @Option(name: .customLong("trace-format"), help: "Trace format: auto, native, logpush or combined.")
    var format: TraceFormat?

    @Option(help: "Stop with exit 2 after this many malformed lines in a trace file.")
    var maxErrors: Int = 100
}
