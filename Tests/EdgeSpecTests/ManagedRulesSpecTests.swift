import EdgeCore
import EdgeTestSupport
import Testing

@testable import EdgeSpec

private let managed = "version: 1\nzone:\n  name: example.com\n  plan: pro\nmanaged_rules:\n"
private let owasp = managed + "  owasp:\n    enabled: true\n    overrides:\n"

/// Exceptions (`managed_rules.skip`) and overrides (`managed_rules.owasp.overrides`): each bad spec marks the
/// diagnostics expected, by ID, line and column.
private let cases: [(String, String)] = [
    (
        "an override with a rule and a tag",
        owasp + "      - rule: 942100\n        ⟦E0111⟧tag: attack-sqli\n"
            + "        enabled: false\n"
    ),
    ("an override naming no rule", owasp + "      - ⟦E0111⟧enabled: false\n"),
    ("an override naming only a Cloudflare id", owasp + "      - cloudflare_id: attack-rce\n        enabled: false\n"),
    (
        "an exception listing only Cloudflare's ids",
        managed + "  skip:\n    - id: s\n      when: 'true'\n      ruleset: owasp\n      cloudflare_ids: [abc]\n"
    ),
    ("an override that changes nothing", owasp + "      - ⟦E0111⟧rule: 942100\n"),
    ("an override action that is not an action", owasp + "      - rule: 942100\n        action: ⟦E0104⟧blok\n"),
    ("a CRS id written as text", owasp + "      - rule: ⟦E0102⟧\"942100\"\n        enabled: false\n"),
    ("a CRS id out of range", owasp + "      - rule: ⟦E0106⟧0\n        enabled: false\n"),
    ("a tag written as a number", owasp + "      - tag: ⟦E0102⟧942\n        enabled: false\n"),
    ("an unknown override key", owasp + "      - rule: 942100\n        ⟦E0101⟧enable: false\n"),
    (
        "listed rules of a ruleset other than owasp",
        managed + "  skip:\n    - id: health\n      when: 'true'\n      ⟦E0111⟧rules: [942100]\n"
    ),
    (
        "cloudflare ids of a ruleset other than owasp",
        managed + "  skip:\n    - id: health\n      when: 'true'\n      ruleset: cloudflare\n"
            + "      ⟦E0111⟧cloudflare_ids: [abc]\n"
    ),
    (
        "a ruleset that does not exist",
        managed + "  skip:\n    - id: health\n      when: 'true'\n      ruleset: ⟦E0104⟧owsap\n"
    ),
    ("an exception without a condition", managed + "  skip:\n    - ⟦E0103⟧id: health\n"),
    ("an empty list of rules", managed + "  skip:\n    - id: h\n      when: 'true'\n      rules: ⟦E0106⟧[]\n"),
    (
        "an exception id used by a custom rule",
        managed + "  skip:\n    - id: ⟦E0108⟧dup\n      when: 'true'\n"
            + "waf:\n  - id: dup\n    when: 'true'\n    action: log\n"
    ),
]

@Test(arguments: cases)
func managedRulesSpecReportsMarkedDiagnostics(name: String, marked: String) {
    let spec = MarkedSpec(marked)
    let (findings, diagnostics) = spec.check()
    #expect(
        findings == Set(spec.expected),
        "\(name): expected \(spec.expected), got \(diagnostics.map { "\($0.id)@\($0.range.start) \($0.message)" })")
}

@Test func exceptionsAndOverridesReadWithTheirDefaults() throws {
    let text =
        owasp + "      - rule: 942100\n        enabled: false\n      - tag: attack-xss\n        action: log\n"
        + "        cloudflare_id: xss\n  skip:\n    - id: health\n      when: http.request.uri.path eq \"/healthz\"\n"
        + "    - id: search\n      when: 'true'\n      ruleset: owasp\n      rules: [942100, attack-sqli]\n"
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics))
    #expect(!diagnostics.hasErrors, "\(diagnostics.diagnostics.map(\.message))")
    let spec = try #require(checked.spec.managedRules)
    #expect(spec.skip.map(\.id.text) == ["health", "search"])
    #expect(spec.skip[0].ruleset == .all)
    #expect(spec.skip[0].rules == nil)
    #expect(spec.skip[1].rules?.map(\.target) == [.id(942100), .tag("attack-sqli")])
    let overrides = try #require(spec.owasp?.overrides)
    #expect(overrides.map(\.reference?.target) == [.id(942100), .tag("attack-xss")])
    #expect(overrides.map(\.enabled) == [false, nil])
    #expect(overrides.map(\.action) == [nil, .log])
    #expect(overrides.map(\.cloudflareID) == [nil, "xss"])
}
