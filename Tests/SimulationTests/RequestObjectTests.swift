import EdgeModel
import Foundation
import RulesLanguage
import Testing
import Traces

@testable import Simulation

/// A request object read by the one reader, as text fields.
private func http(_ text: String) throws -> HTTPRequest {
    try RequestObject.httpRequest(text)
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private func evaluates(_ expression: String, on request: HTTPRequest) throws -> Bool {
    let options = ParseOptions(plan: .enterprise, context: nil, lists: [:], missingValues: .cloudflare)
    let parsed = try #require(RulesParser.parse(expression, options: options).0, "\(expression)")
    return CompiledExpression(parsed).evaluate(request)
}

@Test func anEmptyObjectGetsTheDocumentedDefaults() throws {
    let request = try http("{}")
    #expect(text(request.method) == "GET" && text(request.scheme) == "https" && text(request.path) == "/")
    #expect(request.ip == .zeroV4 && text(request.version) == "HTTP/1.1")
    #expect(request.port == 443 && request.ssl && request.timestampMilliseconds == 0)
    let plain = try http(#"{"scheme":"http"}"#)
    #expect(plain.port == 80 && !plain.ssl)
}

@Test func aFullRecordFillsRequestAndResponse() throws {
    let request = try http(
        #"""
        {"ts":"2025-12-20T10:00:00.123Z","ip":"203.0.113.7","method":"POST","host":"api.agenticverz.com",
         "path":"/v1/incidents","query":"page=2","ua":"Mozilla/5.0","country":"sg","asn":13335,
         "headers":{"Accept":"*/*","X-Multi":["a","b"]},"status":200,"cache_control":"max-age=60",
         "bytes":1532,"origin_ms":38,"colo":"SIN","bot":true,"bot_score":5}
        """#)
    #expect(request.timestampMilliseconds == 1_766_224_800_123)
    #expect(request.ip.description == "203.0.113.7")
    #expect(text(request.country) == "SG")
    // The `ua` shorthand is the header `user-agent`, as on a trace line (the second reader wrote `User-Agent`).
    #expect(request.headers.map { text($0.name) } == ["Accept", "X-Multi", "X-Multi", "user-agent"])
    #expect(request.responseStatus == 200)
    #expect(request.responseHeaders.first.map { text($0.name) } == "Cache-Control")
    #expect(request.verifiedBot && request.botScore == 5)
    #expect(
        try evaluates(#"http.user_agent eq "Mozilla/5.0" and http.request.headers["x-multi"][1] eq "b""#, on: request))
    #expect(try evaluates("http.response.code eq 200", on: request))
}

@Test(
    "epoch timestamps in s, ms, µs and ns",
    arguments: [
        ("1766224800", Int64(1_766_224_800_000)), ("1766224800123", 1_766_224_800_123),
        ("1766224800123456", 1_766_224_800_123), ("1766224800123456789", 1_766_224_800_123),
        (#""2025-12-20T18:00:00.5+08:00""#, 1_766_224_800_500),
    ])
func epochTimestamps(value: String, expected: Int64) throws {
    #expect(try http(#"{"ts":\#(value)}"#).timestampMilliseconds == expected)
}

/// The second reader split a path carrying its query and the trace reader did not; both now split it, when
/// no `query` key is given.
@Test func aPathWithAQueryIsSplitWhenNoQueryIsGiven() throws {
    let request = try http(#"{"path":"/a?b=1"}"#)
    #expect(text(request.path) == "/a" && text(request.query) == "b=1")
    let explicit = try http(#"{"path":"/a?b=1","query":"c=2"}"#)
    #expect(text(explicit.path) == "/a?b=1" && text(explicit.query) == "c=2")
    let reader = TraceReader(bytes: Array(#"{"path":"/x?y=2"}"#.utf8) + [0x0A], name: "t", format: .native)
    let record = try #require(try reader.next())
    #expect(record.string(record.path) == "/x" && record.string(record.query) == "y=2")
}

/// Where the two readers disagreed, the trace reader's reading holds for request objects too.
@Test func requestObjectsReadValuesAsTraceLinesDo() throws {
    // colo is upper-cased, as on a trace line (the second reader kept it as written).
    #expect(text(try http(#"{"colo":"sin"}"#).colo) == "SIN")
    // An integer may be written as a string of digits (the second reader rejected it).
    #expect(try http(#"{"asn":"13335"}"#).asn == 13335)
    // `ssl: false` without a scheme means http on port 80 (the second reader kept https on port 443).
    let insecure = try http(#"{"ssl":false}"#)
    #expect(text(insecure.scheme) == "http" && insecure.port == 80 && !insecure.ssl)
}

@Test(
    "bad input is an error naming line and column",
    arguments: [
        (#"{"ip":"1.2.3"}"#, "1:7: ip is not an IPv4 or IPv6 address"),
        (#"{"asn":"x"}"#, "1:8: asn must be an integer"),
        (
            #"{"uaa":"x"}"#,
            "1:2: unknown key 'uaa'; did you mean 'ua'? (a request object takes only the keys of a native trace line)"
        ),
        (#"[1]"#, "1:1: line is not a JSON object"),
        ("{\n  \"asn\": 1,\n  \"ssl\": yes}", "3:10: ssl must be true or false"),
        (#"{"method":"#, "1:11: method must be a string"),
        (#"{"headers":{"a":1}}"#, "1:17: header values must be strings"),
        // `response_headers` (a key of the former second reader only, never documented) stays unknown: the response
        // side has its own keys (`cache_control`, `set_cookie`, …).
        (
            #"{"response_headers":{}}"#,
            "1:2: unknown key 'response_headers' (a request object takes only the keys of a native trace line)"
        ),
        (#"{"waf_score":"high"}"#, "1:14: waf_score must be an integer"),
        (#"{"ts":"yesterday"}"#, "1:7: ts must be an RFC 3339 time or an epoch number"),
    ])
func errors(text: String, message: String) {
    do {
        _ = try RequestObject.httpRequest(text)
        Issue.record("accepted \(text)")
    } catch {
        #expect(error.description == message)
    }
}

@Test(
    "each key most traces leave out reaches its Rules field",
    arguments: [
        (#"{"continent":"EU"}"#, #"ip.src.continent eq "EU" and ip.geoip.continent eq "EU""#),
        (#"{"city":"Lisbon"}"#, #"ip.src.city eq "Lisbon""#),
        (#"{"region_code":"11"}"#, #"ip.src.region_code eq "11""#),
        (
            #"{"verified_bot_category":"Search Engine Crawler"}"#,
            #"cf.verified_bot_category eq "Search Engine Crawler""#
        ),
        (#"{"waf_score":7}"#, "cf.waf.score eq 7"),
        (#"{"ray_id":"8f1a2b3c4d5e6f70"}"#, #"cf.ray_id eq "8f1a2b3c4d5e6f70""#),
        (#"{"ja3_hash":"e7d705a3"}"#, #"cf.bot_management.ja3_hash eq "e7d705a3""#),
        (#"{"ja4":"t13d1516h2_8daaf6152771"}"#, #"cf.bot_management.ja4 eq "t13d1516h2_8daaf6152771""#),
        (#"{"body":"{\"a\":1}"}"#, #"lookup_json_integer(http.request.body.raw, "a") eq 1"#),
        (#"{"body_b64":"AAEC"}"#, "len(http.request.body.raw) eq 3"),
        (#"{"body_size":200000}"#, "http.request.body.truncated and http.request.body.size eq 200000"),
    ])
func rarelyPresentKeyReachesItsField(object: String, expression: String) throws {
    #expect(try evaluates(expression, on: http(object)))
    #expect(!(try evaluates(expression, on: http("{}"))))
}

@Test func keysMostTracesLeaveOutHaveTheRulesDefaults() throws {
    let request = try http("{}")
    #expect(request.continent.isEmpty && request.city.isEmpty && request.regionCode.isEmpty)
    #expect(request.verifiedBotCategory.isEmpty && request.rayID.isEmpty)
    #expect(request.wafScore == 100)  // not scored
}

@Test func aRecordedResponseIsReadFromTheObject() throws {
    let request = try RequestObject.edgeRequest(
        #"{"path":"/a.css","status":200,"cache_control":"max-age=5","etag":"\"x\"","set_cookie":"a=1","age":2,"#
            + #""bytes":10,"origin_ms":3,"solved_challenge":true}"#
    )
    let recorded = try #require(request.response)
    #expect(recorded.status == 200)
    #expect(recorded.cacheControl == Array("max-age=5".utf8))
    #expect(recorded.etag == Array("\"x\"".utf8))
    #expect(recorded.setCookies == [Array("a=1".utf8)])
    #expect(recorded.ageSeconds == 2 && recorded.bytes == 10 && recorded.originLatencyMilliseconds == 3)
    #expect(request.solvedChallenge)
    #expect(try RequestObject.edgeRequest("{}").response == nil)
}

// MARK: explain --request and replay agree

/// A rule that reads every request field of the record a rule can read (`colo` has no field but `cf.colo.id`,
/// which no record key sets); `solved_challenge` decides whether its challenge stops the request, and the
/// response keys decide the status and cache outcome.
private let ruleExpression = """
    http.request.timestamp.sec eq 1766224800 and ip.src eq 203.0.113.7 and http.request.method eq "POST" \
    and starts_with(http.request.full_uri, "http://") and http.host eq "api.example.com" \
    and http.request.uri.path eq "/v1/login" and http.request.uri.query eq "next=1" \
    and http.request.headers["x-probe"][0] eq "yes" and http.user_agent eq "probe/1" \
    and http.referer eq "https://r.example/" and http.cookie eq "s=1" and ip.src.country eq "SG" \
    and ip.src.asnum eq 13335 and not ssl and cf.edge.server_port eq 8080 and http.request.version eq "HTTP/2" \
    and not cf.client.bot and cf.bot_management.score eq 12 and cf.threat_score eq 40 \
    and ip.src.continent eq "AS" and ip.src.city eq "Singapore" and ip.src.region_code eq "01" \
    and cf.verified_bot_category eq "Search Engine Crawler" and cf.waf.score eq 42 and cf.ray_id eq "8f1a2b3c4d5e6f70"
    """

private let requestObject = """
    {"ts":"2025-12-20T10:00:00Z","ip":"203.0.113.7","method":"POST","scheme":"http","host":"api.example.com",\
    "path":"/v1/login?next=1","headers":{"X-Probe":"yes"},"ua":"probe/1","referer":"https://r.example/",\
    "cookie":"s=1","country":"sg","asn":"13335","colo":"sin","ssl":false,"port":8080,"version":"HTTP/2","bot":false,\
    "bot_score":12,"threat_score":40,"continent":"AS","city":"Singapore","region_code":"01",\
    "verified_bot_category":"Search Engine Crawler","waf_score":42,"ray_id":"8f1a2b3c4d5e6f70",\
    "solved_challenge":false,"status":201,"cache_control":"no-store",\
    "expires":"Thu, 01 Jan 1970 00:00:00 GMT","etag":"\\"v1\\"","last_modified":"Wed, 21 Oct 2015 07:28:00 GMT",\
    "age":3,"set_cookie":"t=2","content_type":"application/json","bytes":77,"origin_ms":9}
    """

/// For each key the rule reads, a value that makes the rule false. (The object carries its query in `path` and
/// its ASN as a string, two spellings the second reader and the trace reader used to read differently.)
private let breakingValues: [(String, String)] = [
    ("ts", "1766224801"), ("ip", #""203.0.113.8""#), ("method", #""GET""#), ("scheme", #""https""#),
    ("host", #""b.example.com""#), ("path", #""/v1/logout""#), ("query", #""next=2""#),
    ("headers", #"{"X-Probe":"no"}"#), ("ua", #""probe/2""#), ("referer", #""https://s.example/""#),
    ("cookie", #""s=2""#), ("country", #""DE""#), ("asn", "3320"), ("ssl", "true"), ("port", "8443"),
    ("version", #""HTTP/1.1""#), ("bot", "true"), ("bot_score", "13"), ("threat_score", "41"),
    ("continent", #""EU""#), ("city", #""Singapura""#), ("region_code", #""02""#),
    ("verified_bot_category", #""Monitoring & Analytics""#), ("waf_score", "43"), ("ray_id", #""8f1a2b3c4d5e6f71""#),
]

/// `requestObject` with `key`'s value replaced.
private func replacing(_ key: String, with value: String) throws -> String {
    var object = try #require(try JSONSerialization.jsonObject(with: Data(requestObject.utf8)) as? [String: Any])
    object[key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
}

@Test func everyFieldTheRuleReadsMatters() throws {
    #expect(try evaluates(ruleExpression, on: http(requestObject)))
    for (key, value) in breakingValues {
        #expect(!(try evaluates(ruleExpression, on: http(replacing(key, with: value)))), "\(key) does not matter")
    }
}

/// The `edgeproof` executable built next to the test bundle.
private func edgeproof(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = directory.appendingPathComponent("edgeproof")
    try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the edgeproof product first")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// `action, rule, status, cache` of `explain`'s last line.
private func explained(_ output: String) throws -> [String] {
    let last = try #require(output.split(separator: "\n").last.map(String.init))
    let pattern = try NSRegularExpression(
        pattern: #"^action: (\S+)(?: \(rule (\S+) in \S+\))?, status (\d+), cache (\S+),"#)
    let match = try #require(pattern.firstMatch(in: last, range: NSRange(last.startIndex..., in: last)), "\(last)")
    return (1...4).map { index in
        Range(match.range(at: index), in: last).map { String(last[$0]) } ?? "null"
    }
}

/// `action, rule, status, cache` of the one decision `replay --decisions` wrote.
private func replayed(_ decisions: String) throws -> [String] {
    let line = try #require(decisions.split(separator: "\n").first)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    return [object["action"], object["rule"], object["status"], object["cache"]].map { value in
        value.flatMap { $0 is NSNull ? nil : "\($0)" } ?? "null"
    }
}

@Test func explainAndReplayGiveOneObjectTheSameDecision() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("request-object-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = directory.appendingPathComponent("edge.yaml")
    try """
    version: 1
    zone:
      name: example.com
      plan: enterprise
    waf:
      - id: challenge-probe
        description: Challenges the probe request.
        when: >-
          \(ruleExpression)
        action: managed_challenge
    """.write(to: spec, atomically: true, encoding: .utf8)
    var seen: Set<[String]> = []
    for object in [
        requestObject, try replacing("solved_challenge", with: "true"), try replacing("ts", with: "1766224801"),
    ] {
        let explain = try edgeproof(["explain", spec.path, "--request", object])
        #expect(explain.status == 0)
        let trace = directory.appendingPathComponent("trace.jsonl")
        let decisions = directory.appendingPathComponent("decisions.jsonl")
        let line = String(
            decoding: try JSONSerialization.data(
                withJSONObject: try JSONSerialization.jsonObject(with: Data(object.utf8))), as: UTF8.self)
        try (line + "\n").write(to: trace, atomically: true, encoding: .utf8)
        let replay = try edgeproof([
            "replay", spec.path, "--trace", trace.path, "--format", "native", "--decisions", decisions.path,
        ])
        #expect(replay.status == 0)
        let decision = try explained(explain.output)
        #expect(decision == (try replayed(String(contentsOf: decisions, encoding: .utf8))), "\(object)")
        seen.insert(decision)
    }
    // The challenge, the solved challenge (the origin's recorded 201) and the unmatched rule differ.
    #expect(seen.count == 3)
}
