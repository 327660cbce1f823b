import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

/// An evaluator that finds `attack` in any request whose query contains it, and nothing elsewhere: 942100 matched
/// two variables (10 points), 942190 and 942270 one each (5), 942200 at paranoia level 2 (5).
private struct ProbeEvaluator: ManagedRulesEvaluator {
    static let attack = ManagedRulesVerdict(
        matches: [
            ManagedRuleMatch(id: 942100, paranoiaLevel: 1, score: 10),
            ManagedRuleMatch(id: 942190, paranoiaLevel: 1, score: 5),
            ManagedRuleMatch(id: 942270, paranoiaLevel: 1, score: 5),
            ManagedRuleMatch(id: 942200, paranoiaLevel: 2, score: 5),
        ],
        levelScores: [20, 5])

    func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        String(decoding: request.query, as: UTF8.self).contains("attack") ? Self.attack : .clean
    }
}

/// The managed rules phase's scope (`managed_rules.when`), exceptions (`managed_rules.skip`) and rule overrides
/// (`ruleActions`), on a fake evaluator so the scores are known.
@Suite struct ManagedRulesExceptionTests {
    /// An edge running OWASP at paranoia level 1 with `threshold`, the Cloudflare Managed Ruleset when asked.
    func edge(
        threshold: Int = 20, scope: String? = nil, skips: [ManagedRulesSkip] = [],
        ruleActions: [Int: ManagedRulesAction] = [:], cloudflare: Bool = false
    ) throws -> Edge {
        let owasp = OWASPRuleset(
            evaluator: ProbeEvaluator(), paranoiaLevel: 1, scoreThreshold: threshold, ruleActions: ruleActions)
        return try Edge(
            configuration: EdgeConfiguration(
                managedRules: ManagedRulesConfiguration(
                    owasp: owasp, cloudflareManaged: cloudflare, scope: try scope.map { try compiled($0) },
                    skips: skips)))
    }

    func skip(_ id: String, _ condition: String, _ target: ManagedRulesSkipTarget) throws -> ManagedRulesSkip {
        ManagedRulesSkip(id: id, condition: try compiled(condition), target: target)
    }

    @Test func theProbeBlocksWithoutExceptions() throws {
        let decision = try edge().process(request("/search?q=attack", at: 0))
        #expect(decision.action == .block)
        #expect(decision.ruleID == OWASPRuleset.ruleID)
        #expect(decision.managedRulesSkips.isEmpty)
    }

    @Test func aRequestOutsideTheScopeIsNotEvaluated() throws {
        let edge = try edge(scope: #"http.host eq "api.example.com""#)
        let outside = edge.process(request("/search?q=attack", at: 0, host: "www.example.com"))
        #expect(outside.managedRules == .outOfScope)
        #expect(outside.managedRulesVerdict == nil)
        #expect(outside.action == .allow)
        #expect(!outside.managedRules.reachedPhase)
        let inside = edge.process(request("/search?q=attack", at: 1, host: "api.example.com"))
        #expect(inside.managedRules == .evaluated)
        #expect(inside.action == .block)
    }

    @Test func skippingEverythingSkipsThePhaseAndTheLaterExceptions() throws {
        let edge = try edge(
            skips: [
                try skip("health", #"http.request.uri.path eq "/healthz""#, .all),
                try skip("search", "true", .owaspRules([942100])),
            ], cloudflare: true)
        let health = edge.process(request("/healthz?q=attack", at: 0), tracing: true)
        #expect(health.managedRules == .skipped)
        #expect(health.managedRulesVerdict == nil)
        #expect(health.action == .allow)
        #expect(health.managedRulesSkips == ["health"])
        #expect(health.trace?.description.contains("\n  exceptions: health") == true)
    }

    @Test func skippingOWASPLeavesTheCloudflareRulesetNotSimulated() throws {
        let withCloudflare = try edge(skips: [try skip("owasp-off", "true", .owasp)], cloudflare: true)
        let decision = withCloudflare.process(request("/search?q=attack", at: 0))
        #expect(decision.managedRules == .notSimulated)
        #expect(decision.action == .allow)
        let alone = try edge(skips: [try skip("owasp-off", "true", .owasp)])
        #expect(alone.process(request("/search?q=attack", at: 0)).managedRules == .skipped)
        let cloudflareOff = try edge(skips: [try skip("cf-off", "true", .cloudflareManaged)], cloudflare: true)
        #expect(cloudflareOff.process(request("/search?q=attack", at: 0)).action == .block)
    }

    @Test func skippingRulesDropsTheirMatchesAndEveryPointTheyAdded() throws {
        let edge = try edge(skips: [try skip("search", #"http.request.uri.path eq "/search""#, .owaspRules([942100]))])
        let skipped = edge.process(request("/search?q=attack", at: 0))
        #expect(skipped.action == .allow)
        #expect(skipped.managedRules == .evaluated)
        #expect(skipped.managedRulesSkips == ["search"])
        let verdict = try #require(skipped.managedRulesVerdict)
        #expect(verdict.matches.map(\.id) == [942190, 942270, 942200])
        #expect(verdict.levelScores == [10, 5, 0, 0])
        let elsewhere = edge.process(request("/other?q=attack", at: 1))
        #expect(elsewhere.action == .block)
        #expect(elsewhere.managedRulesVerdict?.levelScores == [20, 5, 0, 0])
    }

    @Test func partialExceptionsAccumulate() throws {
        let edge = try edge(
            threshold: 10,
            skips: [try skip("a", "true", .owaspRules([942190])), try skip("b", "true", .owaspRules([942270]))])
        let decision = edge.process(request("/search?q=attack", at: 0))
        #expect(decision.managedRulesSkips == ["a", "b"])
        #expect(decision.managedRulesVerdict?.score(atParanoiaLevel: 1) == 10)
        #expect(decision.action == .block)
    }

    @Test func aRuleWithItsOwnBlockActionBlocksBelowTheThreshold() throws {
        let edge = try edge(threshold: 60, ruleActions: [942190: .block])
        let decision = edge.process(request("/search?q=attack", at: 0))
        #expect(decision.action == .block)
        #expect(decision.phase == .managedRules)
        #expect(decision.status == 403)
        #expect(edge.process(request("/search?q=fine", at: 1)).action == .allow)
    }

    @Test func aRuleWithItsOwnLogActionStopsScoringAndIsRecorded() throws {
        let edge = try edge(threshold: 20, ruleActions: [942100: .log])
        let decision = edge.process(request("/search?q=attack", at: 0))
        #expect(decision.action == .log)
        #expect(decision.phase == .managedRules)
        let verdict = try #require(decision.managedRulesVerdict)
        #expect(verdict.score(atParanoiaLevel: 1) == 10)
        #expect(verdict.matches.first == ManagedRuleMatch(id: 942100, paranoiaLevel: 1, score: 0))
    }

    @Test func aRuleActionAboveTheDeployedLevelDoesNothing() throws {
        let edge = try edge(threshold: 60, ruleActions: [942200: .block])
        #expect(edge.process(request("/search?q=attack", at: 0)).action == .allow)
    }
}
