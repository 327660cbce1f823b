import Testing

@testable import Traces

/// Times in the tests are milliseconds after this instant (epoch milliseconds are told by magnitude).
private let base: Int64 = 1_700_000_000_000

private func records(_ times: [Int64?]) -> TraceReader {
    let text = times.enumerated().map { index, time in
        time.map { #"{"ts":\#(base + $0),"path":"/\#(index)"}"# } ?? #"{"path":"/\#(index)"}"#
    }.joined(separator: "\n")
    return TraceReader(bytes: Array(text.utf8), name: "order", format: .native)
}

@Test func recordsComeOutInTimeOrderWithTheirInputIndex() throws {
    var ordered = TimeOrderedTraceReader(records([5_000, 1_000, 3_000, 2_000, 4_000]), toleranceMs: 10_000)
    var result: [(Int, Int64)] = []
    while let item = try ordered.next() { result.append((item.inputIndex, item.virtualTimeMs)) }
    #expect(result.map(\.0) == [1, 3, 2, 4, 0])
    #expect(result.map(\.1) == [1_000, 2_000, 3_000, 4_000, 5_000].map { base + $0 })
    #expect(ordered.lateRecords == 0)
}

@Test func lateRecordsAreEmittedAtTheVirtualTimeAndCounted() throws {
    // Tolerance 1 s: the record at 1,000 arrives after 10,000 was seen, so it is late.
    let times: [Int64?] = [8_000, 9_000, 10_000, 12_000, 1_000, 11_500, 20_000, nil, 2_000]
    var ordered = TimeOrderedTraceReader(records(times), toleranceMs: 1_000)
    var result: [OrderedTraceRecord] = []
    while let item = try ordered.next() { result.append(item) }
    #expect(result.count == times.count)  // nothing dropped
    #expect(ordered.lateRecords == 2)
    #expect(result.filter(\.isLate).map(\.inputIndex) == [4, 8])
    let late = try #require(result.first { $0.inputIndex == 4 })
    #expect(late.record.timestampMs == base + 1_000)
    #expect(late.virtualTimeMs == base + 10_000)  // the virtual time when it arrived, not its own
    let virtualTimes = result.map(\.virtualTimeMs)
    #expect(virtualTimes == virtualTimes.sorted())
    #expect(result.first { $0.inputIndex == 7 }?.virtualTimeMs == base + 20_000)  // no timestamp: the latest seen
    #expect(result.first { $0.inputIndex == 5 }?.isLate == false)  // 11.5 s, within 1 s of 12 s
}

@Test func bufferIsBoundedByTheWindow() throws {
    let times: [Int64?] = (0..<20_000).map { (index: Int) -> Int64? in
        let jitter = Int64((index * 7919) % 50) * 10
        return Int64(index) * 100 + jitter
    }
    var ordered = TimeOrderedTraceReader(records(times), toleranceMs: 1_000)
    var count = 0
    while try ordered.next() != nil { count += 1 }
    #expect(count == 20_000)
    #expect(ordered.peakBuffered <= 20)
}
