import EdgeWire

/// What the cache and origin stages produced for a request that passed the security phases.
struct ServeOutcome {
    /// Status sent to the client.
    var status: Int
    /// The cache status.
    var cacheStatus: CacheStatus
    /// Whether the origin was contacted.
    var originContacted: Bool
    /// Origin latency in milliseconds.
    var originLatency: Int64
    /// Body bytes sent to the client.
    var bytes: Int64
    /// Browser TTL in seconds, if any.
    var browserTTL: Int64?
    /// The origin's answer, when it was asked.
    var answer: OriginAnswer?
}
