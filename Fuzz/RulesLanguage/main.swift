import EdgeCore
import EdgeWire
import RulesLanguage

/// libFuzzer harness for the Rules language: the first byte picks plan, context and missing-value policy; the
/// rest is an expression (request objects are fuzzed by the RequestJSON harness). Parsing must never crash; every
/// accepted expression must print canonically to text that parses again to the same canonical text and
/// evaluates alike; evaluation and explanation run against a few fixed requests.

private let requests: [HTTPRequest] = {
    var browser = HTTPRequest(
        method: "POST", host: "api.example.com", path: "/v1/a/../b/%7e.json", query: "a=1&a=2&b",
        headers: [
            ("User-Agent", "Mozilla/5.0 sqlmap"), ("Cookie", "s=1; t=2"), ("X-Json", #"{"a":[1,"x"]}"#),
            ("X-B64", "YWJj"),
        ],
        ip: IPAddress.parse("203.0.113.9") ?? .zeroV4, country: "SG")
    browser.responseStatus = 403
    browser.responseHeaders = [HTTPHeader("Content-Type", "text/html")]
    var v6 = HTTPRequest(path: "/")
    v6.ip = IPAddress.parse("2001:db8::1") ?? .zeroV4
    return [HTTPRequest(), browser, v6]
}()

private let lists: [String: NamedList] = [
    "ips": .ips([IPRange.parse("10.0.0.0/8")].compactMap { $0 }),
    "asns": .asns([13335]),
    "names": .strings([Array("a".utf8)]),
]

/// libFuzzer entry point: one input is one Rules expression parsed, checked, compiled and evaluated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let plan = CloudflarePlan.allCases[Int(selector) % CloudflarePlan.allCases.count]
    let contexts: [RuleContext?] = [nil] + RuleContext.allCases.map { $0 }
    let context = contexts[Int(selector >> 2) % contexts.count]
    let policy: MissingValuePolicy = selector & 0x40 != 0 ? .wirefilter : .cloudflare
    let options = ParseOptions(plan: plan, context: context, lists: lists, missingValues: policy)
    let (parsed, _) = RulesParser.parse(text, options: options)
    guard let expression = parsed else { return 0 }
    let canonical = expression.canonical
    let (reparsed, diagnostics) = RulesParser.parse(canonical, options: options)
    guard let again = reparsed else {
        fatalError("canonical form does not parse: \(canonical) — \(diagnostics.map(\.message))")
    }
    guard again.canonical == canonical else {
        fatalError("canonical printing is not stable: \(canonical) → \(again.canonical)")
    }
    let first = CompiledExpression(expression)
    let second = CompiledExpression(again)
    let shared = RequestContext(HTTPRequest())
    for request in requests {
        shared.reset(to: request)
        let result = first.evaluate(shared)
        guard result == second.evaluate(RequestContext(request)) else {
            fatalError("re-parsed expression evaluates differently: \(canonical)")
        }
        guard explain(expression, RequestContext(request)).result == result else {
            fatalError("explanation disagrees with evaluation: \(canonical)")
        }
    }
    return 0
}
