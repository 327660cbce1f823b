import EdgeModel
import RulesLanguage
import Testing
import Traces

@testable import Simulation

/// The request inputs that `TraceRequestBuilder` sets, as one comparable value.
private func inputs(_ request: EdgeRequest) -> [String] {
    let http = request.http
    let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
    return [
        text(http.method), text(http.scheme), text(http.host), text(http.path), text(http.query), text(http.country),
        text(http.colo), text(http.version), "\(http.ip)", "\(http.asn)", "\(http.ssl)", "\(http.port)",
        "\(http.verifiedBot)", "\(http.botScore)", "\(http.threatScore)", "\(http.timestampMilliseconds)",
        "\(request.solvedChallenge)", "\(String(describing: request.response))",
    ]
        + http.headers.map { "\(text($0.name)): \(text($0.value))" }
}

@Test func refillingOneRequestGivesTheSameInputsAsBuildingEachAfresh() throws {
    // Each line differs from the one before in length, presence or header count, so a refill that kept stale
    // bytes, capacity-sized garbage or extra headers would show.
    let lines = [
        #"{"ts":1000,"ip":"2001:db8::1","method":"POST","scheme":"http","host":"api.example.com","#
            + #""path":"/v1/incidents/long/path","query":"a=1&b=2","headers":{"Accept":"*/*","X-Trace":"abc","#
            + #""Cookie":"s=1"},"ua":"curl/8.5","country":"DE","asn":3320,"colo":"FRA","version":"HTTP/2","#
            + #""bot":true,"bot_score":12,"status":201,"solved_challenge":true}"#,
        #"{"ts":2000,"ip":"10.0.0.7","host":"a.io","path":"/x","headers":{"accept":"text/html"}}"#,
        #"{"ts":3000,"method":"GET","path":"","country":"SGP","colo":"SIN","headers":{"A":"1","B":"22","C":"333","#
            + #""D":"4444"}}"#,
        #"{"ts":4000,"ip":"192.0.2.1","method":"DELETE","host":"h","path":"/a/b","query":"","#
            + #""referer":"https://r.example/"}"#,
        #"{"ts":5000}"#,
        #"{"ts":6000,"path":"/a.js","status":200,"cache_control":"public, max-age=600","etag":"\"v1\"","#
            + #""set_cookie":"a=b","bytes":512,"age":30,"origin_ms":40}"#,
        #"{"ts":7000,"path":"/b.js","status":304,"cache_control":"no-store","#
            + #""last_modified":"Wed, 21 Oct 2015 07:28:00 GMT","content_type":"text/javascript"}"#,
        #"{"ts":8000,"path":"/c.js","status":200}"#,
    ]
    let reader = TraceReader(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), name: "refill", format: .native)
    var reused = EdgeRequest(HTTPRequest())
    var compared = 0
    while let record = try reader.next() {
        TraceRequestBuilder.fill(&reused, from: record)
        #expect(inputs(reused) == inputs(TraceRequestBuilder.request(record)), "line \(record.line)")
        compared += 1
    }
    #expect(compared == lines.count)
}

@Test func aFreshRequestHasTheDocumentedDefaults() throws {
    let reader = TraceReader(bytes: Array(#"{"ts":1}"#.utf8), name: "defaults", format: .native)
    let record = try #require(try reader.next())
    let http = TraceRequestBuilder.request(record).http
    #expect(http.method == Array("GET".utf8))
    #expect(http.scheme == Array("https".utf8))
    #expect(http.path == Array("/".utf8))
    #expect(http.version == Array("HTTP/1.1".utf8))
    #expect(http.port == 443 && http.ssl)
    #expect(http.botScore == 0)  // "not computed" (docs/cloudflare-semantics.md, "Fields a trace cannot supply")
    #expect(http.headers.isEmpty)
}

@Test func theRecordedResponseCarriesEveryRecordedHeaderAndDropsAbsentOnes() throws {
    let lines = [
        #"{"ts":1,"status":200,"cache_control":"public, max-age=600","etag":"\"v1\"","set_cookie":"a=b","bytes":512,"#
            + #""age":30,"origin_ms":40}"#,
        #"{"ts":2,"status":304,"last_modified":"Wed, 21 Oct 2015 07:28:00 GMT","content_type":"text/javascript"}"#,
        #"{"ts":3}"#,
    ]
    let reader = TraceReader(bytes: Array(lines.joined(separator: "\n").utf8), name: "responses", format: .native)
    var request = EdgeRequest(HTTPRequest())
    TraceRequestBuilder.fill(&request, from: try #require(try reader.next()))
    #expect(
        request.response
            == RecordedResponse(
                status: 200, cacheControl: Array("public, max-age=600".utf8), etag: Array("\"v1\"".utf8),
                ageSeconds: 30,
                setCookies: [Array("a=b".utf8)], bytes: 512, originLatencyMilliseconds: 40))
    TraceRequestBuilder.fill(&request, from: try #require(try reader.next()))
    #expect(
        request.response
            == RecordedResponse(
                status: 304, lastModified: Array("Wed, 21 Oct 2015 07:28:00 GMT".utf8),
                contentType: Array("text/javascript".utf8)))
    TraceRequestBuilder.fill(&request, from: try #require(try reader.next()))
    #expect(request.response == nil)
}
