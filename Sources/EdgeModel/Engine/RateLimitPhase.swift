import EdgeWire
import RulesLanguage

/// What the rate limiting rules decided for one request.
struct RateLimitPhaseOutcome {
    /// The rule that stopped the request, or the first one recorded.
    var rules = OrderedRulesOutcome()
    /// The deciding (terminating, else recorded) rule's counter.
    var counter: RateLimitOutcome?
    /// Whether a rule whose counting expression reads the response matched, so the request skips cached content.
    var skipsCache = false
    /// Whether no rule stopped the request but one would have with counters that count at once: it passed
    /// because of the counter delay.
    var passedThroughCounterDelay = false
}

/// Rate limiting rules (phase `http_ratelimit`): each rule in order checks its key's counter; a firing action
/// terminates (except `log` and solved challenges). Rules whose counting waits for the response are counted by
/// `countAfterResponse` (`docs/cloudflare-semantics.md`, the "Rate limiting" sections).
struct RateLimitPhase {
    /// What a rule does, without reference-counted payloads so the loop copies nothing.
    private struct Behaviour {
        let action: RateLimitAction
        let blockStatus: Int
        let countsAfterResponse: Bool
        let countingUsesResponse: Bool
        let requestsToOrigin: Bool
        let hasCounting: Bool
    }

    /// The enabled rules, in order.
    let rules: [RateLimitRule]
    private let conditions: CompiledExpressionList
    /// Each rule's counting expression, or its condition when it has none (then unused).
    private let countings: CompiledExpressionList
    private let behaviours: [Behaviour]
    private let keys: [RateLimitKey]
    private let limiter: RateLimiter
    /// The same rules on counters without delay, when any rule has one: what Cloudflare would decide if its
    /// counters were exact and instant (`docs/cloudflare-semantics.md`, "Rate limiting: counting").
    private let instant: RateLimiter?
    /// Rules counted after the response.
    private let countedAfterResponse: [Int]

    /// The phase for `rules`, hashing keys with `seed`.
    init(rules: [RateLimitRule], seed: UInt64) {
        self.rules = rules
        conditions = CompiledExpressionList(rules.map(\.condition))
        countings = CompiledExpressionList(rules.map { $0.counting ?? $0.condition })
        behaviours = rules.map {
            Behaviour(
                action: $0.action, blockStatus: $0.blockStatus, countsAfterResponse: $0.countsAfterResponse,
                countingUsesResponse: $0.countingUsesResponse, requestsToOrigin: $0.requestsToOrigin,
                hasCounting: $0.counting != nil)
        }
        keys = rules.indices.map { RateLimitKey(rule: $0, characteristics: rules[$0].characteristics, seed: seed) }
        limiter = RateLimiter(parameters: rules.map(LimiterParameters.init))
        instant =
            rules.contains { $0.counterLag.milliseconds > 0 }
            ? RateLimiter(parameters: rules.map { LimiterParameters($0).withoutLag }) : nil
        countedAfterResponse = rules.indices.filter { rules[$0].countsAfterResponse }
    }

    /// Whether any rule counts after the response.
    var countsAfterResponse: Bool { !countedAfterResponse.isEmpty }

    /// Keys with live counter state.
    var liveKeys: Int { limiter.liveKeys }

    /// Slots in the counter table.
    var tableCapacity: Int { limiter.tableCapacity }

    /// Runs the rules on the context's request at `now`.
    func run(_ context: RequestContext, now: Int64, solvedChallenge: Bool, trace: inout DecisionTrace?)
        -> RateLimitPhaseOutcome
    {
        limiter.applyVisibleIncrements(at: now)
        var outcome = RateLimitPhaseOutcome()
        // Whether the instant counters stopped the request at an earlier rule, so they see no later rule.
        var instantStopped = false
        for index in conditions.indices {
            let rule = behaviours[index]
            let matches = conditions.evaluate(index, context)
            let countsNow =
                !rule.countsAfterResponse && (rule.hasCounting ? countings.evaluate(index, context) : matches)
            guard matches || countsNow else {
                if trace != nil {
                    trace?.rateLimits.append(
                        entry(index, matched: false, counted: false, counter: nil, outcome: "no match", context))
                }
                continue
            }
            // A matching request of a rule that counts on the response goes to the origin, skipping cached content
            // (`docs/cloudflare-semantics.md`, "Rate limiting: counting expressions and the cache").
            if matches, rule.countingUsesResponse { outcome.skipsCache = true }
            let key = keys[index].hash(context)
            let verdict = limiter.evaluate(rule: index, key: key, now: now, matches: matches, countsNow: countsNow)
            if let instant, !instantStopped {
                let instantVerdict = instant.evaluate(
                    rule: index, key: key, now: now, matches: matches, countsNow: countsNow)
                if instantVerdict.fired, rule.action != .log {
                    if rule.action != .block, solvedChallenge {
                        instant.reset(rule: index, key: key, now: now)
                    } else {
                        instantStopped = true
                    }
                }
            }
            let counter = verdict.fired || trace != nil ? self.counter(index, key: key, verdict, context) : nil
            guard verdict.fired else {
                if trace != nil {
                    let note =
                        matches
                        ? (rule.countsAfterResponse
                            ? "under the limit; counting waits for the response"
                            : "under the limit") : "counted only"
                    trace?.rateLimits.append(
                        entry(index, matched: matches, counted: countsNow, counter: counter, outcome: note, context))
                }
                continue
            }
            switch rule.action {
            case .log:
                note(index, countsNow, counter, "log (continues)", context, &trace)
                if outcome.rules.log(index) { outcome.counter = counter }
            case .block, .challenge, .managedChallenge, .jsChallenge:
                if rule.action != .block, solvedChallenge {
                    // Passing a rate limiting challenge resets the key's counter (`docs/cloudflare-semantics.md`, "Rate
                    // limiting: mitigation").
                    limiter.reset(rule: index, key: key, now: now)
                    note(
                        index, countsNow, counter, "\(rule.action.rawValue) solved; counter reset (continues)", context,
                        &trace)
                    if outcome.rules.solveChallenge(index) { outcome.counter = counter }
                    continue
                }
                note(index, countsNow, counter, "\(rule.action.rawValue) (terminates)", context, &trace)
                outcome.rules.terminate(
                    index, Self.edgeAction(rule.action), status: rule.action == .block ? rule.blockStatus : 403)
                outcome.counter = counter
                return outcome
            }
        }
        outcome.passedThroughCounterDelay = instantStopped
        return outcome
    }

    /// Counts the request for rules whose counting waits for the response; the context must carry the response
    /// fields. `originContacted` decides `requests_to_origin`.
    func countAfterResponse(_ context: RequestContext, now: Int64, originContacted: Bool, trace: inout DecisionTrace?) {
        for index in countedAfterResponse {
            let rule = rules[index]
            if behaviours[index].requestsToOrigin, !originContacted {
                if trace != nil {
                    trace?.responseCounting.append(
                        RateLimitTrace(
                            ruleID: rule.id, matched: false, counted: false,
                            counter: nil, outcome: "served without the origin"))
                }
                continue
            }
            let counts = rule.counting.map { $0.evaluate(context) } ?? rule.condition.evaluate(context)
            guard counts else {
                if trace != nil {
                    trace?.responseCounting.append(
                        RateLimitTrace(
                            ruleID: rule.id, matched: false, counted: false,
                            counter: nil, outcome: "not counted",
                            countingExplanation: countingExplanation(rule, context)))
                }
                continue
            }
            let key = keys[index].hash(context)
            let verdict = limiter.countAfterResponse(rule: index, key: key, now: now)
            _ = instant?.countAfterResponse(rule: index, key: key, now: now)
            if trace != nil {
                trace?.responseCounting.append(
                    RateLimitTrace(
                        ruleID: rule.id, matched: false, counted: true,
                        counter: counter(index, key: key, verdict, context),
                        outcome: "counted after the response", countingExplanation: countingExplanation(rule, context)))
            }
        }
    }

    private func counter(_ index: Int, key: UInt64, _ verdict: RateLimiter.Verdict, _ context: RequestContext)
        -> RateLimitOutcome
    {
        RateLimitOutcome(
            ruleID: rules[index].id, key: keys[index].describe(context, characteristics: rules[index].characteristics),
            keyHash: key, rate: verdict.rate, limit: verdict.limit, fired: verdict.fired,
            mitigatedUntilMilliseconds: verdict.mitigatedUntil)
    }

    private func note(
        _ index: Int, _ counted: Bool, _ counter: RateLimitOutcome?,
        _ outcome: @autoclosure () -> String, _ context: RequestContext, _ trace: inout DecisionTrace?
    ) {
        guard trace != nil else { return }
        trace?.rateLimits.append(
            entry(index, matched: true, counted: counted, counter: counter, outcome: outcome(), context))
    }

    /// The request-phase trace entry of rule `index`, explaining its rule expression and, when it was evaluated now
    /// (not after the response), its counting expression.
    private func entry(
        _ index: Int, matched: Bool, counted: Bool, counter: RateLimitOutcome?, outcome: String,
        _ context: RequestContext
    ) -> RateLimitTrace {
        let rule = rules[index]
        return RateLimitTrace(
            ruleID: rule.id, matched: matched, counted: counted, counter: counter, outcome: outcome,
            explanation: rule.expression.map { explain($0, context) },
            countingExplanation: rule.countsAfterResponse ? nil : rule.countingExpression.map { explain($0, context) })
    }

    /// Why a rule counted after the response or not: its counting expression, else its rule expression.
    private func countingExplanation(_ rule: RateLimitRule, _ context: RequestContext) -> Explanation? {
        (rule.countingExpression ?? rule.expression).map { explain($0, context) }
    }

    private static func edgeAction(_ action: RateLimitAction) -> EdgeAction {
        switch action {
        case .block: .block
        case .challenge: .challenge
        case .managedChallenge: .managedChallenge
        case .jsChallenge: .jsChallenge
        case .log: .log
        }
    }
}
