import EdgeCore
import Foundation
import Testing
import Traces

@testable import Simulation

private let base: Int64 = 1_700_000_000_000

/// Writes `lines` to a fresh temporary file and returns its path.
private func writeTrace(_ name: String, _ lines: [String]) throws -> String {
    let path = NSTemporaryDirectory() + "edgeproof-merge-\(UUID().uuidString)-\(name).jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func line(_ time: Int64?, _ path: String) -> String {
    time.map { #"{"ts":\#(base + $0),"path":"\#(path)"}"# } ?? #"{"path":"\#(path)"}"#
}

/// Every record of `source` in time order: input index, virtual time, lateness and path.
private func ordered(_ source: MergedTraceSource, tolerance: Int64) throws -> [(Int, Int64, Bool, String?)] {
    var reader = TimeOrderedTraceReader(source, toleranceMs: tolerance)
    var result: [(Int, Int64, Bool, String?)] = []
    try reader.forEachRecord { item in
        result.append((item.inputIndex, item.virtualTimeMs, item.isLate, item.record.string(item.record.path)))
    }
    return result
}

@Test func oneFileIsReadAsTheReaderReadsIt() throws {
    let times: [Int64?] = [5_000, 1_000, nil, 3_000, 2_000, 9_000, 100, 4_000, 8_000]
    let path = try writeTrace("one", times.enumerated().map { line($0.element, "/\($0.offset)") } + ["{broken"])
    defer { try? FileManager.default.removeItem(atPath: path) }
    let diagnostics = DiagnosticCollector()
    var merged = try MergedTraceSource(
        paths: [path], format: .native, options: TraceReaderOptions(), diagnostics: diagnostics)
    var fromMerge: [(Int64?, String?)] = []
    var record = TraceRecord()
    while try merged.next(into: &record) { fromMerge.append((record.timestampMs, record.string(record.path))) }
    let reader = try TraceReader(path: path, format: .native)
    var direct: [(Int64?, String?)] = []
    while let record = try reader.next() { direct.append((record.timestampMs, record.string(record.path))) }
    #expect(fromMerge.count == times.count)
    #expect(fromMerge.map(\.0) == direct.map(\.0))
    #expect(fromMerge.map(\.1) == direct.map(\.1))
    #expect(merged.statistics.malformed == 1)
    #expect(diagnostics.hasErrors)
    // Through the time order: a late record (100 after 9,000 with 5 s tolerance) and one without a timestamp.
    let result = try ordered(
        try MergedTraceSource(
            paths: [path], format: .native, options: TraceReaderOptions(), diagnostics: DiagnosticCollector()),
        tolerance: 5_000)
    #expect(result.map(\.0) == [1, 4, 3, 6, 7, 0, 2, 8, 5])
    #expect(result.map(\.1) == [1_000, 2_000, 3_000, 3_000, 4_000, 5_000, 5_000, 8_000, 9_000].map { base + $0 })
    #expect(result.filter(\.2).map(\.0) == [6])
}

@Test func severalFilesMergeIntoTheOrderOfOneSortedFile() throws {
    // Two files, each in time order, interleaved in time.
    var all: [(time: Int64, path: String)] = []
    for index in 0..<400 {
        let time = Int64(index * 37 % 10_007 * 3 + index % 2)
        all.append((time, "/\(index)"))
    }
    all.sort { $0.time < $1.time }
    let even = all.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let odd = all.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    let first = try writeTrace("even", even.map { line($0.0, $0.1) })
    let second = try writeTrace("odd", odd.map { line($0.0, $0.1) })
    let single = try writeTrace("all", all.map { line($0.0, $0.1) })
    defer { for path in [first, second, single] { try? FileManager.default.removeItem(atPath: path) } }
    let options = TraceReaderOptions()
    let merged = try ordered(
        try MergedTraceSource(
            paths: [first, second], format: .native, options: options, diagnostics: DiagnosticCollector()),
        tolerance: 1_000)
    let alone = try ordered(
        try MergedTraceSource(paths: [single], format: .native, options: options, diagnostics: DiagnosticCollector()),
        tolerance: 1_000)
    #expect(merged.count == all.count)
    #expect(merged.map(\.0) == alone.map(\.0))
    #expect(merged.map(\.1) == alone.map(\.1))
    #expect(merged.map(\.3) == alone.map(\.3))
    #expect(merged.map(\.3) == all.map(\.1))
}
