/// A rate limiting rule's counter for one key, as a decision or trace reports it.
public struct RateLimitOutcome: Sendable, Equatable {
    /// The rule's id.
    public var ruleID: String
    /// The key as text, characteristics first and the data centre last, e.g. `ip.src=203.0.113.7 cf.colo.id=SIN`.
    public var key: String
    /// The 64-bit hash the counter table is keyed by.
    public var keyHash: UInt64
    /// The rate the decision compared with the limit: the sliding-window estimate (`cloudflare`), the exact count
    /// (`sliding_log`) or the tokens in use (`token_bucket`), including this request when it is counted now.
    public var rate: Double
    /// The limit the rate is compared with (`requests`, or the bucket capacity).
    public var limit: Int64
    /// Whether the rule's action applied to this request.
    public var fired: Bool
    /// Until when the action applies to every matching request of this key (ms since the epoch); nil when no
    /// mitigation timeout runs.
    public var mitigatedUntilMilliseconds: Int64?

    /// An outcome from its parts.
    public init(
        ruleID: String, key: String, keyHash: UInt64, rate: Double, limit: Int64, fired: Bool,
        mitigatedUntilMilliseconds: Int64?
    ) {
        self.ruleID = ruleID
        self.key = key
        self.keyHash = keyHash
        self.rate = rate
        self.limit = limit
        self.fired = fired
        self.mitigatedUntilMilliseconds = mitigatedUntilMilliseconds
    }
}
