/// The numbers one rate limiting rule counts with, in milliseconds and counts.
struct LimiterParameters: Sendable {
    /// The counting model.
    let algorithm: RateLimitAlgorithm
    /// The period in milliseconds (> 0).
    let period: Int64
    /// Requests allowed per period.
    let requests: Int64
    /// Token-bucket capacity in tokens.
    let capacity: Int64
    /// Mitigation timeout in milliseconds; 0 throttles.
    let timeout: Int64
    /// Counter lag in milliseconds.
    private(set) var lag: Int64
    /// Whether requests that receive the action are counted: by default only under a mitigation timeout, since a
    /// throttling rule lets through the requests within the limit (`docs/cloudflare-semantics.md`, "Rate
    /// limiting: mitigation").
    let countsMitigated: Bool

    /// The parameters of `rule` (assumed validated: positive period, non-negative counts).
    init(_ rule: RateLimitRule) {
        algorithm = rule.algorithm
        period = max(1, rule.period.milliseconds)
        requests = max(0, rule.requests)
        capacity = max(1, rule.burst ?? rule.requests)
        timeout = max(0, rule.mitigationTimeout.milliseconds)
        lag = max(0, rule.counterLag.milliseconds)
        countsMitigated = rule.countsMitigatedRequests ?? (timeout > 0)
    }

    /// The same parameters with counts visible at once.
    var withoutLag: LimiterParameters {
        var parameters = self
        parameters.lag = 0
        return parameters
    }

    /// The limit a rate is compared with: `requests`, or the bucket capacity.
    var limit: Int64 { algorithm == .tokenBucket ? capacity : requests }

    /// The most timestamps a sliding log keeps: one more than the limit is enough to know it is exceeded.
    var logCapacity: Int { requests >= Int64(Int.max - 1) ? Int.max : Int(requests) + 1 }
}
