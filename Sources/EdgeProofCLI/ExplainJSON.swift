import EdgeCore
import EdgeModel
import RulesLanguage
import Simulation

/// `explain --format json`: the same information as the text report in one JSON document (`docs/explain.md`).
enum ExplainJSON {
    /// The document's format version.
    static let version: Int64 = 1

    /// The document for `decision`, hiding values the redactor hides.
    static func document(_ decision: Decision, redactor: Redactor) -> JSONValue {
        let trace = decision.trace ?? DecisionTrace()
        func rules(_ rules: [RuleTrace]) -> JSONValue {
            .array(
                rules.map { rule in
                    .object([
                        ("rule", .string(rule.ruleID)), ("matched", .bool(rule.matched)),
                        ("outcome", .string(rule.outcome)), ("expression", steps(rule.explanation, redactor)),
                    ])
                })
        }
        func rateLimits(_ rules: [RateLimitTrace]) -> JSONValue {
            .array(rules.map { rateLimit($0, redactor) })
        }
        return .object([
            ("version", .int(version)),
            (
                "decision",
                .object([
                    ("action", .string(decision.action.rawValue)),
                    ("phase", decision.phase.map { .string($0.rawValue) } ?? .null),
                    ("rule", decision.ruleID.map(JSONValue.string) ?? .null),
                    ("status", .int(Int64(decision.status))),
                    ("cache", .string(decision.cacheStatus.rawValue)),
                    ("origin_contacted", .bool(decision.originContacted)),
                ])
            ),
            ("custom_rules", rules(trace.customRules)),
            ("skipped_phases", .array(trace.skippedPhases.map { .string($0.rawValue) })),
            ("rate_limits", rateLimits(trace.rateLimits)),
            ("managed_rules", .string(trace.managedRules.rawValue)),
            ("owasp", trace.owasp.map(owasp) ?? .null),
            ("cache_rules", rules(trace.cacheRules)),
            (
                "cache_settings",
                .array(
                    trace.cacheSettings.map { setting in
                        .object([
                            ("name", .string(setting.name)), ("value", .string(setting.value)),
                            ("rule", setting.ruleID.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            (
                "cache",
                trace.cache.map { cache in
                    .object([
                        ("eligibility", .string(cache.eligibility)), ("lookup", .string(cache.lookup)),
                        ("storage", .string(cache.storage)),
                    ])
                } ?? .null
            ),
            ("response_counting", rateLimits(trace.responseCounting)),
        ])
    }

    private static func rateLimit(_ rule: RateLimitTrace, _ redactor: Redactor) -> JSONValue {
        .object([
            ("rule", .string(rule.ruleID)), ("matched", .bool(rule.matched)), ("counted", .bool(rule.counted)),
            ("outcome", .string(rule.outcome)),
            (
                "counter",
                rule.counter.map { counter in
                    .object([
                        ("key", .string(counter.key)), ("rate", .double(counter.rate)), ("limit", .int(counter.limit)),
                        ("mitigated_until_ms", counter.mitigatedUntilMilliseconds.map(JSONValue.int) ?? .null),
                    ])
                } ?? .null
            ),
            ("when", steps(rule.explanation, redactor)),
            ("counting", steps(rule.countingExplanation, redactor)),
        ])
    }

    /// The OWASP Core Ruleset's score against the threshold, its outcome, every matched rule and how many rules
    /// were not evaluated.
    private static func owasp(_ owasp: OWASPTrace) -> JSONValue {
        .object([
            ("paranoia_level", .int(Int64(owasp.paranoiaLevel))), ("score", .int(Int64(owasp.score))),
            ("score_threshold", .int(Int64(owasp.scoreThreshold))), ("outcome", .string(owasp.outcome)),
            (
                "matches",
                .array(
                    owasp.verdict.matches.map { match in
                        .object([
                            ("id", .int(Int64(match.id))), ("paranoia_level", .int(Int64(match.paranoiaLevel))),
                            ("points", .int(Int64(match.score))), ("counted", .bool(owasp.counts(match))),
                        ])
                    })
            ),
            ("not_evaluated", .int(Int64(owasp.verdict.notEvaluated.count))),
        ])
    }

    /// One object per sub-expression, outermost first; null when the rule kept no parsed expression.
    private static func steps(_ explanation: Explanation?, _ redactor: Redactor) -> JSONValue {
        guard let explanation else { return .null }
        return .array(
            explanation.steps.map { step in
                .object([
                    ("depth", .int(Int64(step.depth))), ("expression", .string(step.canonical)),
                    ("evaluated", .bool(step.result != nil)), ("result", step.result.map(JSONValue.bool) ?? .null),
                    ("left", step.left.map(JSONValue.string) ?? .null),
                    ("value", ExplainedValue.shown(step, redactor: redactor).map(JSONValue.string) ?? .null),
                ])
            })
    }
}
