import RulesLanguage

/// Phase-by-phase detail of one decision, for `explain`: which rules matched, each rate limit key's counter,
/// which cache settings applied and why the cache answered as it did.
public struct DecisionTrace: Sendable {
    /// WAF custom rules in evaluation order (rules after a terminating match or a `skip rest` are absent).
    public var customRules: [RuleTrace] = []
    /// Phases a custom `skip` rule skipped.
    public var skippedPhases: [EdgePhase] = []
    /// Rate limiting rules evaluated in the request phase.
    public var rateLimits: [RateLimitTrace] = []
    /// WAF managed rules.
    public var managedRules: ManagedRulesOutcome = .notConfigured
    /// What the OWASP Core Ruleset found and did, when it evaluated the request.
    public var owasp: OWASPTrace?
    /// The managed rules exceptions that applied, by id, in order.
    public var managedRulesSkips: [String] = []
    /// Cache rules in evaluation order.
    public var cacheRules: [RuleTrace] = []
    /// The cache settings in force after stacking, each with the rule that set it.
    public var cacheSettings: [AppliedSetting] = []
    /// How the cache and origin answered.
    public var cache: CacheTrace?
    /// Rate limiting rules counted after the response (counting expressions on response fields,
    /// `requests_to_origin`).
    public var responseCounting: [RateLimitTrace] = []

    /// An empty trace.
    public init() {}
}

/// One rule's evaluation.
public struct RuleTrace: Sendable {
    /// The rule's id.
    public var ruleID: String
    /// Whether its expression matched.
    public var matched: Bool
    /// What followed, e.g. `block`, `log (continues)`, `skip rest`, `challenge solved`.
    public var outcome: String
    /// Why the expression matched or not, when the rule kept its parsed expression.
    public var explanation: Explanation?

    /// A rule evaluation from its parts.
    public init(ruleID: String, matched: Bool, outcome: String, explanation: Explanation? = nil) {
        self.ruleID = ruleID
        self.matched = matched
        self.outcome = outcome
        self.explanation = explanation
    }
}

/// One rate limiting rule's evaluation.
public struct RateLimitTrace: Sendable {
    /// The rule's id.
    public var ruleID: String
    /// Whether the rule expression matched (always false in response counting, which does not apply actions).
    public var matched: Bool
    /// Whether this request incremented the counter.
    public var counted: Bool
    /// The key's counter after this request, when the rule looked at a key.
    public var counter: RateLimitOutcome?
    /// What followed, e.g. `block`, `under the limit`, `counting waits for the response`.
    public var outcome: String
    /// Why the rule expression matched or not, when the rule kept its parsed expression and evaluated it.
    public var explanation: Explanation?
    /// Why the counting expression counted or not, when the rule has one, kept it and evaluated it.
    public var countingExplanation: Explanation?

    /// A rate limit evaluation from its parts.
    public init(
        ruleID: String, matched: Bool, counted: Bool, counter: RateLimitOutcome?, outcome: String,
        explanation: Explanation? = nil, countingExplanation: Explanation? = nil
    ) {
        self.ruleID = ruleID
        self.matched = matched
        self.counted = counted
        self.counter = counter
        self.outcome = outcome
        self.explanation = explanation
        self.countingExplanation = countingExplanation
    }
}

/// A cache setting in force and where it came from.
public struct AppliedSetting: Sendable, Equatable {
    /// The setting, e.g. `edge_ttl`.
    public var name: String
    /// Its value as text, e.g. `override_origin 7d`.
    public var value: String
    /// The rule that set it; nil for Cloudflare's default.
    public var ruleID: String?

    /// An applied setting from its parts.
    public init(name: String, value: String, ruleID: String?) {
        self.name = name
        self.value = value
        self.ruleID = ruleID
    }
}

/// How the cache answered one request.
public struct CacheTrace: Sendable, Equatable {
    /// The cache key's hash (0 when the request was not looked up).
    public var keyHash: UInt64
    /// Why the request was or was not eligible, e.g. `extension "css" is cached by default`.
    public var eligibility: String
    /// What the lookup found, e.g. `fresh entry (120 s left)`, `no entry`.
    public var lookup: String
    /// What happened to the response, e.g. `stored for 7200 s`, `not stored: Set-Cookie`.
    public var storage: String

    /// A cache trace from its parts.
    public init(keyHash: UInt64, eligibility: String, lookup: String, storage: String) {
        self.keyHash = keyHash
        self.eligibility = eligibility
        self.lookup = lookup
        self.storage = storage
    }
}

extension DecisionTrace: CustomStringConvertible {
    /// Phase by phase, one line per rule, for terminals.
    public var description: String { render { _ in [] } }

    /// Phase by phase, one line per rule, each followed by the lines `explaining` gives for its expressions, indented
    /// under it (a rate limiting rule's under `when:` and `counting:`).
    public func render(explaining: (Explanation) -> [String]) -> String {
        var lines: [String] = []
        func explain(_ explanation: Explanation?, indent: String) {
            if let explanation { lines += explaining(explanation).map { indent + $0 } }
        }
        func explain(_ rule: RateLimitTrace) {
            for (label, explanation) in [("when", rule.explanation), ("counting", rule.countingExplanation)] {
                guard let explanation else { continue }
                let explained = explaining(explanation)
                if !explained.isEmpty { lines += ["    \(label):"] + explained.map { "      " + $0 } }
            }
        }
        lines.append("\(EdgePhase.customRules.rawValue):")
        if customRules.isEmpty { lines.append("  (no rules evaluated)") }
        for rule in customRules {
            lines.append("  \(rule.matched ? "match   " : "no match") \(rule.ruleID): \(rule.outcome)")
            explain(rule.explanation, indent: "    ")
        }
        if !skippedPhases.isEmpty {
            lines.append("  skipped phases: " + skippedPhases.map(\.rawValue).joined(separator: ", "))
        }
        lines.append("\(EdgePhase.rateLimit.rawValue):")
        if rateLimits.isEmpty { lines.append("  (no rules evaluated)") }
        for rule in rateLimits {
            lines.append("  " + Self.render(rule))
            explain(rule)
        }
        lines.append("\(EdgePhase.managedRules.rawValue): \(managedRules.rawValue)")
        lines += owasp?.lines ?? []
        if !managedRulesSkips.isEmpty { lines.append("  exceptions: " + managedRulesSkips.joined(separator: ", ")) }
        lines.append("\(EdgePhase.cacheSettings.rawValue):")
        for rule in cacheRules {
            lines.append("  \(rule.matched ? "match   " : "no match") \(rule.ruleID)")
            explain(rule.explanation, indent: "    ")
        }
        for setting in cacheSettings {
            lines.append("  \(setting.name) = \(setting.value) (\(setting.ruleID.map { "rule \($0)" } ?? "default"))")
        }
        if let cache {
            lines.append("cache:")
            lines.append("  eligibility: \(cache.eligibility)")
            lines.append("  lookup: \(cache.lookup)")
            lines.append("  storage: \(cache.storage)")
        }
        if !responseCounting.isEmpty {
            lines.append("\(EdgePhase.rateLimit.rawValue) (response):")
            for rule in responseCounting {
                lines.append("  " + Self.render(rule))
                explain(rule)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func render(_ rule: RateLimitTrace) -> String {
        var line = "\(rule.matched ? "match   " : "no match") \(rule.ruleID): \(rule.outcome)"
        if rule.counted { line += ", counted" }
        if let counter = rule.counter {
            line += " [\(counter.key): rate \(counter.rate) / limit \(counter.limit)"
            if let until = counter.mitigatedUntilMilliseconds { line += ", mitigated until \(until) ms" }
            line += "]"
        }
        return line
    }
}
