import EdgeCore
import Foundation

@testable import Traces

/// Reads every record of an in-memory trace; returns the records and the reader (for diagnostics).
func readAll(
    _ text: String, format: TraceFormat = .auto, options: TraceReaderOptions = TraceReaderOptions()
) throws -> (records: [TraceRecord], reader: TraceReader) {
    try readAll(bytes: Array(text.utf8), format: format, options: options)
}

/// Reads every record of in-memory bytes. Input whose every line is malformed ends like an empty one here (the
/// reader's `noRecords` error is asserted by its own tests), so callers can inspect the line diagnostics.
func readAll(
    bytes: [UInt8], format: TraceFormat = .auto, options: TraceReaderOptions = TraceReaderOptions()
) throws -> (records: [TraceRecord], reader: TraceReader) {
    let reader = TraceReader(bytes: bytes, name: "test.trace", format: format, options: options)
    var records: [TraceRecord] = []
    do {
        while let record = try reader.next() { records.append(record) }
    } catch .noRecords {
        return (records, reader)
    }
    return (records, reader)
}

/// The shared real combined-log sample, or nil (with a printed message) when the shared directory is absent.
func sharedCombinedLogPath(filePath: String = #filePath) -> String? {
    let packageRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [
        packageRoot.appendingPathComponent("../shared/traces/apache-combined-2015-10k.log").standardized.path,
        "/work/shared/traces/apache-combined-2015-10k.log",
    ]
    for candidate in candidates where FileManager.default.isReadableFile(atPath: candidate) { return candidate }
    print("skipping: the shared trace apache-combined-2015-10k.log is not present (looked in \(candidates))")
    return nil
}

/// A deterministic byte generator for garbage inputs.
struct ByteGenerator {
    var state: UInt64
    mutating func next() -> UInt8 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

/// Diagnostics of one ID.
func diagnostics(_ reader: TraceReader, _ id: String) -> [Diagnostic] {
    reader.diagnostics.diagnostics.filter { $0.id == id }
}
