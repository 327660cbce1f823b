import EdgeCore
import EdgeWire
import Testing

@testable import Traces

@Test func nativeRecordReadsEveryField() throws {
    let line =
        #"{"ts":"2025-12-20T10:00:00.123Z","ip":"203.0.113.7","method":"GET","scheme":"http","#
        + #""host":"api.agenticverz.com","path":"/v1/incidents","query":"page=2","ua":"Mozilla/5.0","#
        + #""referer":"https://x/","cookie":"s=1","country":"sg","asn":13335,"colo":"sin","ssl":false,"port":8080,"#
        + #""version":"HTTP/2","bot":true,"bot_score":12,"threat_score":3,"solved_challenge":false,"#
        + #""headers":{"Accept":"*/*","X-Multi":["a","b"]},"status":200,"cache_control":"max-age=60","#
        + #""expires":"Thu, 01 Dec 1994 16:00:00 GMT","etag":"\"v1\"","#
        + #""last_modified":"Wed, 21 Oct 2015 07:28:00 GMT","age":12,"#
        + #""set_cookie":"id=1","content_type":"text/html","vary":"Accept-Encoding","bytes":1532,"origin_ms":38.6,"#
        + #""edge":{"action":"block","#
        + #""rule":"block-bad-bots","cache":"dynamic","status":403}}"#
    let (records, reader) = try readAll(line)
    #expect(reader.format == .native)
    let record = try #require(records.first)
    #expect(record.timestampMs == 1_766_224_800_123)
    #expect(record.ip == IPAddress.parse("203.0.113.7"))
    #expect(record.string(record.method) == "GET" && record.string(record.scheme) == "http")
    #expect(record.string(record.host) == "api.agenticverz.com" && record.string(record.path) == "/v1/incidents")
    #expect(record.string(record.query) == "page=2" && record.string(record.userAgent) == "Mozilla/5.0")
    #expect(record.string(record.referer) == "https://x/" && record.string(record.cookie) == "s=1")
    #expect(record.string(record.country) == "SG" && record.asn == 13335 && record.string(record.colo) == "SIN")
    #expect(record.ssl == false && record.port == 8080 && record.effectivePort == 8080 && !record.isHTTPS)
    #expect(record.string(record.version) == "HTTP/2" && record.bot == true && record.botScore == 12)
    #expect(record.threatScore == 3 && record.solvedChallenge == false)
    #expect(record.headers.count == 3)
    #expect(record.headers.map { record.headers.name($0) } == ["Accept", "X-Multi", "X-Multi"])
    #expect(record.headerValues(named: "x-multi") == ["a", "b"])
    #expect(record.headerValues(named: "user-agent") == ["Mozilla/5.0"])
    #expect(record.status == 200 && record.string(record.cacheControl) == "max-age=60")
    #expect(record.string(record.etag) == "\"v1\"" && record.age == 12 && record.string(record.setCookie) == "id=1")
    #expect(record.string(record.contentType) == "text/html" && record.bytes == 1532)
    #expect(record.string(record.vary) == "Accept-Encoding")
    #expect(record.originMs == 39)  // rounded
    #expect(record.outcome?.action == .block && record.string(record.outcome?.rule ?? .absent) == "block-bad-bots")
    #expect(record.string(record.outcome?.cache ?? .absent) == "DYNAMIC" && record.outcome?.status == 403)
    #expect(reader.diagnostics.diagnostics.isEmpty)
}

@Test func nativeEscapesAreDecodedOnlyWhereNeeded() throws {
    let line = #"{"path":"/plain","ua":"a\"b\\c\/d\n\t\u00e9\u4e2d\ud83d\ude00 \ud800x","host":"\u0041"}"#
    let record = try #require(try readAll(line).records.first)
    #expect(record.string(record.path) == "/plain")
    #expect(record.string(record.userAgent) == "a\"b\\c/d\n\t\u{e9}\u{4e2d}\u{1F600} \u{FFFD}x")
    #expect(record.string(record.host) == "A")
}

@Test func unknownKeysAreSkippedWhateverTheirValueAndReportedOnce() throws {
    let text = """
        {"stauts":404,"meta":{"a":[1,{"b":"}]"},[[]]],"c":null},"list":[true,false,null,-1.5e3,"x\\"y"],"path":"/a"}
        {"stauts":500,"path":"/b","extra":{}}
        """
    let (records, reader) = try readAll(text)
    #expect(records.map { $0.string($0.path) } == ["/a", "/b"])
    #expect(records[0].status == nil)
    let warnings = diagnostics(reader, TraceDiagnosticID.ignoredValue)
    #expect(warnings.count == 4)  // stauts, meta, list, extra: each once
    #expect(warnings.first?.message.contains("did you mean 'status'") == true)
    #expect(warnings.first?.range.start == SourceLocation(line: 1, column: 2))
}

@Test func everyTimestampMagnitudeMeansTheSameInstant() throws {
    let text = [
        #"{"ts":1766224800}"#, #"{"ts":1766224800123}"#, #"{"ts":1766224800123456}"#,
        #"{"ts":1766224800123456789}"#, #"{"ts":1766224800.123}"#, #"{"ts":"1766224800123"}"#,
        #"{"ts":"2025-12-20T18:00:00.123+08:00"}"#, #"{"ts":1.766224800123e9}"#, #"{"ts":null}"#,
    ].joined(separator: "\n")
    let records = try readAll(text).records
    #expect(
        records.map(\.timestampMs) == [
            1_766_224_800_000, 1_766_224_800_123, 1_766_224_800_123, 1_766_224_800_123, 1_766_224_800_123,
            1_766_224_800_123, 1_766_224_800_123, 1_766_224_800_123, nil,
        ])
}

@Test func malformedNativeLinesAreReportedWithLineAndColumnAndSkipped() throws {
    let text = """
        {"path":"/ok"}
        {"path":"/unterminated}
        {"status":"two hundred"}
        {"ip":"999.1.1.1"}
        {"edge":{"action":"blok"}}
        not json at all
        {"path":"/a"} trailing
        {"headers":{"a":1}}

        {"path":"/last"}
        """
    let (records, reader) = try readAll(text, format: .native)
    #expect(records.map { $0.string($0.path) } == ["/ok", "/last"])
    #expect(records.map(\.line) == [1, 10])
    let errors = diagnostics(reader, TraceDiagnosticID.malformedLine)
    #expect(errors.map(\.range.start.line) == [2, 3, 4, 5, 6, 7, 8])
    #expect(errors[1].message == "status must be an integer; line skipped")
    #expect(errors[1].range.start.column == 11)
    #expect(errors[3].message.contains("did you mean 'block'"))
    #expect(reader.statistics.blankLines == 1 && reader.statistics.malformedLines == 7)
}

@Test func maxErrorsStopsReading() throws {
    let text = Array(repeating: "{bad}", count: 5).joined(separator: "\n")
    #expect(throws: TraceReadError.tooManyErrors(file: "test.trace", limit: 3)) {
        try readAll(text, format: .native, options: TraceReaderOptions(maxErrors: 3))
    }
    let (records, reader) = try readAll(text, format: .native, options: TraceReaderOptions(maxErrors: 5))
    #expect(records.isEmpty && reader.statistics.malformedLines == 5)
}

@Test func requestObjectsMaySpanLines() throws {
    let record = try TraceRecord.fromNativeJSON(
        """
        {
          "method": "POST",
          "path": "/v1/incidents",
          "headers": { "user-agent": "sqlmap/1.7" }
        }
        """)
    #expect(record.string(record.method) == "POST")
    #expect(record.string(record.userAgent) == "sqlmap/1.7")
    #expect(!record.userAgentIsShorthand)
    #expect(throws: TraceObjectError(message: "asn must be an integer", line: 2, column: 10)) {
        try TraceRecord.fromNativeJSON("{\n  \"asn\": \"x\"}")
    }
}

/// The value of one of the keys most traces leave out, as text (`nil` when absent).
private func rarelyPresentValue(_ key: String, of record: TraceRecord) -> String? {
    switch key {
    case "continent": record.string(record.continent)
    case "city": record.string(record.city)
    case "region_code": record.string(record.regionCode)
    case "verified_bot_category": record.string(record.verifiedBotCategory)
    case "waf_score": record.wafScore.map(String.init)
    case "ray_id": record.string(record.rayID)
    case "ja3_hash": record.string(record.ja3Hash)
    case "ja4": record.string(record.ja4)
    case "unique_visitor_id": record.string(record.uniqueVisitorID)
    case "body", "body_b64": record.string(record.body)
    case "body_size": record.bodySize.map(String.init)
    default: nil
    }
}

@Test(
    "each key most traces leave out is read into its field, and is absent on the next line without it",
    arguments: [
        ("continent", #""AS""#, "AS"), ("city", #""Singapore""#, "Singapore"), ("region_code", #""01""#, "01"),
        ("verified_bot_category", #""Search Engine Crawler""#, "Search Engine Crawler"), ("waf_score", "42", "42"),
        ("waf_score", #""7""#, "7"), ("ray_id", #""8f1a2b3c4d5e6f70""#, "8f1a2b3c4d5e6f70"),
        ("ja3_hash", #""e7d705a3286e19ea42f587b344ee6865""#, "e7d705a3286e19ea42f587b344ee6865"),
        ("ja4", #""t13d1516h2_8daaf6152771_e5627efa2ab1""#, "t13d1516h2_8daaf6152771_e5627efa2ab1"),
        ("unique_visitor_id", #""visitor-7""#, "visitor-7"), ("body", #""a=1\nb""#, "a=1\nb"),
        ("body_b64", #""aGVsbG8=""#, "hello"), ("body_size", "4096", "4096"),
    ])
func rarelyPresentKeyIsRead(key: String, json: String, expected: String) throws {
    let (records, reader) = try readAll(#"{"path":"/a","\#(key)":\#(json)}"# + "\n" + #"{"path":"/b"}"# + "\n")
    #expect(reader.diagnostics.diagnostics.isEmpty)
    #expect(records.count == 2)
    #expect(rarelyPresentValue(key, of: records[0]) == expected)
    #expect(rarelyPresentValue(key, of: records[1]) == nil)
}

@Test func rarelyPresentKeysRejectValuesOfTheWrongType() throws {
    let (records, reader) = try readAll(#"{"waf_score":"high"}"# + "\n" + #"{"city":7}"# + "\n", format: .native)
    #expect(records.isEmpty)
    #expect(
        reader.diagnostics.diagnostics.map(\.message) == [
            "waf_score must be an integer; line skipped", "city must be a string; line skipped",
        ])
}
