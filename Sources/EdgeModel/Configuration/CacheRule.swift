import RulesLanguage

/// One cache rule (phase `http_request_cache_settings`). Rules stack: every matching rule applies in order and, for
/// each setting it sets, the last matching rule wins (`docs/cloudflare-semantics.md`, "Cache rules"). A nil setting
/// leaves it unchanged.
public struct CacheRule: Sendable {
    /// The rule's stable id.
    public var id: String
    /// When the rule applies.
    public var condition: CompiledExpression
    /// The parsed expression, kept for explanations; optional.
    public var expression: Expression?
    /// Eligible for cache or bypass; nil leaves eligibility to earlier rules or the default behaviour.
    public var eligibility: CacheEligibility?
    /// Edge TTL setting.
    public var edgeTTL: EdgeTTLSetting?
    /// Browser TTL setting.
    public var browserTTL: BrowserTTLSetting?
    /// Cache key setting.
    public var cacheKey: CacheKeyOptions?
    /// Serve stale content while updating (`false` = `disable_stale_while_updating`).
    public var serveStale: Bool?
    /// Disabled rules are ignored.
    public var enabled: Bool

    /// A rule from its parts.
    public init(
        id: String, condition: CompiledExpression, expression: Expression? = nil,
        eligibility: CacheEligibility? = .eligible,
        edgeTTL: EdgeTTLSetting? = nil, browserTTL: BrowserTTLSetting? = nil, cacheKey: CacheKeyOptions? = nil,
        serveStale: Bool? = nil, enabled: Bool = true
    ) {
        self.id = id
        self.condition = condition
        self.expression = expression
        self.eligibility = eligibility
        self.edgeTTL = edgeTTL
        self.browserTTL = browserTTL
        self.cacheKey = cacheKey
        self.serveStale = serveStale
        self.enabled = enabled
    }
}

/// Whether matching requests may be cached.
public enum CacheEligibility: String, Sendable {
    /// "Eligible for cache": cached whatever the extension.
    case eligible
    /// "Bypass cache": never looked up or stored.
    case bypass
}
