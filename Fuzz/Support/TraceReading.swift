import EdgeCore
import Traces

/// Shared by the trace harnesses (NativeTrace, LogpushTrace, CombinedLog, GzipTrace): reading a fuzzed trace
/// through the public `TraceReader` over memory and the time-order buffer, as `replay` does.

/// Reader limits drawn from one input byte, so libFuzzer varies where chunks end and how lines overflow: chunks of
/// 16–268 bytes (every line crosses chunk boundaries), sometimes a line limit of 16–142 bytes and an error limit
/// of 2.
func fuzzedOptions(_ byte: UInt8) -> TraceReaderOptions {
    let chunkSize = 16 + Int(byte & 0x3F) * 4
    let maxLineLength = byte & 0x40 != 0 ? 16 + Int(byte & 0x3F) * 2 : 16 << 20
    let maxErrors = byte & 0x80 != 0 ? 2 : 100
    return TraceReaderOptions(chunkSize: chunkSize, maxLineLength: maxLineLength, maxErrors: maxErrors, maxWarnings: 8)
}

/// Reads every record of `bytes` in time order and returns each as its native JSONL line, with the reader's
/// diagnostics, checking on the way that a record written as native JSONL reads back to the same line (nothing
/// lost between reading and writing). Reading may stop with a `TraceReadError` (too many malformed lines); that
/// is a correct outcome.
@discardableResult
func readTrace(_ bytes: [UInt8], format: TraceFormat, options: TraceReaderOptions) -> (
    lines: [String], diagnostics: [Diagnostic]
) {
    let reader = TraceReader(bytes: bytes, name: "fuzz.trace", format: format, options: options)
    var ordered = TimeOrderedTraceReader(reader, toleranceMs: 60_000)
    var lines: [String] = []
    do {
        while let next = try ordered.next() {
            lines.append(checkedNativeLine(next.record))
        }
    } catch {
        _ = error.description
    }
    let diagnostics = reader.diagnostics.sorted
    _ = DiagnosticTextRenderer(sources: []).render(diagnostics, summaryFor: reader.name)
    _ = DiagnosticJSONRenderer.render(diagnostics, file: reader.name)
    return (lines, diagnostics)
}

/// The record's native JSONL line, after touching its derived values and checking that the line reads back to
/// a record that writes the same line.
func checkedNativeLine(_ record: TraceRecord) -> String {
    _ = (record.requestHeaders, record.headerValues(named: "user-agent"), record.effectivePort, record.effectiveSSL)
    let line = NativeTraceWriter.line(for: record)
    let again: TraceRecord
    do {
        again = try TraceRecord.fromNativeJSON(line)
    } catch {
        fatalError("a written record does not read back: \(error) in \(line)")
    }
    let rewritten = NativeTraceWriter.line(for: again)
    guard rewritten == line else {
        fatalError("a written record reads back differently:\n  \(line)\n  \(rewritten)")
    }
    return line
}
