import EdgeWire
import RulesLanguage

/// What the managed rules phase did with one request.
struct ManagedRulesPhaseOutcome {
    /// What happened in the phase.
    var outcome: ManagedRulesOutcome
    /// The OWASP verdict, when the ruleset evaluated the request, without the rules an exception skipped.
    var verdict: ManagedRulesVerdict?
    /// The exceptions (managed rules skips) that applied, by id, in order.
    var skipIDs: [String] = []
    /// The action when the score reached the threshold or a rule with its own action matched: terminating, or
    /// recorded (`log`, `allow` after a solved challenge); nil otherwise.
    var action: EdgeAction?
    /// The status of a terminating action.
    var status = 403
    /// Whether the client solved the challenge the ruleset would have issued.
    var solvedChallenge = false
}

/// The WAF managed rules phase (`http_request_firewall_managed`): a request outside the rulesets' scope is not
/// evaluated; every exception whose condition holds skips rulesets or OWASP rules, and one that skips everything
/// ends the exceptions; the OWASP Core Ruleset
/// scores the request at every paranoia level and the score at the deployed level is compared with the threshold
/// (`docs/cloudflare-semantics.md`, "Managed rules: the OWASP Core Ruleset"). The Cloudflare Managed Ruleset is
/// proprietary and not simulated.
struct ManagedRulesPhase {
    let configuration: ManagedRulesConfiguration
    private let skipConditions: CompiledExpressionList

    /// The phase for `configuration`.
    init(configuration: ManagedRulesConfiguration) {
        self.configuration = configuration
        skipConditions = CompiledExpressionList(configuration.skips.map(\.condition))
    }

    /// Runs the phase on `request` (as it arrived, before URL normalisation; conditions read `context`, which holds
    /// it normalised); `skipped` when a custom rule skipped it.
    func run(_ request: EdgeRequest, context: RequestContext, skipped: Bool) -> ManagedRulesPhaseOutcome {
        if skipped { return ManagedRulesPhaseOutcome(outcome: .skipped) }
        if let scope = configuration.scope, !scope.evaluate(context) {
            return ManagedRulesPhaseOutcome(outcome: .outOfScope)
        }
        var runsOWASP = configuration.owasp != nil
        var runsCloudflare = configuration.cloudflareManaged
        var skippedRules: Set<Int> = []
        var skipIDs: [String] = []
        for index in skipConditions.indices where skipConditions.evaluate(index, context) {
            let skip = configuration.skips[index]
            skipIDs.append(skip.id)
            switch skip.target {
            case .all: (runsOWASP, runsCloudflare) = (false, false)
            case .owasp: runsOWASP = false
            case .cloudflareManaged: runsCloudflare = false
            case .owaspRules(let ids): skippedRules.formUnion(ids)
            }
            // `ruleset: current` skips the rest of the phase's rules, later exceptions included.
            if skip.target == .all { break }
        }
        guard let owasp = configuration.owasp, runsOWASP else {
            return ManagedRulesPhaseOutcome(outcome: runsCloudflare ? .notSimulated : .skipped, skipIDs: skipIDs)
        }
        let evaluator = skippedRules.isEmpty ? owasp.evaluator : owasp.evaluator.removing(skippedRules)
        let verdict = Self.withoutRuleActionPoints(owasp, evaluator, request.http, evaluator.evaluate(request.http))
        var result = ManagedRulesPhaseOutcome(outcome: .evaluated, verdict: verdict, skipIDs: skipIDs)
        if let ruleAction = Self.ruleAction(owasp, verdict) {
            apply(ruleAction, owasp, request, &result)
            if result.action?.terminates == true { return result }
        }
        guard verdict.score(atParanoiaLevel: owasp.paranoiaLevel) >= owasp.scoreThreshold else { return result }
        apply(owasp.action, owasp, request, &result)
        return result
    }

    /// When rules with their own action matched: their matches kept with no points, and the scores of `evaluator`
    /// without them (a second evaluation, only for such requests); otherwise `verdict` itself.
    static func withoutRuleActionPoints(
        _ owasp: OWASPRuleset, _ evaluator: any ManagedRulesEvaluator, _ request: HTTPRequest,
        _ verdict: ManagedRulesVerdict
    ) -> ManagedRulesVerdict {
        guard verdict.matches.contains(where: { owasp.ruleActions[$0.id] != nil }) else { return verdict }
        let scored = evaluator.removing(Set(owasp.ruleActions.keys)).evaluate(request)
        let matches = verdict.matches.map { match in
            owasp.ruleActions[match.id] == nil
                ? match : ManagedRuleMatch(id: match.id, paranoiaLevel: match.paranoiaLevel, score: 0)
        }
        return ManagedRulesVerdict(
            matches: matches, levelScores: scored.levelScores, notEvaluated: verdict.notEvaluated)
    }

    /// The action of the first matched rule at the deployed level that has its own action: the first terminating
    /// one, else `log`.
    static func ruleAction(_ owasp: OWASPRuleset, _ verdict: ManagedRulesVerdict) -> ManagedRulesAction? {
        guard !owasp.ruleActions.isEmpty else { return nil }
        let actions = verdict.matches(atParanoiaLevel: owasp.paranoiaLevel).compactMap { owasp.ruleActions[$0.id] }
        return actions.first { $0 != .log } ?? actions.first
    }

    /// Applies `action` to the outcome: a block with the ruleset's status, a challenge unless solved, a log record.
    private func apply(
        _ action: ManagedRulesAction, _ owasp: OWASPRuleset, _ request: EdgeRequest,
        _ result: inout ManagedRulesPhaseOutcome
    ) {
        switch action {
        case .block:
            result.action = .block
            result.status = owasp.blockStatus
        case .log:
            if result.action == nil { result.action = .log }
        case .managedChallenge: challenge(.managedChallenge, request, &result)
        case .challenge: challenge(.challenge, request, &result)
        case .jsChallenge: challenge(.jsChallenge, request, &result)
        }
    }

    /// A challenge stops the request unless the client solves it; a solved challenge lets it go on.
    private func challenge(_ action: EdgeAction, _ request: EdgeRequest, _ result: inout ManagedRulesPhaseOutcome) {
        if request.solvedChallenge {
            result.action = .allow
            result.solvedChallenge = true
        } else {
            result.action = action
        }
    }
}
