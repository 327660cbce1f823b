import RulesLanguage

/// What the WAF custom rules decided for one request.
struct CustomRulesOutcome {
    /// The rule whose terminating action stopped the request, or -1.
    var terminatingRule = -1
    /// The terminating action.
    var action = EdgeAction.allow
    /// The status sent when terminated.
    var status = 200
    /// The first rule whose match was recorded without stopping the request (`log`, or a solved challenge), or -1.
    var recordedRule = -1
    /// The recorded rule's action (`log`, or `allow` after a solved challenge).
    var recordedAction = EdgeAction.log
    /// Whether a challenge was solved.
    var solvedChallenge = false
    /// Whether a skip rule skipped the rate limiting phase.
    var skipsRateLimit = false
    /// Whether a skip rule skipped the managed rules phase.
    var skipsManagedRules = false
}

/// WAF custom rules (phase `http_request_firewall_custom`): rules run in order; the first terminating action
/// wins; `log` continues; `skip` skips the remaining rules and/or later phases (reference §2.2–2.3).
struct CustomRulesPhase {
    /// The enabled rules, in order.
    let rules: [CustomRule]

    /// Runs the rules on the context's request; a challenge the client solved does not stop it.
    func run(_ context: RequestContext, solvedChallenge: Bool, trace: inout DecisionTrace?) -> CustomRulesOutcome {
        var outcome = CustomRulesOutcome()
        for index in rules.indices {
            let rule = rules[index]
            let matched = rule.condition.evaluate(context)
            guard matched else {
                if trace != nil { record(rule, matched: false, "no match", context, &trace) }
                continue
            }
            switch rule.action {
            case .block:
                if trace != nil { record(rule, matched: true, "block (terminates)", context, &trace) }
                outcome.terminatingRule = index
                outcome.action = .block
                outcome.status = rule.blockStatus
                return outcome
            case .challenge, .managedChallenge, .jsChallenge:
                let action = Self.edgeAction(rule.action)
                if solvedChallenge {
                    if trace != nil { record(rule, matched: true, "\(rule.action.name) solved (continues)", context, &trace) }
                    outcome.solvedChallenge = true
                    if outcome.recordedRule < 0 {
                        outcome.recordedRule = index
                        outcome.recordedAction = .allow
                    }
                    continue
                }
                if trace != nil { record(rule, matched: true, "\(rule.action.name) (terminates)", context, &trace) }
                outcome.terminatingRule = index
                outcome.action = action
                outcome.status = 403
                return outcome
            case .log:
                if trace != nil { record(rule, matched: true, "log (continues)", context, &trace) }
                if outcome.recordedRule < 0 {
                    outcome.recordedRule = index
                    outcome.recordedAction = .log
                }
            case .skip(let options):
                if options.phases.contains(.rateLimit) { outcome.skipsRateLimit = true }
                if options.phases.contains(.managedRules) { outcome.skipsManagedRules = true }
                if trace != nil {
                    let skipped = options.phases.map(\.rawValue).sorted()
                    record(rule, matched: true, "skip" + (options.rest ? " rest" : "")
                        + (skipped.isEmpty ? "" : " phases " + skipped.joined(separator: ", ")), context, &trace)
                    for phase in EdgePhase.allCases where options.phases.contains(phase) && trace?.skippedPhases.contains(phase) == false {
                        trace?.skippedPhases.append(phase)
                    }
                }
                if options.rest { return outcome }
            }
        }
        return outcome
    }

    private static func edgeAction(_ action: CustomRuleAction) -> EdgeAction {
        switch action {
        case .challenge: .challenge
        case .managedChallenge: .managedChallenge
        case .jsChallenge: .jsChallenge
        case .block: .block
        case .log, .skip: .log
        }
    }

    private func record(_ rule: CustomRule, matched: Bool, _ outcome: String, _ context: RequestContext,
                        _ trace: inout DecisionTrace?) {
        trace?.customRules.append(RuleTrace(ruleID: rule.id, matched: matched, outcome: outcome,
                                            explanation: rule.expression.map { explain($0, context) }))
    }
}
