import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

/// An OWASP evaluator that gives each path a fixed verdict (`.clean` for any other path), so the phase's arithmetic
/// is tested apart from the rules.
struct FixedVerdicts: ManagedRulesEvaluator {
    let verdicts: [String: ManagedRulesVerdict]

    func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        verdicts[String(decoding: request.path, as: UTF8.self)] ?? .clean
    }
}

/// A verdict whose paranoia-level-1 rules add `score` points (one match, id 942100).
func levelOneVerdict(_ score: Int) -> ManagedRulesVerdict {
    ManagedRulesVerdict(matches: [ManagedRuleMatch(id: 942_100, paranoiaLevel: 1, score: score)], levelScores: [score])
}

@Suite("WAF managed rules: the OWASP Core Ruleset's threshold, level and action")
struct ManagedRulesPhaseTests {
    private func edge(
        _ verdicts: [String: ManagedRulesVerdict], level: Int = 1, threshold: Int = 40,
        action: ManagedRulesAction = .block, customRules: [CustomRule] = [], rateLimits: [RateLimitRule] = []
    ) throws -> Edge {
        let owasp = OWASPRuleset(
            evaluator: FixedVerdicts(verdicts: verdicts), paranoiaLevel: level, scoreThreshold: threshold,
            action: action)
        return try Edge(
            configuration: EdgeConfiguration(
                customRules: customRules, rateLimitRules: rateLimits,
                managedRules: ManagedRulesConfiguration(owasp: owasp)))
    }

    /// Cloudflare's three thresholds: a score one below lets the request through, the threshold itself acts.
    @Test(arguments: [(24, 25), (39, 40), (59, 60)])
    func aScoreReachingTheThresholdBlocksAndOneBelowPasses(below: Int, threshold: Int) throws {
        let edge = try edge(
            ["/below": levelOneVerdict(below), "/at": levelOneVerdict(threshold)], threshold: threshold)
        let decisions = run(
            edge,
            [
                Step(request("/below", at: 0), .allow(.dynamic)),
                Step(
                    request("/at", at: 1),
                    .blocked(by: OWASPRuleset.ruleID, status: 403, phase: .managedRules)),
            ])
        #expect(decisions.map(\.managedRules) == [.evaluated, .evaluated])
        #expect(decisions[0].managedRulesVerdict?.score(atParanoiaLevel: 1) == below)
    }

    /// A rule of level 2 runs (the engine executes every level) but only counts when the deployed level is 2 or more.
    @Test func aParanoiaLevelTwoMatchCountsOnlyAtLevelTwo() throws {
        let verdict = ManagedRulesVerdict(
            matches: [
                ManagedRuleMatch(id: 942_100, paranoiaLevel: 1, score: 20),
                ManagedRuleMatch(id: 942_200, paranoiaLevel: 2, score: 20),
            ], levelScores: [20, 20])
        let levelOne = try edge(["/q": verdict], level: 1, threshold: 25)
        run(levelOne, [Step(request("/q", at: 0), .allow(.dynamic))])
        let trace = try #require(levelOne.process(request("/q", at: 1), tracing: true).trace?.owasp)
        #expect(trace.score == 20)
        #expect(verdict.matches.map(trace.counts) == [true, false])
        #expect(trace.outcome == "below the threshold (continues)")
        let levelTwo = try edge(["/q": verdict], level: 2, threshold: 25)
        run(levelTwo, [Step(request("/q", at: 0), .blocked(by: OWASPRuleset.ruleID, status: 403))])
    }

    /// `log` records the ruleset as the deciding rule and lets the request go on to the cache and the origin.
    @Test func logRecordsWithoutStopping() throws {
        let edge = try edge(["/q": levelOneVerdict(40)], action: .log)
        let decisions = run(
            edge,
            [Step(request("/q", at: 0), Expect(action: .log, rule: OWASPRuleset.ruleID, status: 200, origin: true))])
        #expect(decisions[0].phase == .managedRules)
        #expect(decisions[0].cacheStatus != .unknown, "a logged request goes on to the cache")
        let trace = try #require(edge.process(request("/q", at: 1), tracing: true).trace?.owasp)
        #expect(trace.outcome == "log (continues)")
    }

    /// A challenge stops the request, unless the client solves it; then it goes on, allowed by the ruleset.
    @Test(arguments: [
        (ManagedRulesAction.managedChallenge, EdgeAction.managedChallenge), (.challenge, .challenge),
        (.jsChallenge, .jsChallenge),
    ])
    func aChallengeStopsUnlessSolved(action: ManagedRulesAction, edgeAction: EdgeAction) throws {
        let edge = try edge(["/q": levelOneVerdict(40)], action: action)
        let decisions = run(
            edge,
            [
                Step(request("/q", at: 0), .blocked(by: OWASPRuleset.ruleID, status: 403, action: edgeAction)),
                Step(
                    request("/q", at: 1, solved: true),
                    Expect(action: .allow, rule: OWASPRuleset.ruleID, status: 200, origin: true)),
            ])
        #expect(decisions[1].solvedChallenge)
        let trace = try #require(edge.process(request("/q", at: 2, solved: true), tracing: true).trace?.owasp)
        #expect(trace.outcome == "\(action.rawValue) solved (continues)")
    }

    /// A custom `skip` of the managed phase spares the request the ruleset: no verdict, whatever it would score.
    @Test func aCustomSkipOfTheManagedPhaseSkipsTheRuleset() throws {
        let skip = CustomRule(
            id: "trusted", expression: try expression("ip.src in {192.0.2.0/24}", .custom),
            action: .skip(SkipOptions(phases: [.managedRules])))
        let edge = try edge(["/q": levelOneVerdict(100)], customRules: [skip])
        let decisions = run(
            edge,
            [
                Step(request("/q", at: 0, ip: "192.0.2.9"), .allow(.dynamic)),
                Step(request("/q", at: 1), .blocked(by: OWASPRuleset.ruleID, status: 403)),
            ])
        #expect(decisions[0].managedRules == .skipped)
        #expect(decisions[0].managedRulesVerdict == nil)
    }

    /// Rate limiting runs before the managed rules: a request over the limit is rate limited and never scored.
    @Test func rateLimitingRunsFirst() throws {
        let limit = try rateLimit("per-ip", requests: 1, period: 60, timeout: 60)
        let edge = try edge(["/q": levelOneVerdict(100)], rateLimits: [limit])
        let decisions = run(
            edge,
            [
                Step(request("/q", at: 0), .blocked(by: OWASPRuleset.ruleID, status: 403, phase: .managedRules)),
                Step(request("/q", at: 1), .blocked(by: "per-ip", status: 429, phase: .rateLimit)),
            ])
        #expect(decisions[1].managedRules == .notReached)
        #expect(decisions[1].managedRulesVerdict == nil)
    }

    /// A request the ruleset evaluated carries the verdict even when nothing matched, for the decisions file.
    @Test func aCleanRequestCarriesItsVerdict() throws {
        let decision = try edge([:]).process(request("/", at: 0))
        #expect(decision.managedRules == .evaluated)
        #expect(decision.managedRulesVerdict == .clean)
        #expect(decision.ruleID == nil)
    }
}
