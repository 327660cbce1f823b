import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeTestSupport
import Testing

private let managed = "version: 1\nzone:\n  name: example.com\n  plan: pro\nmanaged_rules:\n"
private let overrides = managed + "  owasp:\n    enabled: true\n    overrides:\n"

/// The managed rules' scope and exceptions are Rules-language expressions located inside the YAML file, and `build`
/// warns about rule-level exceptions and overrides it cannot emit without Cloudflare's rule ids.
private let cases: [(String, String)] = [
    ("a misspelt field in an exception", managed + "  skip:\n    - id: s\n      when: ⟦E0618⟧http.hots eq \"a\"\n"),
    ("a misspelt field in the scope", managed + "  when: 'http.host eq \"a\" and ⟦E0618⟧ssl_on'\n"),
    (
        "listed rules without Cloudflare's ids",
        managed + "  skip:\n    - id: s\n      when: 'true'\n      ruleset: owasp\n      ⟦W0804⟧rules: [942100]\n"
    ),
    (
        "a rule override without Cloudflare's id",
        overrides + "      - rule: ⟦W0804⟧942100\n        enabled: false\n"
    ),
    (
        "a tag override without Cloudflare's category",
        overrides + "      - tag: ⟦W0804⟧attack-sqli\n        action: log\n"
    ),
]

@Test(arguments: cases)
func managedRulesFindingsAreLocatedInTheSpec(name: String, marked: String) {
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

@Test func ruleLevelExceptionsWithCloudflareIDsCompileWithoutWarnings() throws {
    let text =
        managed + "  owasp:\n    enabled: true\n    overrides:\n      - rule: 942100\n        enabled: false\n"
        + "        cloudflare_id: r1\n  skip:\n    - id: s\n      when: 'true'\n      ruleset: owasp\n"
        + "      rules: [942100]\n      cloudflare_ids: [r1]\n"
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics))
    let edge = try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    let findings = diagnostics.diagnostics.filter { !$0.id.hasPrefix("W05") }
    #expect(findings.isEmpty, "\(findings.map(\.message))")
    #expect(edge.managedRulesSkips.map(\.id) == ["s"])
    #expect(edge.managedRulesSkips.first?.when.deployed == "true")
}
