import EdgeCore
import EdgeWire
import Testing

@testable import Traces

@Test func sharedCombinedLogGivesEveryRequestAndRepairsLine8899() throws {
    guard let path = sharedCombinedLogPath() else { return }
    let reader = try TraceReader(path: path)
    var records: [TraceRecord] = []
    while let record = try reader.next() { records.append(record) }
    #expect(reader.format == .combined)
    // 9,999 lines parse as they are; line 8,899 lost the closing quote of its user agent at the end of the line,
    // an unambiguous repair, so it is kept with a warning: 10,000 records.
    #expect(records.count == 10_000)
    #expect(reader.statistics.malformedLines == 0)
    #expect(reader.statistics.repairedLines == 1)
    let repairs = diagnostics(reader, TraceDiagnosticID.repairedLine)
    #expect(repairs.count == 1)
    #expect(repairs.first?.range.start.line == 8_899)
    #expect(repairs.first?.severity == .warning)
    let repaired = try #require(records.first { $0.line == 8_899 })
    #expect(
        repaired.string(repaired.userAgent) == "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"
    )
    #expect(repaired.status == 200 && repaired.bytes == 235)

    var methods: [String: Int] = [:]
    var statuses: [Int: Int] = [:]
    for record in records {
        methods[record.string(record.method) ?? "-", default: 0] += 1
        statuses[record.status ?? 0, default: 0] += 1
    }
    // The shared README counts the 9,999 lines that parse unrepaired; the repaired line is one more GET 200.
    #expect(methods == ["GET": 9_952, "HEAD": 42, "POST": 5, "OPTIONS": 1])
    #expect(statuses[200] == 9_126 && statuses[304] == 445 && statuses[404] == 213 && statuses[301] == 164)
    #expect(statuses[206] == 45 && statuses[500] == 3 && statuses[403] == 2 && statuses[416] == 2)

    let first = try #require(records.first)
    #expect(first.line == 1)
    #expect(first.ip == IPAddress.parse("83.149.9.216"))
    #expect(first.timestampMs == 1_431_857_103_000)  // 17/May/2015:10:05:03 +0000
    #expect(first.string(first.path) == "/presentations/logstash-monitorama-2013/images/kibana-search.png")
    #expect(first.string(first.version) == "HTTP/1.1")
    #expect(first.bytes == 203_023)
    #expect(first.string(first.referer) == "http://semicomplete.com/presentations/logstash-monitorama-2013/")
    #expect(first.host.isAbsent)
    #expect(records.filter { $0.bytes == nil }.count == 669)
}

@Test func sharedCombinedLogIsReorderedWithinEachMinute() throws {
    guard let path = sharedCombinedLogPath() else { return }
    var ordered = TimeOrderedTraceReader(try TraceReader(path: path))
    var inputTimes: [Int64] = []
    var seen = Set<Int>()
    var previous = Int64.min
    var outOfOrderInInput = 0
    var lastInputTime = Int64.min
    var emitted: [OrderedTraceRecord] = []
    while let item = try ordered.next() {
        emitted.append(item)
        #expect(item.virtualTimeMs >= previous)
        previous = item.virtualTimeMs
        seen.insert(item.inputIndex)
    }
    for item in emitted.sorted(by: { $0.inputIndex < $1.inputIndex }) {
        let time = item.record.timestampMs ?? 0
        if time < lastInputTime { outOfOrderInInput += 1 }
        lastInputTime = max(lastInputTime, time)
        inputTimes.append(time)
    }
    #expect(emitted.count == 10_000)
    #expect(seen.count == 10_000)
    #expect(outOfOrderInInput > 1_000)  // the sample is shuffled within each minute
    #expect(ordered.lateRecords == 0)  // never more than 59 s behind, inside the 120 s tolerance
    #expect(emitted.allSatisfy { $0.virtualTimeMs == $0.record.timestampMs })
    #expect(ordered.peakBuffered < 2_000)  // bounded by the window, not the trace
}

@Test func chunkSizeDoesNotChangeWhatIsRead() throws {
    guard let path = sharedCombinedLogPath() else { return }
    func signature(_ options: TraceReaderOptions) throws -> [String] {
        let reader = try TraceReader(path: path, options: options)
        var lines: [String] = []
        while let record = try reader.next() { lines.append("\(record.line) " + NativeTraceWriter.line(for: record)) }
        return lines
    }
    let reference = try signature(TraceReaderOptions())
    #expect(try signature(TraceReaderOptions(chunkSize: 100)) == reference)
    #expect(try signature(TraceReaderOptions(chunkSize: 4096)) == reference)
}

@Test func combinedLogFieldsEscapesAndZones() throws {
    let text = #"""
        10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?a=1&b=2 HTTP/1.0" 200 2326 \#
        "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"
        2001:db8::7 - - [01/Jan/2024:00:00:00 +0530] "POST /say \"hi\" HTTP/1.1" - - "-" "agent \"quoted\" \\ back \x41"
        10.0.0.2 - - [10/Oct/2000:13:55:36 +0000] "GET http://example.org/x?y HTTP/1.1" 404 0
        10.0.0.3 - - [10/Oct/2000:13:55:36 +0000] "-" 408 -
        10.0.0.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "unterminated referer
        not-an-ip - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "-" "-"
        10.0.0.5 - - [10/Foo/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 5 "-" "-"
        """#
    let (records, reader) = try readAll(text)
    #expect(reader.format == .combined)
    #expect(records.count == 3)
    let first = records[0]
    #expect(first.timestampMs == 971_211_336_000)  // 13:55:36 -0700 = 20:55:36 UTC
    #expect(first.string(first.path) == "/apache_pb.gif")
    #expect(first.string(first.query) == "a=1&b=2")
    #expect(first.string(first.userAgent) == "Mozilla/4.08 [en] (Win98; I ;Nav)")
    #expect(first.status == 200 && first.bytes == 2326)
    let second = records[1]
    #expect(second.ip == IPAddress.parse("2001:db8::7"))
    #expect(second.timestampMs == 1_704_047_400_000)  // 2023-12-31T18:30:00Z
    #expect(second.string(second.path) == #"/say "hi""#)
    #expect(second.status == nil && second.bytes == nil)
    #expect(second.referer.isAbsent)
    #expect(second.string(second.userAgent) == #"agent "quoted" \ back A"#)
    let third = records[2]
    #expect(third.string(third.host) == "example.org")
    #expect(third.string(third.scheme) == "http")
    #expect(third.string(third.path) == "/x" && third.string(third.query) == "y")
    #expect(third.userAgent.isAbsent)
    #expect(diagnostics(reader, TraceDiagnosticID.noRequest).map(\.range.start.line) == [4])
    let malformed = diagnostics(reader, TraceDiagnosticID.malformedLine)
    #expect(malformed.map(\.range.start.line) == [5, 6, 7])
    #expect(malformed.first?.message.contains("referer has no closing quote") == true)
    #expect(malformed.allSatisfy { $0.severity == .error })
}
