import EdgeCore
import EdgeSpec
import RulesLanguage

/// A Rules-language expression compiled once, with the text Cloudflare receives.
public struct CompiledRuleExpression: Sendable {
    /// The typed expression (for `explain` and canonical printing).
    public let expression: Expression
    /// The closure form evaluated per request.
    public let compiled: CompiledExpression
    /// The deployed text: canonical, with named lists inlined unless they are managed account lists.
    public let deployed: String
}

/// A WAF custom rule ready to emit and to evaluate.
public struct CompiledCustomRule: Sendable {
    /// The spec id (the rule's `ref`).
    public let id: String
    /// The description from the spec.
    public let description: String?
    /// The condition.
    public let when: CompiledRuleExpression
    /// The action.
    public let action: CustomRuleAction
    /// Whether the rule is enabled.
    public let enabled: Bool
    /// A custom block response.
    public let response: BlockResponseSpec?
    /// What a skip rule skips.
    public let skip: SkipSpec?
}

/// A managed rules exception (`managed_rules.skip`) ready to emit and to evaluate.
public struct CompiledManagedRulesSkip: Sendable {
    /// The spec id (the skip rule's `ref`).
    public let id: String
    /// Which requests skip.
    public let when: CompiledRuleExpression
    /// What the spec says is skipped.
    public let spec: ManagedRulesSkipSpec
}

/// A rate limiting rule ready to emit and to evaluate.
public struct CompiledRateLimitRule: Sendable {
    /// The spec id.
    public let id: String
    /// The description from the spec.
    public let description: String?
    /// Which requests the rule applies to.
    public let when: CompiledRuleExpression
    /// Which requests are counted, when it differs from `when`.
    public let countingWhen: CompiledRuleExpression?
    /// Counter key parts besides the data centre, in the order written; the model keys its counters by these.
    public let counterKey: [RateLimitCharacteristic]
    /// The rule as written in the spec (limits, action, algorithm).
    public let spec: RateLimitSpec

    /// Counter key parts as Cloudflare's API names them, `cf.colo.id` first.
    public var characteristics: [String] { ["cf.colo.id"] + counterKey.map(\.field) }
}

/// A cache rule ready to emit and to evaluate.
public struct CompiledCacheRule: Sendable {
    /// The spec id.
    public let id: String
    /// The condition.
    public let when: CompiledRuleExpression
    /// The rule as written in the spec (settings).
    public let spec: CacheRuleSpec
}

/// Named lists that become Cloudflare account lists rather than inline sets.
public struct ManagedList: Sendable {
    /// The list name (`$name`).
    public let name: String
    /// What it holds.
    public let kind: ListKind
    /// The items as written.
    public let items: [String]
    /// Its description.
    public let description: String?
}
