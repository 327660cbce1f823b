import EdgeWire
import Testing

@testable import Traces

@Test func writerPrintsStableKeyOrderAndRoundTrips() throws {
    var builder = TraceRecordBuilder()
    builder.timestampMs = 1_766_224_800_123
    builder.ip = IPAddress.parse("2001:db8::1")
    builder.method = "GET"
    builder.path = "/a \"b\""
    builder.userAgent = "ua\u{1}"
    builder.headers = [("Accept", "*/*"), ("X-Multi", "1"), ("X-Multi", "2")]
    builder.country = "sg"
    builder.asn = 13335
    builder.ssl = true
    builder.status = 200
    builder.vary = "Accept-Language"
    builder.bytes = 12
    builder.outcomeAction = .jsChallenge
    builder.outcomeCache = "miss"
    let record = builder.build()
    let line = NativeTraceWriter.line(for: record)
    #expect(
        line
            == #"{"ts":"2025-12-20T10:00:00.123Z","ip":"2001:db8::1","method":"GET","path":"/a \"b\"","#
            + #""ua":"ua\u0001","headers":{"Accept":"*/*","X-Multi":["1","2"]},"country":"SG","asn":13335,"#
            + #""ssl":true,"status":200,"vary":"Accept-Language","bytes":12,"#
            + #""edge":{"action":"js_challenge","cache":"MISS"}}"#
    )
    let reread = try #require(try readAll(line).records.first)
    #expect(NativeTraceWriter.line(for: reread) == line)
}

@Test func writerReplacesInvalidUTF8AndConvertsOtherFormats() throws {
    let combined = #"10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /\xff HTTP/1.1" 200 5 "-" "caf\xc3\xa9 \xc3""#
    let record = try #require(try readAll(combined).records.first)
    let line = NativeTraceWriter.line(for: record)
    #expect(
        line
            == #"{"ts":"2000-10-10T20:55:36.000Z","ip":"10.0.0.1","method":"GET","path":"/\#u{FFFD}","#
            + #""ua":"caf\#u{E9} \#u{FFFD}","version":"HTTP/1.1","status":200,"bytes":5}"#
    )
    let writer = NativeTraceWriter()
    try writer.write(record)
    try writer.write(record)
    #expect(writer.output == Array((line + "\n" + line + "\n").utf8))
    #expect(writer.recordsWritten == 2)
}

@Test func writerRoundTripsTheKeysMostTracesLeaveOut() throws {
    var builder = TraceRecordBuilder()
    builder.path = "/"
    builder.country = "SG"
    builder.continent = "AS"
    builder.city = "S\u{E3}o Paulo"
    builder.regionCode = "SP"
    builder.bot = true
    builder.verifiedBotCategory = "Search Engine Crawler"
    builder.threatScore = 0
    builder.wafScore = 42
    builder.rayID = "8f1a2b3c4d5e6f70"
    let line = NativeTraceWriter.line(for: builder.build())
    #expect(
        line
            == #"{"path":"/","country":"SG","continent":"AS","city":"S\#u{E3}o Paulo","region_code":"SP","bot":true,"#
            + #""verified_bot_category":"Search Engine Crawler","threat_score":0,"waf_score":42,"#
            + #""ray_id":"8f1a2b3c4d5e6f70"}"#
    )
    let reread = try #require(try readAll(line).records.first)
    #expect(reread.string(reread.city) == "S\u{E3}o Paulo" && reread.wafScore == 42)
    #expect(NativeTraceWriter.line(for: reread) == line)
}
