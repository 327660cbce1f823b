import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import Foundation
import RulesLanguage
import Testing

@testable import Simulation

/// Whether Debian's OWASP Core Rule Set is installed (the suites that run it skip with a message otherwise).
private let crsInstalled = FileManager.default.fileExists(atPath: "/usr/share/modsecurity-crs/rules")

/// A pro-plan spec whose managed rules section is `managedRules` (indented under `managed_rules:`).
private func spec(_ managedRules: String) -> String {
    "version: 1\nzone:\n  name: example.com\n  plan: pro\nmanaged_rules:\n" + managedRules
}

/// Checks and compiles `text`, then runs the catalogue check; the diagnostics of all three.
private func check(_ text: String) -> (CompiledEdge?, DiagnosticCollector) {
    let diagnostics = DiagnosticCollector()
    guard let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics),
        let edge = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
    else { return (nil, diagnostics) }
    ManagedRulesReferences.check(edge.managedRules, diagnostics: diagnostics)
    return (edge, diagnostics)
}

/// The UNION SELECT probe (PL1 20: 942100 942190 942270 942360) from the research notes.
private let unionSelect = "q=1%27%20UNION%20SELECT%20password%20FROM%20users--"

private func probe(_ path: String, _ query: String) -> EdgeRequest {
    EdgeRequest(
        HTTPRequest(
            host: "api.example.com", path: path, query: query,
            headers: [("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"), ("Accept", "application/json")]
        ))
}

/// Exceptions and overrides of the spec, through the model configuration, on the real Core Rule Set run by
/// libmodsecurity.
@Suite(.enabled(if: crsInstalled, "the OWASP Core Rule Set is not installed at /usr/share/modsecurity-crs"))
struct ManagedRulesExceptionsTests {
    @Test func aDisabledRuleIsRemovedFromTheEngineAndItsPointsWithIt() throws {
        let (compiled, diagnostics) = check(
            spec(
                "  owasp:\n    enabled: true\n    paranoia_level: 2\n    overrides:\n      - rule: 942100\n"
                    + "        enabled: false\n"))
        let edge = try #require(compiled, "\(diagnostics.diagnostics.map(\.message))")
        let model = try Edge(configuration: try ModelConfigurationBuilder.configuration(for: edge))
        let decision = model.process(probe("/v1/incidents", unionSelect))
        let verdict = try #require(decision.managedRulesVerdict)
        #expect(verdict.matches(atParanoiaLevel: 1).map(\.id) == [942190, 942270, 942360])
        #expect(verdict.score(atParanoiaLevel: 1) == 15)
        #expect(verdict.score(atParanoiaLevel: 2) == 35)
        #expect(decision.action == .allow)
    }

    @Test func anExceptionByTagSkipsEverySQLInjectionRuleOnItsPathOnly() throws {
        let (compiled, diagnostics) = check(
            spec(
                "  owasp:\n    enabled: true\n    paranoia_level: 2\n    score_threshold: high\n  skip:\n"
                    + "    - id: search\n      when: http.request.uri.path eq \"/v1/search\"\n      ruleset: owasp\n"
                    + "      rules: [attack-sqli]\n"))
        let edge = try #require(compiled, "\(diagnostics.diagnostics.map(\.message))")
        let model = try Edge(configuration: try ModelConfigurationBuilder.configuration(for: edge))
        let search = model.process(probe("/v1/search", unionSelect))
        #expect(search.managedRulesSkips == ["search"])
        #expect(search.managedRulesVerdict?.matches.contains { (942000..<943000).contains($0.id) } == false)
        #expect(search.action == .allow)
        let incidents = model.process(probe("/v1/incidents", unionSelect))
        #expect(incidents.managedRulesSkips.isEmpty)
        #expect(incidents.managedRulesVerdict?.score(atParanoiaLevel: 2) == 40)
        #expect(incidents.action == .block)
    }

    @Test func anExceptionAndAnOverrideNamedOnlyByCloudflaresIDsAreLeftOutOfTheModelAndReported() throws {
        let (compiled, diagnostics) = check(
            spec(
                "  owasp:\n    enabled: true\n    paranoia_level: 2\n    score_threshold: high\n    overrides:\n"
                    + "      - cloudflare_id: 5d1a6a2d0b5e4c7c9c1a1e0c1b6e6b01\n        enabled: false\n  skip:\n"
                    + "    - id: search\n      when: http.request.uri.path eq \"/v1/search\"\n      ruleset: owasp\n"
                    + "      cloudflare_ids: [5d1a6a2d0b5e4c7c9c1a1e0c1b6e6b02]\n"))
        let edge = try #require(compiled, "\(diagnostics.diagnostics.map(\.message))")
        let model = try Edge(configuration: try ModelConfigurationBuilder.configuration(for: edge))
        // The exception is not named as applied and skips nothing; the probe scores as without either.
        let search = model.process(probe("/v1/search", unionSelect))
        #expect(search.managedRulesSkips.isEmpty)
        #expect(search.managedRulesVerdict?.score(atParanoiaLevel: 2) == 40)
        #expect(search.action == .block)
        #expect(
            NotSimulatedSettings.uses(in: edge).map(\.path).filter { $0.contains("cloudflare_id") } == [
                "managed_rules.owasp.overrides[].cloudflare_id", "managed_rules.skip[].cloudflare_ids",
            ])
    }

    @Test func anUnknownCRSIDIsReportedWhereItIsWrittenWithASuggestion() throws {
        let (_, diagnostics) = check(
            spec("  owasp:\n    enabled: true\n    overrides:\n      - rule: 942105\n        enabled: false\n"))
        let error = try #require(diagnostics.diagnostics.first { $0.id == "E0951" })
        #expect(error.range.start.line == 9)
        #expect(error.range.start.column == 15)
        #expect(error.message == "942105 is not a rule of the OWASP Core Rule Set 3.3.4")
        #expect(error.help?.hasPrefix("did you mean 9421") == true)
    }

    @Test func anUnknownTagIsReportedWithASuggestion() throws {
        let (_, diagnostics) = check(
            spec(
                "  skip:\n    - id: s\n      when: 'true'\n      ruleset: owasp\n      rules: [942100, attack-sqlii]\n"
            ))
        let errors = diagnostics.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == ["E0952"])
        #expect(errors.first?.range.start.line == 10)
        #expect(errors.first?.range.start.column == 23)
        #expect(errors.first?.help == "did you mean 'attack-sqli'?")
    }

    @Test func knownIDsAndTagsCheckClean() {
        let (_, diagnostics) = check(
            spec(
                "  owasp:\n    enabled: true\n    overrides:\n      - tag: attack-xss\n        action: log\n"
                    + "        cloudflare_id: xss\n"))
        let findings = diagnostics.diagnostics.filter { !$0.id.hasPrefix("W05") }
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }
}
