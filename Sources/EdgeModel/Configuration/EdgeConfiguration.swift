import EdgeCore

/// Everything the edge model runs on: the rules of each phase, the origin and the cache size. Built by the
/// compiler stage from a checked spec; plain values, so tests can build one directly.
public struct EdgeConfiguration: Sendable {
    /// WAF custom rules, in evaluation order.
    public var customRules: [CustomRule]
    /// Rate limiting rules, in evaluation order.
    public var rateLimitRules: [RateLimitRule]
    /// The WAF managed rules phase, when managed rulesets are deployed.
    public var managedRules: ManagedRulesConfiguration?
    /// Cache rules, in evaluation order.
    public var cacheRules: [CacheRule]
    /// The simulated origin.
    public var origin: OriginConfiguration
    /// Cache capacity of each data centre in bytes; least recently used objects are evicted beyond it.
    public var cacheCapacityBytesPerColo: Int64

    /// 512 MiB, the default cache capacity per data centre.
    public static let defaultCacheCapacityBytes: Int64 = 512 << 20

    /// A configuration from its parts.
    public init(
        customRules: [CustomRule] = [], rateLimitRules: [RateLimitRule] = [],
        managedRules: ManagedRulesConfiguration? = nil,
        cacheRules: [CacheRule] = [], origin: OriginConfiguration = OriginConfiguration(),
        cacheCapacityBytesPerColo: Int64 = EdgeConfiguration.defaultCacheCapacityBytes
    ) {
        self.customRules = customRules
        self.rateLimitRules = rateLimitRules
        self.managedRules = managedRules
        self.cacheRules = cacheRules
        self.origin = origin
        self.cacheCapacityBytesPerColo = cacheCapacityBytesPerColo
    }
}
