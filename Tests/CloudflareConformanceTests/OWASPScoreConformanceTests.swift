import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Simulation
import Testing

/// The OWASP Core Ruleset's anomaly score as Cloudflare's worked example computes it, through a spec built the way
/// `replay` builds it: the paranoia level, the threshold names and the action come from the spec; the rules'
/// matches are the example's, given by a fixed evaluator.
@Suite("Cloudflare conformance: OWASP Core Ruleset score")
struct OWASPScoreConformanceTests {
    static let example = CloudflareSource(
        page: "https://developers.cloudflare.com/waf/managed-rules/reference/owasp-core-ruleset/example/",
        part: "the table of rule matches, final request threat score 26", read: "2026-12-02")

    /// The example's matches in its order: PL3 +5, PL2 +5, PL1 +5, PL2 +3, PL2 +5, PL3 +3 (the rules that did not
    /// match add nothing). A PL4 rule also matched here: the engine runs every level, and at PL3 it must not count.
    static let verdict = ManagedRulesVerdict(
        matches: [
            ManagedRuleMatch(id: 932_240, paranoiaLevel: 3, score: 5),
            ManagedRuleMatch(id: 942_200, paranoiaLevel: 2, score: 5),
            ManagedRuleMatch(id: 942_100, paranoiaLevel: 1, score: 5),
            ManagedRuleMatch(id: 942_432, paranoiaLevel: 2, score: 3),
            ManagedRuleMatch(id: 942_260, paranoiaLevel: 2, score: 5),
            ManagedRuleMatch(id: 942_490, paranoiaLevel: 3, score: 3),
            ManagedRuleMatch(id: 942_421, paranoiaLevel: 4, score: 5),
        ], levelScores: [5, 13, 8, 5])

    /// The example's zone: PL3 with the named threshold and managed challenge, its matches from the example.
    static func edge(threshold: String) throws -> Edge {
        let spec = """
            version: 1
            zone:
              name: example.com
              plan: pro
            managed_rules:
              owasp:
                enabled: true
                paranoia_level: 3
                score_threshold: \(threshold)
                action: managed_challenge

            """
        var configuration = try ModelConfigurationBuilder.configuration(for: try ConformanceSpec.compiled(spec))
        configuration.managedRules?.owasp?.evaluator = ExampleVerdict()
        return try Edge(configuration: configuration)
    }

    /// Gives every request the example's verdict.
    struct ExampleVerdict: ManagedRulesEvaluator {
        func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict { OWASPScoreConformanceTests.verdict }
    }

    @Test func theExampleScores26AtParanoiaLevel3AndIsChallengedAtHigh() throws {
        #expect(Self.verdict.score(atParanoiaLevel: 3) == 26, "\(Self.example)")
        let decision = try Self.edge(threshold: "high").process(request(), tracing: true)
        #expect(decision.action == .managedChallenge, "26 >= 25: \(Self.example)")
        #expect(decision.ruleID == OWASPRuleset.ruleID)
        #expect(decision.phase == .managedRules)
        #expect(decision.trace?.owasp?.score == 26)
        #expect(decision.trace?.owasp?.scoreThreshold == 25)
    }

    @Test func theExamplePassesAtMediumBecause26IsBelow40() throws {
        let decision = try Self.edge(threshold: "medium").process(request(), tracing: true)
        #expect(decision.action == .allow, "26 < 40: \(Self.example)")
        #expect(decision.ruleID == nil)
        #expect(decision.trace?.owasp?.scoreThreshold == 40)
        #expect(decision.managedRules == .evaluated)
    }
}

/// A browser's GET of the example zone's home page.
private func request() -> EdgeRequest {
    EdgeRequest(HTTPRequest(host: "example.com", path: "/", headers: [("User-Agent", "Mozilla/5.0")]))
}
