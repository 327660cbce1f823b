import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeTestSupport
import Testing

private let pro = "version: 1\nzone:\n  name: example.com\n  plan: pro\n"
private let business = "version: 1\nzone:\n  name: example.com\n  plan: business\n"

/// Rules-language, characteristic and plan-limit findings, located inside the YAML file by marker.
private let cases: [(String, String)] = [
    (
        "unknown field in a plain scalar",
        pro + "waf:\n  - id: r\n    when: ⟦E0618⟧http.user_agnet eq \"\"\n    action: block\n"
    ),
    (
        "unknown field on a folded line",
        pro
            + "waf:\n  - id: r\n    when: >-\n      http.host eq \"a\"\n      or ⟦E0618⟧http.hots eq \"b\"\n"
            + "    action: block\n"
    ),
    (
        "unknown field inside single quotes",
        pro + "waf:\n  - id: r\n    when: 'http.host eq \"a\" and ⟦E0618⟧ssl_on'\n    action: block\n"
    ),
    (
        "matches on pro",
        pro + "waf:\n  - id: r\n    when: http.user_agent ⟦E0625⟧matches \"bot\"\n    action: block\n"
    ),
    (
        "response field in a custom rule",
        pro + "waf:\n  - id: r\n    when: ⟦E0620⟧http.response.code eq 401\n    action: block\n"
    ),
    ("log needs enterprise", pro + "waf:\n  - id: r\n    when: 'true'\n    action: ⟦E0912⟧log\n"),
    (
        "too many rate limits for pro",
        pro + "rate_limits:\n"
            + (1...3).map {
                "  - ⟦\($0 == 3 ? "E0911" : "")⟧id: r\($0)\n    when: 'true'\n    requests: 10\n    period: 1m\n"
                    + "    action: block\n"
            }.joined().replacingOccurrences(of: "⟦⟧", with: "")
    ),
    (
        "method in a pro rate limit",
        pro
            + "rate_limits:\n  - id: r\n    when: ⟦E0621⟧http.request.method eq \"POST\"\n    requests: 10\n"
            + "    period: 1m\n    action: block\n"
    ),
    (
        "period above the plan",
        pro + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: ⟦E0914⟧10m\n"
            + "    action: block\n"
    ),
    (
        "period Cloudflare rejects",
        business
            + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: ⟦E0914⟧7m\n"
            + "    action: block\n"
    ),
    (
        "challenge with a timeout below enterprise",
        pro
            + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: 1m\n"
            + "    timeout: ⟦E0916⟧1m\n    action: managed_challenge\n"
    ),
    (
        "throttle with block below enterprise",
        pro
            + "rate_limits:\n  - id: r\n    when: 'true'\n    requests: 10\n    period: 1m\n"
            + "    timeout: ⟦E0916⟧0s\n    action: block\n"
    ),
    (
        "counting expression below business",
        pro
            + "rate_limits:\n  - id: r\n    when: 'true'\n"
            + "    counting_when: ⟦E0649⟧⟦E0621⟧http.response.code eq 401\n    requests: 10\n    period: 1m\n"
            + "    action: block\n"
    ),
    (
        "unknown characteristic",
        business
            + "rate_limits:\n  - id: r\n    when: 'true'\n    characteristics: [⟦E0901⟧ip.source]\n"
            + "    requests: 10\n    period: 1m\n    action: block\n"
    ),
    (
        "enterprise characteristic on business",
        business
            + "rate_limits:\n  - id: r\n    when: 'true'\n    characteristics:\n      - ip.src\n"
            + "      - ⟦E0902⟧'http.request.headers[\"x-api-key\"]'\n    requests: 10\n    period: 1m\n"
            + "    action: block\n"
    ),
    (
        "custom response on free",
        "version: 1\nzone: {name: example.com, plan: free}\nwaf:\n  - id: r\n    when: 'true'\n    action: block\n"
            + "    ⟦E0913⟧response:\n      body: denied\n"
    ),
    ("unknown list", pro + "waf:\n  - id: r\n    when: ip.src in ⟦E0628⟧$nowhere\n    action: block\n"),
    (
        "upper-case header key warns",
        pro + "waf:\n  - id: r\n    when: 'http.request.headers[⟦E0647⟧\"X-Api-Key\"][0] eq \"k\"'\n"
            + "    action: block\n"
    ),
]

@Test(arguments: cases)
func expressionFindingsAreLocatedInTheSpec(name: String, marked: String) {
    let spec = MarkedSpec(marked)
    let diagnostics = DiagnosticCollector()
    if let checked = SpecChecker.check(Array(spec.text.utf8), file: "edge.yaml", diagnostics: diagnostics) {
        _ = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
    }
    let (findings, all) = spec.findings(in: diagnostics)
    #expect(
        findings == Set(spec.expected),
        "\(name): expected \(spec.expected), got \(all.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}

@Test func deployedExpressionsInlineListsExceptManagedOnes() throws {
    let text =
        pro + """
            lists:
              office:
                kind: ip
                items: [192.0.2.0/24]
                managed: true
              words:
                kind: string
                items: [a, b]
            waf:
              - id: r
                when: ip.src in $office and http.host in $words
                action: block

            """
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics))
    let edge = try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    #expect(edge.customRules[0].when.deployed == #"ip.src in $office and http.host in {"a" "b"}"#)
    #expect(edge.managedLists.map(\.name) == ["office"])
}
