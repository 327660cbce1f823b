import EdgeSpec
import RulesLanguage

/// Walks the WAF custom rules in order for one request, the way Cloudflare evaluates the
/// `http_request_firewall_custom` phase (cloudflare reference §2.2): the first matching terminating action decides;
/// `log` records and continues; `skip` with `rest` ends the phase; a challenge the client solved lets it through.
public struct CustomRuleWalk: Sendable {
    /// What one rule did.
    public struct Step: Sendable {
        /// The rule.
        public let rule: CompiledCustomRule
        /// Whether its expression matched (nil when the rule was not evaluated: disabled or after the decision).
        public let matched: Bool?
        /// The sub-expressions and their values, for matched-or-not evaluated rules.
        public let explanation: Explanation?
    }

    /// Every rule in order.
    public let steps: [Step]
    /// The rule that decided, if any.
    public let decidingRule: CompiledCustomRule?
    /// The final action: the deciding rule's, or `allow`.
    public let action: String
    /// Phases a matching skip rule skipped.
    public let skippedPhases: [SkippablePhase]

    /// Walks `rules` for `context`; `explain` records sub-expression values (slower, for `explain` and failing tests).
    public init(rules: [CompiledCustomRule], context: RequestContext, solvedChallenge: Bool, explain: Bool) {
        var steps: [Step] = []
        var decided: CompiledCustomRule?
        var skipped: [SkippablePhase] = []
        var finished = false
        for rule in rules {
            guard rule.enabled, !finished else {
                steps.append(Step(rule: rule, matched: nil, explanation: nil))
                continue
            }
            let matched = rule.when.compiled.evaluate(context)
            steps.append(Step(rule: rule, matched: matched, explanation: explain ? RulesLanguage.explain(rule.when.expression, context) : nil))
            guard matched else { continue }
            switch rule.action {
            case .log:
                continue
            case .skip:
                skipped += rule.skip?.phases ?? []
                if rule.skip?.rest == true { finished = true }
            case .challenge, .managed_challenge, .js_challenge:
                if !solvedChallenge {
                    decided = rule
                    finished = true
                }
            case .block:
                decided = rule
                finished = true
            }
        }
        self.steps = steps
        decidingRule = decided
        action = decided?.action.rawValue ?? "allow"
        skippedPhases = skipped
    }
}
