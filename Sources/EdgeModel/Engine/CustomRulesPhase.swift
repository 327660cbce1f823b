import EdgeWire
import RulesLanguage

/// What the WAF custom rules decided for one request.
struct CustomRulesOutcome {
    /// The rule that stopped the request, or the first one recorded.
    var rules = OrderedRulesOutcome()
    /// Whether a skip rule skipped the rate limiting phase.
    var skipsRateLimit = false
    /// Whether a skip rule skipped the managed rules phase.
    var skipsManagedRules = false
}

/// WAF custom rules (phase `http_request_firewall_custom`): rules run in order; the first terminating action wins;
/// `log` continues; `skip` skips the remaining rules and/or later phases (`docs/cloudflare-semantics.md`, "WAF custom
/// rules").
struct CustomRulesPhase {
    /// What a rule does, without reference-counted payloads so the loop copies nothing.
    private enum Kind {
        case block(status: Int)
        case challenge(EdgeAction)
        case log
        case skip(rest: Bool, rateLimit: Bool, managedRules: Bool)
    }

    /// The enabled rules, in order.
    let rules: [CustomRule]
    private let conditions: CompiledExpressionList
    private let kinds: [Kind]

    /// The phase for the enabled `rules`.
    init(rules: [CustomRule]) {
        self.rules = rules
        conditions = CompiledExpressionList(rules.map(\.condition))
        kinds = rules.map { rule in
            switch rule.action {
            case .block: .block(status: rule.blockStatus)
            case .challenge: .challenge(.challenge)
            case .managedChallenge: .challenge(.managedChallenge)
            case .jsChallenge: .challenge(.jsChallenge)
            case .log: .log
            case .skip(let options):
                .skip(
                    rest: options.rest, rateLimit: options.phases.contains(.rateLimit),
                    managedRules: options.phases.contains(.managedRules))
            }
        }
    }

    /// Runs the rules on the context's request; a challenge the client solved does not stop it.
    func run(_ context: RequestContext, solvedChallenge: Bool, trace: inout DecisionTrace?) -> CustomRulesOutcome {
        var outcome = CustomRulesOutcome()
        for index in conditions.indices {
            guard conditions.evaluate(index, context) else {
                if trace != nil { record(index, matched: false, "no match", context, &trace) }
                continue
            }
            switch kinds[index] {
            case .block(let status):
                if trace != nil { record(index, matched: true, "block (terminates)", context, &trace) }
                outcome.rules.terminate(index, .block, status: status)
                return outcome
            case .challenge(let action):
                if solvedChallenge {
                    if trace != nil {
                        record(index, matched: true, "\(action.rawValue) solved (continues)", context, &trace)
                    }
                    outcome.rules.solveChallenge(index)
                    continue
                }
                if trace != nil { record(index, matched: true, "\(action.rawValue) (terminates)", context, &trace) }
                outcome.rules.terminate(index, action, status: 403)
                return outcome
            case .log:
                if trace != nil { record(index, matched: true, "log (continues)", context, &trace) }
                outcome.rules.log(index)
            case .skip(let rest, let rateLimit, let managedRules):
                if rateLimit { outcome.skipsRateLimit = true }
                if managedRules { outcome.skipsManagedRules = true }
                if trace != nil { recordSkip(index, context, &trace) }
                if rest { return outcome }
            }
        }
        return outcome
    }

    private func recordSkip(_ index: Int, _ context: RequestContext, _ trace: inout DecisionTrace?) {
        guard case .skip(let options) = rules[index].action else { return }
        let skipped = EdgePhase.allCases.filter { options.phases.contains($0) }
        record(
            index, matched: true,
            "skip" + (options.rest ? " rest" : "")
                + (skipped.isEmpty ? "" : " phases " + skipped.map(\.rawValue).joined(separator: ", ")), context, &trace
        )
        for phase in skipped where trace?.skippedPhases.contains(phase) == false { trace?.skippedPhases.append(phase) }
    }

    private func record(
        _ index: Int, matched: Bool, _ outcome: String, _ context: RequestContext,
        _ trace: inout DecisionTrace?
    ) {
        let rule = rules[index]
        trace?.customRules.append(
            RuleTrace(
                ruleID: rule.id, matched: matched, outcome: outcome,
                explanation: rule.expression.map { explain($0, context) }))
    }
}
