import EdgeCore
import Testing

@testable import Traces

/// Times in these tests are milliseconds after this instant.
private let base: Int64 = 1_700_000_000_000

private func trace(_ times: [Int64?]) -> TraceReader {
    let text = times.enumerated().map { index, time in
        time.map { #"{"ts":\#(base + $0),"path":"/\#(index)"}"# } ?? #"{"path":"/\#(index)"}"#
    }.joined(separator: "\n")
    return TraceReader(bytes: Array(text.utf8), name: "order", format: .native)
}

/// The documented rules, written as plainly as possible: hold every record, emit the earliest (ties in input
/// order) once the latest timestamp is `tolerance` past it; a record more than `tolerance` behind the latest is
/// late and goes at the current virtual time; a record without a timestamp goes at the latest time seen.
private func referenceOrder(_ times: [Int64?], tolerance: Int64) -> [(index: Int, time: Int64, late: Bool)] {
    var held: [(index: Int, time: Int64, late: Bool)] = []
    var result: [(index: Int, time: Int64, late: Bool)] = []
    var latest: Int64?
    var virtual: Int64?
    func earliest() -> Int? {
        held.indices.min { (held[$0].time, held[$0].index) < (held[$1].time, held[$1].index) }
    }
    func emitReady(all: Bool) {
        while let position = earliest(), all || latest.map({ held[position].time <= $0 - tolerance }) ?? true {
            let item = held.remove(at: position)
            virtual = item.time
            result.append(item)
        }
    }
    for (index, stamp) in times.enumerated() {
        emitReady(all: false)
        var time: Int64
        var late = false
        if let stamp {
            let value = base + stamp
            time = value
            if let latestSeen = latest, value < latestSeen - tolerance {
                late = true
                time = max(value, virtual ?? value)
            }
            latest = max(latest ?? value, value)
        } else {
            time = max(latest ?? 0, virtual ?? 0)
        }
        held.append((index, time, late))
    }
    emitReady(all: true)
    return result
}

/// A deterministic pseudo-random sequence.
private struct Sequence64 {
    var state: UInt64
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// Times whose rate rises and falls (so the held window grows and shrinks and slots are reused out of order),
/// with jitter, late records and records without a timestamp.
private func variedTimes(count: Int, seed: UInt64) -> [Int64?] {
    var random = Sequence64(state: seed)
    var clock: Int64 = 0
    return (0..<count).map { index in
        let phase = (index / 500) % 4
        clock += Int64([1, 20, 3, 40][phase] * random.next(below: 3))
        switch random.next(below: 40) {
        case 0: return nil
        case 1: return max(0, clock - 5_000 - Int64(random.next(below: 3_000)))  // late
        case 2...11: return max(0, clock - Int64(random.next(below: 900)))  // out of order, within tolerance
        default: return clock
        }
    }
}

@Test(arguments: [UInt64(1), 7, 42])
func heldRecordsFollowTheDocumentedOrder(seed: UInt64) throws {
    let times = variedTimes(count: 6_000, seed: seed)
    let expected = referenceOrder(times, tolerance: 1_000)
    var ordered = TimeOrderedTraceReader(trace(times), toleranceMs: 1_000)
    var result: [(index: Int, time: Int64, late: Bool, path: String?)] = []
    try ordered.forEachRecord { item in
        result.append((item.inputIndex, item.virtualTimeMs, item.isLate, item.record.string(item.record.path)))
    }
    #expect(result.count == times.count)
    #expect(result.map(\.index) == expected.map(\.index))
    #expect(result.map(\.time) == expected.map(\.time))
    #expect(result.map(\.late) == expected.map(\.late))
    #expect(ordered.lateRecords == expected.filter(\.late).count)
    #expect(ordered.lateRecords > 0)
    // Each record handed out is the one read at its input index, not a neighbour left in a reused place.
    #expect(result.allSatisfy { $0.path == "/\($0.index)" })
}

@Test func nextAndForEachRecordGiveTheSameRecords() throws {
    let times = variedTimes(count: 3_000, seed: 99)
    var copied = TimeOrderedTraceReader(trace(times), toleranceMs: 500)
    var fromNext: [(Int, Int64, Int64?)] = []
    while let item = try copied.next() {
        fromNext.append((item.inputIndex, item.virtualTimeMs, item.record.timestampMs))
    }
    var lent = TimeOrderedTraceReader(trace(times), toleranceMs: 500)
    var fromVisit: [(Int, Int64, Int64?)] = []
    try lent.forEachRecord { item in fromVisit.append((item.inputIndex, item.virtualTimeMs, item.record.timestampMs)) }
    #expect(fromNext.count == times.count)
    #expect(fromNext.map(\.0) == fromVisit.map(\.0))
    #expect(fromNext.map(\.1) == fromVisit.map(\.1))
    #expect(fromNext.map(\.2) == fromVisit.map(\.2))
    #expect(copied.peakBuffered == lent.peakBuffered)
}

@Test func recordsKeptFromNextStayIntactWhileReadingOn() throws {
    // `next()` hands out copies: keeping them while the buffer places are reused must not change them.
    let times: [Int64?] = (0..<2_000).map { Int64($0 * 10 + ($0 % 7) * 30) }
    var ordered = TimeOrderedTraceReader(trace(times), toleranceMs: 200)
    var kept: [OrderedTraceRecord] = []
    while let item = try ordered.next() { kept.append(item) }
    #expect(kept.count == times.count)
    #expect(kept.allSatisfy { $0.record.string($0.record.path) == "/\($0.inputIndex)" })
    #expect(kept.allSatisfy { $0.record.timestampMs == times[$0.inputIndex].map { base + $0 } })
}

@Test func malformedLinesAreSkippedAndTheRestKeepTheirOrder() throws {
    let text = """
        {"ts":\(base + 3_000),"path":"/a"}
        {"ts":\(base + 1_000),"path":
        {"ts":\(base + 2_000),"path":"/b"}
        {"path":"/c"}
        """
    let diagnostics = DiagnosticCollector()
    let reader = TraceReader(bytes: Array(text.utf8), name: "mixed", format: .native, diagnostics: diagnostics)
    var ordered = TimeOrderedTraceReader(reader, toleranceMs: 10_000)
    var paths: [String?] = []
    try ordered.forEachRecord { item in paths.append(item.record.string(item.record.path)) }
    #expect(paths == ["/b", "/a", "/c"])
    #expect(ordered.source.statistics.malformedLines == 1)
    #expect(diagnostics.diagnostics.map(\.range.start.line) == [2])
}
