import EdgeCore
import EdgeWire
import Testing

@testable import RulesLanguage

/// One case of wirefilter's own tests, the engine Cloudflare Rules run on, written with Cloudflare's field names:
/// an expression, the request it runs on, and the result (or the parse error) the engine's test expects.
struct WirefilterCase: Sendable, CustomTestStringConvertible {
    /// What the case expects.
    enum Expectation: Sendable {
        case result(Bool)
        case error(String)
    }

    let expression: String
    let request: HTTPRequest
    let expectation: Expectation
    let source: CloudflareSource

    var testDescription: String { expression.count > 80 ? String(expression.prefix(80)) + "…" : expression }
}

private let repository = "https://github.com/cloudflare/wirefilter/blob/HEAD/"
private let read = "2026-12-02"

private func source(_ path: String, _ test: String) -> CloudflareSource {
    CloudflareSource(page: repository + path, part: test, read: read)
}

private let fieldExpr = "engine/src/ast/field_expr.rs"
private let bytesLexer = "engine/src/rhs_types/bytes.rs"

private func request(
    host: String = "example.com", ip: String = "203.0.113.7", port: Int64 = 443, ssl: Bool = true,
    userAgent: String = "client/1.0", headers: [(String, String)] = []
) -> HTTPRequest {
    var request = HTTPRequest(
        host: host, headers: [("User-Agent", userAgent)] + headers, ip: IPAddress.parse(ip) ?? .zeroV4)
    request.port = port
    request.ssl = ssl
    return request
}

private func evaluates(_ expression: String, _ request: HTTPRequest, _ expected: Bool, _ source: CloudflareSource)
    -> WirefilterCase
{
    WirefilterCase(expression: expression, request: request, expectation: .result(expected), source: source)
}

private func rejects(_ expression: String, _ id: String, _ source: CloudflareSource) -> WirefilterCase {
    WirefilterCase(expression: expression, request: request(), expectation: .error(id), source: source)
}

private let isTrue = source(fieldExpr, "test_is_true")
private let bytesCompare = source(fieldExpr, "test_bytes_compare")
private let intIn = source(fieldExpr, "test_int_in")
private let bytesIn = source(fieldExpr, "test_bytes_in")
private let ipIn = source(fieldExpr, "test_ip_in")
private let containsBytes = source(fieldExpr, "test_contains_bytes")
private let intCompare = source(fieldExpr, "test_int_compare")
private let mapContains = source(fieldExpr, "test_map_of_bytes_contains_str")
private let lowercase = source(fieldExpr, "test_bytes_compare_with_lowercase_function")
private let quoted = source(bytesLexer, "test")
private let raw = source(bytesLexer, "test_raw_string")

private let ports = "cf.edge.server_port in { 80 443 2082..2083 }"
private let addresses = "ip.src in { 127.0.0.0/8 ::1 10.0.0.0..10.0.255.255 }"
private let hosts = #"http.host in { "example.org" "example.com" }"#

/// wirefilter's lexer and comparison tests that are valid Cloudflare Rules syntax. Its test scheme's fields are
/// replaced by Cloudflare fields of the same type: `tcp.port` by `cf.edge.server_port`, `ip.addr` by `ip.src`,
/// `http.headers` by `http.request.headers` (whose values are arrays in Cloudflare's scheme), `lowercase` by `lower`.
let wirefilterCases: [WirefilterCase] = [
    evaluates("ssl", request(ssl: true), true, isTrue),
    evaluates("ssl", request(ssl: false), false, isTrue),
    evaluates(#"http.host == "example.org""#, request(host: "example.com"), false, bytesCompare),
    evaluates(#"http.host == "example.org""#, request(host: "example.org"), true, bytesCompare),
    evaluates(ports, request(port: 80), true, intIn),
    evaluates(ports, request(port: 8080), false, intIn),
    evaluates(ports, request(port: 443), true, intIn),
    evaluates(ports, request(port: 2081), false, intIn),
    evaluates(ports, request(port: 2082), true, intIn),
    evaluates(ports, request(port: 2083), true, intIn),
    evaluates(ports, request(port: 2084), false, intIn),
    evaluates(hosts, request(host: "example.com"), true, bytesIn),
    evaluates(hosts, request(host: "example.org"), true, bytesIn),
    evaluates(hosts, request(host: "example.net"), false, bytesIn),
    evaluates(addresses, request(ip: "127.0.0.1"), true, ipIn),
    evaluates(addresses, request(ip: "127.0.0.3"), true, ipIn),
    evaluates(addresses, request(ip: "255.255.255.255"), false, ipIn),
    evaluates(addresses, request(ip: "::1"), true, ipIn),
    evaluates(addresses, request(ip: "::2"), false, ipIn),
    evaluates(#"http.host contains "abc""#, request(host: "example.org"), false, containsBytes),
    evaluates(#"http.host contains "abc""#, request(host: "abc.net.au"), true, containsBytes),
    evaluates("cf.edge.server_port < 8000", request(port: 80), true, intCompare),
    evaluates("cf.edge.server_port < 8000", request(port: 8080), false, intCompare),
    evaluates(
        #"http.request.headers["x-host"][0] contains "abc""#, request(headers: [("X-Host", "example.org")]), false,
        mapContains),
    evaluates(
        #"http.request.headers["x-host"][0] contains "abc""#, request(headers: [("X-Host", "abc.net.au")]), true,
        mapContains),
    evaluates(#"lower(http.user_agent) == "example.org""#, request(userAgent: "EXAMPLE.COM"), false, lowercase),
    evaluates(#"lower(http.user_agent) == "example.org""#, request(userAgent: "EXAMPLE.ORG"), true, lowercase),
    // Quoted strings: `\\`, `\"`, `\xHH` and `\OOO` escapes; any other escape and a missing end quote are errors.
    evaluates(#"http.user_agent eq "s\\t\"r\x0A\000t""#, request(userAgent: "s\\t\"r\n\0t"), true, quoted),
    evaluates(#"concat("\x7F", "") eq "\177""#, request(), true, quoted),
    rejects(#"http.user_agent eq "\n""#, "E0606", quoted),
    rejects(#"http.user_agent eq "abcd\"#, "E0605", quoted),
    // Raw strings: empty, with `"` and `#` inside, up to 255 `#`; unmatched or 256 `#` are errors.
    evaluates(#"concat(r"", "") eq """#, request(), true, raw),
    evaluates(##"concat(r#""a"""#, "") eq "\"a\"\"""##, request(), true, raw),
    evaluates(###"concat(r##""a"#b"##, "") eq "\"a\"#b""###, request(), true, raw),
    evaluates(
        "concat(r" + String(repeating: "#", count: 255) + "\"abc\"" + String(repeating: "#", count: 255)
            + ", \"\") eq \"abc\"", request(), true, raw),
    rejects(
        "http.user_agent eq r" + String(repeating: "#", count: 256) + "\"abc\"" + String(repeating: "#", count: 256),
        "E0607", raw),
    rejects(#"http.user_agent eq r#"a""#, "E0607", raw),
]

/// Each wirefilter case parses on Enterprise and evaluates to the engine's result, or fails with the dialect error.
@Test(arguments: wirefilterCases)
func wirefilterCasesBehaveAsTheEngine(_ row: WirefilterCase) {
    let (expression, diagnostics) = RulesParser.parse(
        row.expression, options: ParseOptions(plan: .enterprise, context: .custom))
    let errors = diagnostics.filter { $0.severity == .error }
    switch row.expectation {
    case .result(let expected):
        #expect(errors.isEmpty, "\(row.source): \(errors.map { "\($0.id) \($0.message)" })")
        guard let expression else { return }
        #expect(CompiledExpression(expression).evaluate(RequestContext(row.request)) == expected, "\(row.source)")
    case .error(let id):
        #expect(expression == nil, "\(row.source)")
        #expect(errors.first?.id == id, "\(row.source): \(errors.map { "\($0.id) \($0.message)" })")
    }
}
