import EdgeCore
import EdgeWire

@testable import RulesLanguage

/// A request with a bit of everything, shared by the table-driven tests.
let sampleRequest: HTTPRequest = {
    var request = HTTPRequest(
        method: "GET", scheme: "https", host: "www.example.com", path: "/api/v1/Users.JSON",
        query: "id=5&tag=a&tag=b&Empty",
        headers: [
            ("User-Agent", "Mozilla/5.0 (SQLMap scanner)"),
            ("Accept", "text/html"),
            ("X-Forwarded-For", "198.51.100.1"),
            ("Cookie", "session=abc; th%65me=dark"),
            ("Referer", "https://ref.example/"),
            ("accept", "application/json"),
            ("X-Token", "YWRtaW46c2VjcmV0"),
            ("X-Meta", #"{"tier": 3, "name": "gold", "tags": ["a", "b"], "ratio": 1.5}"#),
        ],
        ip: IPAddress.parse("203.0.113.7") ?? .zeroV4, country: "SG")
    request.asn = 13335
    request.version = Array("HTTP/2".utf8)
    request.timestampMilliseconds = 1_766_224_800_123
    request.responseStatus = 401
    request.responseHeaders = [
        HTTPHeader("Content-Type", "Application/JSON; charset=utf-8"), HTTPHeader("Set-Cookie", "a=b"),
    ]
    request.botScore = 12
    return request
}()

/// A request with no headers at all.
let bareRequest = HTTPRequest()

/// An IPv6 client.
let ipv6Request: HTTPRequest = {
    var request = HTTPRequest(path: "/")
    request.ip = IPAddress.parse("2001:db8::1234") ?? .zeroV4
    return request
}()

/// Lists available to every table-driven case.
let testLists: [String: NamedList] = [
    "office": .ips([IPRange.parse("203.0.113.0/24"), IPRange.parse("2001:db8::/32")].compactMap { $0 }),
    "cloud_asns": .asns([13335, 16509]),
    "hosts": .strings([Array("www.example.com".utf8), Array("api.example.com".utf8)]),
]

/// Parses with test defaults, returning the expression and diagnostics.
func parse(
    _ text: String, plan: CloudflarePlan = .enterprise, context: RuleContext? = nil,
    missing: MissingValuePolicy = .cloudflare
) -> (Expression?, [Diagnostic]) {
    RulesParser.parse(
        text, options: ParseOptions(plan: plan, context: context, lists: testLists, missingValues: missing))
}
