import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import RulesLanguage
import Simulation
import Testing
import Traces

/// Cloudflare's rate limiting characteristics, counting expressions and request body fields, case by case from the
/// pages that document them (`docs/cloudflare-semantics.md`, "Rate limiting: rule shape and characteristics",
/// "Rate limiting: counting expressions and the cache", "Request body fields").
private let read = "2026-12-02"
private let parameters = "https://developers.cloudflare.com/waf/rate-limiting-rules/parameters/"
private let requestRate = "https://developers.cloudflare.com/waf/rate-limiting-rules/request-rate/"
private let bodyFields = "https://developers.cloudflare.com/ruleset-engine/rules-language/fields/http-request-body/"

/// A spec of one zone with `rules` under `rate_limits:` (and `extra` sections after it), checked and compiled.
private func compile(plan: String, rules: String, extra: String = "") throws -> CompiledEdge {
    try ConformanceSpec.compiled(ConformanceSpec.rateLimits(plan: plan, rules, extra: extra))
}

/// The decisions of `edge`'s model for native request objects, one a second from a fixed time.
private func decide(_ edge: CompiledEdge, _ requests: [String]) throws -> [Decision] {
    let model = try ConformanceSpec.model(edge)
    return try requests.enumerated().map { index, object in
        var request = try RequestObject.edgeRequest(object)
        request.http.timestampMilliseconds = 1_767_225_600_000 + Int64(index) * 1000
        return model.process(request)
    }
}

/// A rule that allows one request per 10 seconds for each value of `characteristic` (and the data centre).
private func oneRequestPerKey(_ characteristic: String, expression: String = "'true'") -> String {
    """
      - id: per-key
        when: \(expression)
        characteristics: [\(characteristic.contains("\"") ? "'\(characteristic)'" : characteristic)]
        requests: 1
        period: 10s
        timeout: 10m
        action: block
    """
}

/// One characteristic of the "With the same characteristics" table with two requests that differ only in its value.
private struct KeyCase: CustomTestStringConvertible, Sendable {
    let source: CloudflareSource
    let characteristic: String
    let first: String
    let second: String
    var testDescription: String { characteristic }
}

private let form = #""headers":{"content-type":"application/x-www-form-urlencoded"}"#

private let keyCases: [KeyCase] = [
    ("ip.src", #"{"ip":"203.0.113.1"}"#, #"{"ip":"203.0.113.2"}"#),
    ("cf.unique_visitor_id", #"{"unique_visitor_id":"a"}"#, #"{"unique_visitor_id":"b"}"#),
    ("http.request.headers[\"x-api-key\"]", #"{"headers":{"X-API-Key":"a"}}"#, #"{"headers":{"X-API-Key":"b"}}"#),
    ("http.request.cookies[\"session\"]", #"{"cookie":"session=a"}"#, #"{"cookie":"session=b"}"#),
    ("http.request.uri.args[\"page\"]", #"{"query":"page=1"}"#, #"{"query":"page=2"}"#),
    ("http.host", #"{"host":"a.example.com"}"#, #"{"host":"b.example.com"}"#),
    ("http.request.uri.path", #"{"path":"/a"}"#, #"{"path":"/b"}"#),
    ("ip.src.asnum", #"{"asn":64500}"#, #"{"asn":64501}"#),
    ("ip.src.country", #"{"country":"SG"}"#, #"{"country":"DE"}"#),
    ("cf.bot_management.ja3_hash", #"{"ja3_hash":"aaaa"}"#, #"{"ja3_hash":"bbbb"}"#),
    ("cf.bot_management.ja4", #"{"ja4":"t13d1516h2_a"}"#, #"{"ja4":"t13d1516h2_b"}"#),
    (
        "lookup_json_string(http.request.body.raw, \"user\")", #"{"body":"{\"user\":\"alice\"}"}"#,
        #"{"body":"{\"user\":\"bob\"}"}"#
    ),
    ("lookup_json_integer(http.request.body.raw, \"id\")", #"{"body":"{\"id\":1}"}"#, #"{"body":"{\"id\":2}"}"#),
    ("http.request.body.form[\"user\"]", "{\(form),\"body\":\"user=alice\"}", "{\(form),\"body\":\"user=bob\"}"),
    ("http.request.body.raw", #"{"body":"a"}"#, #"{"body":"b"}"#),
    ("http.request.body.size", #"{"body":"a"}"#, #"{"body":"ab"}"#),
].map {
    KeyCase(
        source: CloudflareSource(
            page: parameters, part: "With the same characteristics, table of API values", read: read),
        characteristic: $0.0, first: $0.1, second: $0.2)
}

/// Each characteristic keys its own counter: with one request allowed per key, A then B are both allowed and the
/// second A is over the limit. A characteristic the model dropped would share one counter, and B would be blocked.
@Test(arguments: keyCases)
private func eachCharacteristicKeysItsOwnCounter(_ item: KeyCase) throws {
    let edge = try compile(plan: "enterprise", rules: oneRequestPerKey(item.characteristic))
    let actions = try decide(edge, [item.first, item.second, item.first]).map(\.action)
    #expect(actions == [.allow, .allow, .block], "\(item.source)")
}

/// Every API value of the table is accepted by `check` (on Enterprise) and keys the model's counter: the list the
/// checker reads is the one the model keys by, so the compiled key has one part per characteristic written.
@Test func everyDocumentedCharacteristicChecksAndReachesTheModel() throws {
    let source = CloudflareSource(page: parameters, part: "With the same characteristics", read: read)
    for item in keyCases {
        let edge = try compile(plan: "enterprise", rules: oneRequestPerKey(item.characteristic))
        let rule = try #require(edge.rateLimitRules.first)
        #expect(rule.characteristics == ["cf.colo.id", item.characteristic], "\(source)")
        let model = try ModelConfigurationBuilder.configuration(for: edge)
        #expect(model.rateLimitRules.first?.characteristics.map(\.field) == [item.characteristic], "\(source)")
    }
}

/// IP with NAT support: four visitors behind one address, two requests each, five allowed per visitor. With one
/// counter for the address (the characteristic dropped) requests 6 to 8 would be blocked.
@Test func visitorsBehindOneAddressAreCountedApart() throws {
    let source = CloudflareSource(page: parameters, part: "Use cases of IP with NAT support", read: read)
    let rule = """
          - id: per-visitor
            when: http.request.uri.path eq "/login"
            characteristics: [cf.unique_visitor_id]
            requests: 5
            period: 1m
            timeout: 1m
            action: block
        """
    let edge = try compile(plan: "business", rules: rule)
    // Without a recorded id, the id comes from the address and the user agent: four browsers are four visitors,
    // one browser sending all eight is one.
    let derived = (0..<8).map { #"{"ip":"198.51.100.7","path":"/login","ua":"Browser/\#($0 % 4)"}"# }
    #expect(try decide(edge, derived).filter { $0.action == .block }.count == 0, "\(source)")
    let recorded = (0..<8).map { #"{"ip":"198.51.100.7","path":"/login","unique_visitor_id":"visitor-\#($0 % 4)"}"# }
    #expect(try decide(edge, recorded).filter { $0.action == .block }.count == 0, "\(source)")
    let one = (0..<8).map { _ in #"{"ip":"198.51.100.7","path":"/login","ua":"Browser/1"}"# }
    #expect(try decide(edge, one).map(\.action).suffix(3) == [.block, .block, .block], "\(source)")
}

/// Missing field versus empty value: a form field or JSON key that is absent has its own counter, apart from the
/// one where it is present and empty.
@Test func anAbsentBodyValueIsItsOwnKeyApartFromAnEmptyOne() throws {
    let source = CloudflareSource(page: parameters, part: "Missing field versus empty value", read: read)
    let formEdge = try compile(plan: "enterprise", rules: oneRequestPerKey("http.request.body.form[\"user\"]"))
    let absent = "{\(form),\"body\":\"other=1\"}"
    let empty = "{\(form),\"body\":\"user=\"}"
    #expect(try decide(formEdge, [absent, empty, absent]).map(\.action) == [.allow, .allow, .block], "\(source)")
    let jsonEdge = try compile(
        plan: "enterprise", rules: oneRequestPerKey("lookup_json_string(http.request.body.raw, \"user\")"))
    let noKey = #"{"body":"{\"other\":\"x\"}"}"#
    let emptyKey = #"{"body":"{\"user\":\"\"}"}"#
    #expect(try decide(jsonEdge, [noKey, emptyKey, noKey]).map(\.action) == [.allow, .allow, .block], "\(source)")
}

/// Example A of "How Cloudflare determines the request rate": IP and `x-api-key`, one request per 10 seconds;
/// request 3 repeats request 1's key and is blocked, request 4 does not match the expression.
@Test func requestRateExampleA() throws {
    let source = CloudflareSource(page: requestRate, part: "Example A", read: read)
    let rule = """
          - id: rule-1
            when: >-
              http.request.uri.path eq "/form" and
              any(http.request.headers["content-type"][*] eq "application/x-www-form-urlencoded")
            characteristics: [ip.src, 'http.request.headers["x-api-key"]']
            requests: 1
            period: 10s
            timeout: 10m
            action: block
        """
    let edge = try compile(plan: "enterprise", rules: rule)
    func request(_ key: String, _ type: String) -> String {
        #"{"ip":"203.0.113.7","method":"POST","path":"/form","#
            + #""headers":{"Content-Type":"\#(type)","X-API-Key":"\#(key)"}}"#
    }
    let formType = "application/x-www-form-urlencoded"
    let decisions = try decide(
        edge,
        [request("a", formType), request("b", formType), request("a", formType), request("a", "application/json")])
    #expect(decisions.map(\.action) == [.allow, .allow, .block, .allow], "\(source)")
}

/// Example B: the counting expression reads `http.response.code`, so each matching request goes to the origin,
/// skipping cached content; responses 400, 200, 400 leave the counter at 2 and request 4 is blocked before the origin.
@Test func requestRateExampleBGoesToTheOriginPastTheCache() throws {
    let source = CloudflareSource(page: requestRate, part: "Example B", read: read)
    let rule = """
          - id: rule-2
            when: http.request.uri.path eq "/form"
            counting_when: http.request.uri.path eq "/form" and http.response.code eq 400
            characteristics: [ip.src, 'http.request.headers["x-api-key"]']
            requests: 1
            period: 10s
            timeout: 10m
            action: block
        """
    // A cache rule that would otherwise serve /form from cache after the first response.
    let cache = """
        cache:
          - id: cache-form
            when: http.request.uri.path eq "/form"
            edge_ttl: 1h
        """
    let edge = try compile(plan: "enterprise", rules: rule, extra: cache)
    func request(_ status: Int) -> String {
        #"{"ip":"203.0.113.7","path":"/form","headers":{"X-API-Key":"k"},"#
            + #""status":\#(status),"cache_control":"max-age=3600"}"#
    }
    let decisions = try decide(edge, [request(400), request(200), request(400), request(200)])
    #expect(decisions.map(\.action) == [.allow, .allow, .allow, .block], "\(source)")
    #expect(
        decisions.prefix(3).allSatisfy { $0.originContacted }, "\(source): every counted request reaches the origin")
    #expect(decisions.prefix(3).map(\.cacheStatus) == [.bypass, .bypass, .bypass], "\(source)")
    #expect(!decisions[3].originContacted, "\(source): request 4 is blocked before the origin")

    // A request the rule's expression does not match is still served from cache.
    let other = #"{"ip":"203.0.113.7","path":"/other","status":200,"cache_control":"max-age=3600"}"#
    let otherEdge = try compile(
        plan: "enterprise", rules: rule,
        extra: cache.replacingOccurrences(of: #"http.request.uri.path eq "/form""#, with: "'true'"))
    #expect(try decide(otherEdge, [other, other]).map(\.cacheStatus) == [.miss, .hit], "\(source)")
}

/// The body fields of the fields reference: the raw body and its size, truncation past 128 KB with the size still
/// whole, the form map (only for a URL-encoded form, values undecoded), and the detected MIME type.
@Test func requestBodyFieldsFollowTheFieldsReference() throws {
    func evaluate(_ expression: String, _ object: String) throws -> Bool {
        let parsed = try #require(RulesParser.parse(expression, options: ParseOptions(plan: .enterprise)).0)
        return CompiledExpression(parsed).evaluate(RequestContext(try RequestObject.httpRequest(object)))
    }
    let caution = CloudflareSource(page: bodyFields, part: "caution on the maximum body size", read: read)
    let long = String(repeating: "a", count: 128 * 1024 + 10)
    let longObject = #"{"body":"\#(long)"}"#
    #expect(try evaluate("http.request.body.truncated", longObject), "\(caution)")
    #expect(try evaluate("http.request.body.size eq 131082", longObject), "\(caution)")
    #expect(try evaluate("len(http.request.body.raw) eq 131072", longObject), "\(caution)")
    #expect(try !evaluate("http.request.body.truncated", #"{"body":"short"}"#), "\(caution)")
    #expect(try evaluate("http.request.body.size eq 4096", #"{"body":"start","body_size":4096}"#), "\(caution)")

    let formPart = CloudflareSource(page: bodyFields, part: "http.request.body.form examples", read: read)
    let login = "{\(form),\"body\":\"username=admin&note=a%20b&username=Root\"}"
    #expect(try evaluate(#"any(http.request.body.form["username"][*] == "admin")"#, login), "\(formPart)")
    #expect(try evaluate(#"any(http.request.body.form.names[*] == "username")"#, login), "\(formPart)")
    #expect(try evaluate(#"any(http.request.body.form.values[*] == "admin")"#, login), "\(formPart)")
    #expect(try evaluate(#"http.request.body.form["note"][0] == "a%20b""#, login), "\(formPart): not decoded")
    #expect(try evaluate(#"http.request.body.form["username"][1] == "Root""#, login), "\(formPart): case kept")
    #expect(
        try !evaluate(#"any(http.request.body.form.names[*] == "username")"#, #"{"body":"username=admin"}"#),
        "\(formPart): filled only for application/x-www-form-urlencoded")

    let mime = CloudflareSource(page: bodyFields, part: "http.request.body.mime example", read: read)
    #expect(try evaluate(#"http.request.body.mime eq "image/jpeg""#, #"{"body_b64":"/9j/4AAQSkZJRg=="}"#), "\(mime)")
    #expect(try evaluate(#"http.request.body.raw eq "hello""#, #"{"body_b64":"aGVsbG8="}"#), "\(mime)")
}
