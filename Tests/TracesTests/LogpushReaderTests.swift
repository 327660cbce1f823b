import EdgeWire
import Testing

@testable import Traces

private let logpushLines = [
    #"{"EdgeStartTimestamp":1674073983931000000,"ClientIP":"198.51.100.4","ClientRequestHost":"api.example.com","#
        + #""ClientRequestMethod":"GET","ClientRequestURI":"/v1/items?page=2&q=x","#
        + #""ClientRequestUserAgent":"curl/8.0","ClientRequestReferer":"","ClientRequestProtocol":"HTTP/2","#
        + #""ClientRequestScheme":"https","ClientCountry":"sg","ClientASN":13335,"EdgeColoCode":"SIN","#
        + #""EdgeResponseStatus":200,"OriginResponseStatus":0,"EdgeResponseBytes":1532,"CacheCacheStatus":"hit","#
        + #""SecurityAction":"","OriginResponseDurationMs":0,"RayID":"7e1b","ZoneName":"example.com"}"#,
    #"{"EdgeStartTimestamp":1674073984,"ClientIP":"2001:db8::9","ClientRequestHost":"api.example.com","#
        + #""ClientRequestMethod":"POST","ClientRequestURI":"/login","ClientCountry":"us","EdgeResponseStatus":403,"#
        + #""OriginResponseStatus":0,"CacheCacheStatus":"unknown","SecurityAction":"managedChallenge","#
        + #""SecurityRuleID":"abc123","SecurityRuleDescription":"[challenge-login] Challenge logins","#
        + #""SecurityActions":["managedChallenge"],"BotScore":2}"#,
    #"{"EdgeStartTimestamp":"2023-03-03T05:29:06Z","ClientIP":"203.0.113.9","ClientRequestMethod":"GET","#
        + #""ClientRequestPath":"/static/app.js","ClientSSLProtocol":"none","EdgeResponseStatus":200,"#
        + #""OriginResponseStatus":200,"OriginResponseDurationMs":38,"CacheCacheStatus":"miss","#
        + #""SecurityAction":"jschallengeSolved","RequestHeaders":{"accept":"*/*","cookie":"a=b"},"#
        + #""ResponseHeaders":{"cache-control":"max-age=60","age":"3","Vary":"*"}}"#,
    #"{"EdgeStartTimestamp":1674073985,"ClientIP":"203.0.113.10","SecurityAction":"skip","EdgeResponseStatus":200}"#,
    #"{"EdgeStartTimestamp":1674073986,"ClientIP":"203.0.113.11","SecurityAction":"teleport"}"#,
]

@Test func logpushIsSniffedAndMapped() throws {
    let (records, reader) = try readAll(logpushLines.joined(separator: "\n") + "\n")
    #expect(reader.format == .logpush)
    #expect(records.count == 5)
    let hit = records[0]
    #expect(hit.timestampMs == 1_674_073_983_931)  // unixnano
    #expect(hit.string(hit.path) == "/v1/items" && hit.string(hit.query) == "page=2&q=x")
    #expect(hit.string(hit.country) == "SG")
    #expect(hit.asn == 13335 && hit.string(hit.colo) == "SIN" && hit.string(hit.version) == "HTTP/2")
    #expect(hit.string(hit.userAgent) == "curl/8.0")
    #expect(hit.status == 200)  // from the edge status: served from cache, no origin request
    #expect(hit.string(hit.outcome?.cache ?? .absent) == "HIT")
    #expect(hit.outcome?.action == nil)
    let challenged = records[1]
    #expect(challenged.timestampMs == 1_674_073_984_000)  // unix seconds
    #expect(challenged.ip == IPAddress.parse("2001:db8::9"))
    #expect(challenged.outcome?.action == .managedChallenge)
    #expect(challenged.outcome?.status == 403)
    #expect(challenged.status == nil)  // no origin request, not from cache
    let description = try #require(challenged.string(challenged.outcome?.rule ?? .absent))
    #expect(RecordedOutcome.specRuleID(inDescription: description) == "challenge-login")
    #expect(challenged.string(challenged.outcome?.cloudflareRuleID ?? .absent) == "abc123")
    #expect(challenged.botScore == 2)
    let solved = records[2]
    #expect(solved.timestampMs == 1_677_821_346_000)  // rfc3339
    #expect(solved.string(solved.path) == "/static/app.js")
    #expect(solved.ssl == false && solved.isHTTPS == false && solved.effectivePort == 80)
    #expect(solved.status == 200 && solved.originMs == 38)
    #expect(solved.outcome?.action == .allow && solved.solvedChallenge == true)
    #expect(solved.string(solved.cookie) == "a=b")
    #expect(solved.headerValues(named: "Accept") == ["*/*"])
    #expect(solved.string(solved.cacheControl) == "max-age=60" && solved.age == 3)
    #expect(solved.string(solved.vary) == "*")
    #expect(!hit.vary.isPresent)
    #expect(records[3].outcome?.action == .allow)
    #expect(records[4].outcome?.action == nil)
    let ignored = diagnostics(reader, TraceDiagnosticID.ignoredValue)
    #expect(ignored.count == 1 && ignored.first?.range.start.line == 5)
}

@Test func specRuleIDNeedsALeadingBracketedID() {
    #expect(RecordedOutcome.specRuleID(inDescription: "[block-bad-bots] Block scanners") == "block-bad-bots")
    #expect(RecordedOutcome.specRuleID(inDescription: "  [a]") == "a")
    #expect(RecordedOutcome.specRuleID(inDescription: "Block [x] scanners") == nil)
    #expect(RecordedOutcome.specRuleID(inDescription: "[] empty") == nil)
    #expect(RecordedOutcome.specRuleID(inDescription: "[with space] x") == nil)
    #expect(RecordedOutcome.specRuleID(inDescription: "[unclosed") == nil)
}

/// Found by the LogpushTrace fuzz target: a colo code not in upper case was kept as written, while native `colo` is
/// upper-cased, so the record written as native JSONL read back with another colo.
@Test func logpushColoIsUpperCasedLikeNative() throws {
    let line = #"{"EdgeStartTimestamp":1674073983,"ClientIP":"198.51.100.4","EdgeColoCode":"Int"}"#
    let record = try #require(try readAll(line + "\n", format: .logpush).records.first)
    #expect(record.string(record.colo) == "INT")
    let native = NativeTraceWriter.line(for: record)
    #expect(NativeTraceWriter.line(for: try TraceRecord.fromNativeJSON(native)) == native)
}

@Test(
    "Logpush geo, bot, WAF and ray id fields fill the native record's keys",
    arguments: [
        (#""ClientCity":"Singapore""#, #""city":"Singapore""#), (#""ClientRegionCode":"01""#, #""region_code":"01""#),
        (#""VerifiedBotCategory":"Search Engine Crawler""#, #""verified_bot_category":"Search Engine Crawler""#),
        (#""WAFAttackScore":42"#, #""waf_score":42"#),
        (#""RayID":"8f1a2b3c4d5e6f70""#, #""ray_id":"8f1a2b3c4d5e6f70""#),
    ])
func logpushRarelyPresentFields(member: String, nativeMember: String) throws {
    let line = #"{"EdgeStartTimestamp":1674073983,"ClientIP":"198.51.100.4",\#(member)}"#
    let record = try #require(try readAll(line + "\n", format: .logpush).records.first)
    let native = NativeTraceWriter.line(for: record)
    #expect(native == #"{"ts":"2023-01-18T20:33:03.000Z","ip":"198.51.100.4",\#(nativeMember)}"#)
    #expect(NativeTraceWriter.line(for: try TraceRecord.fromNativeJSON(native)) == native)
}
