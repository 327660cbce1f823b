import EdgeCore
import Testing

@testable import Traces

/// Times in these tests are milliseconds after this instant.
private let base: Int64 = 1_700_000_000_000

/// A record at `time` (nil: no timestamp) in `colo` (nil: none), its path naming its input index.
private struct Line {
    let time: Int64?
    let colo: String?
}

private func trace(_ lines: [Line]) -> TraceReader {
    let text = lines.enumerated().map { index, line in
        var fields = [#""path":"/\#(index)""#]
        if let time = line.time { fields.append(#""ts":\#(base + time)"#) }
        if let colo = line.colo { fields.append(#""colo":"\#(colo)""#) }
        return "{" + fields.joined(separator: ",") + "}"
    }.joined(separator: "\n")
    return TraceReader(bytes: Array(text.utf8), name: "colos", format: .native)
}

/// What each input record got: its virtual time and whether it was late, by input index.
private func outcomes(_ lines: [Line], tolerance: Int64) throws -> [Int: (time: Int64, late: Bool)] {
    var ordered = TimeOrderedTraceReader(trace(lines), toleranceMs: tolerance)
    var result: [Int: (time: Int64, late: Bool)] = [:]
    try ordered.forEachRecord { item in
        #expect(item.record.string(item.record.path) == "/\(item.inputIndex)")
        result[item.inputIndex] = (item.virtualTimeMs, item.isLate)
    }
    return result
}

@Test func aColoWhoseLogsRunBehindIsNotLate() throws {
    // SIN's records arrive five minutes behind FRA's: on one clock every SIN record would be late and run at FRA's
    // time; on its own clock each runs at its own timestamp.
    var lines: [Line] = []
    for second in 0..<20 {
        lines.append(Line(time: Int64(300 + second) * 1000, colo: "FRA"))
        lines.append(Line(time: Int64(second) * 1000, colo: "SIN"))
    }
    let got = try outcomes(lines, tolerance: 120_000)
    #expect(got.values.allSatisfy { !$0.late })
    for (index, line) in lines.enumerated() { #expect(got[index]?.time == base + (line.time ?? 0)) }
}

@Test func lateRecordsAreJudgedAgainstTheirOwnColo() throws {
    let lines = [
        Line(time: 10_000, colo: "SIN"), Line(time: 20_000, colo: "SIN"), Line(time: 50_000, colo: "FRA"),
        Line(time: 5_000, colo: "SIN"),  // 15 s behind SIN's newest: late with a 10 s window
        Line(time: 45_000, colo: "FRA"),  // within FRA's window: put in its place
        Line(time: nil, colo: "SIN"),  // no timestamp: SIN's latest time
    ]
    var ordered = TimeOrderedTraceReader(trace(lines), toleranceMs: 10_000)
    var got: [(index: Int, time: Int64, late: Bool)] = []
    try ordered.forEachRecord { got.append(($0.inputIndex, $0.virtualTimeMs, $0.isLate)) }
    #expect(ordered.lateRecords == 1)
    let byIndex = Dictionary(uniqueKeysWithValues: got.map { ($0.index, $0) })
    #expect(byIndex[3]?.late == true)
    #expect(byIndex[3]?.time == base + 10_000)  // SIN's virtual time when it came, not FRA's
    #expect(byIndex[5]?.time == base + 20_000)
    let fra = got.filter { [2, 4].contains($0.index) }.map(\.index)
    #expect(fra == [4, 2])  // FRA's records in FRA's time order
}

/// Records over `colos` colos with skewed traffic, each colo's clock offset from the others, with jitter, late
/// records and records without a timestamp.
private func mixedLines(
    count: Int, colos: Int, seed: UInt64, name: (Int) -> String = { "C\($0)" }
) -> [Line] {
    var state = seed
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    var clocks = (0..<colos).map { Int64($0) * 7_000 }
    return (0..<count).map { _ in
        let colo = min(next(colos), next(colos))  // skewed towards the first colos
        clocks[colo] += Int64(next(40))
        let clock = clocks[colo]
        let time: Int64? =
            switch next(40) {
            case 0: nil
            case 1: max(0, clock - 3_000 - Int64(next(2_000)))
            case 2...9: max(0, clock - Int64(next(900)))
            default: clock
            }
        return Line(time: time, colo: colo == 0 ? nil : name(colo))
    }
}

@Test(arguments: [UInt64(3), 11, 2024])
func eachColoIsOrderedAsIfItWereTheWholeTrace(seed: UInt64) throws {
    // 80 colos, half of them with codes longer than seven bytes (kept as bytes rather than packed).
    let lines = mixedLines(count: 5_000, colos: 80, seed: seed) { $0 % 2 == 0 ? "C\($0)" : "COLO-NUMBER-\($0)" }
    let got = try outcomes(lines, tolerance: 1_000)
    #expect(got.count == lines.count)
    #expect(got.values.contains { $0.late })
    // Each colo alone, as a trace of its own, gives its records the same virtual times and lateness.
    for colo in Set(lines.map { $0.colo ?? "" }) {
        let indices = lines.indices.filter { (lines[$0].colo ?? "") == colo }
        let alone = try outcomes(indices.map { lines[$0] }, tolerance: 1_000)
        for (position, index) in indices.enumerated() {
            #expect(alone[position]?.time == got[index]?.time)
            #expect(alone[position]?.late == got[index]?.late)
        }
    }
}

@Test func coloTimeOrderFedByHandGivesWhatTheReaderGives() throws {
    // Lanes of a parallel replay file records themselves, with their input indices; split across two orders by
    // colo, every record gets what one reader gives it.
    let lines = mixedLines(count: 3_000, colos: 6, seed: 5)
    let expected = try outcomes(lines, tolerance: 1_000)
    var orders = [ColoTimeOrder(toleranceMs: 1_000), ColoTimeOrder(toleranceMs: 1_000)]
    var got: [Int: (time: Int64, late: Bool)] = [:]
    let reader = trace(lines)
    var record = TraceRecord()
    var index = 0
    func drain(_ lane: Int) {
        while let place = orders[lane].nextReady() {
            orders[lane].withRecord(place) { got[$0.inputIndex] = ($0.virtualTimeMs, $0.isLate) }
        }
    }
    while try reader.next(into: &record) {
        let lane = Int(lines[index].colo?.utf8.last ?? 0) & 1
        orders[lane].file(&record, inputIndex: index)
        drain(lane)
        index += 1
    }
    for lane in orders.indices {
        orders[lane].finish()
        drain(lane)
    }
    #expect(got.count == lines.count)
    for index in lines.indices {
        #expect(got[index]?.time == expected[index]?.time)
        #expect(got[index]?.late == expected[index]?.late)
    }
    #expect(orders[0].lateRecords + orders[1].lateRecords == expected.values.filter(\.late).count)
}
