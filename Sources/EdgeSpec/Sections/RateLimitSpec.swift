import EdgeCore

/// Actions of rate limiting rules.
public enum RateLimitAction: String, CaseIterable, Sendable {
    /// Block.
    case block
    /// Interactive challenge.
    case challenge
    /// Managed challenge.
    case managed_challenge
    /// JavaScript challenge.
    case js_challenge
    /// Log only (Enterprise).
    case log
}

/// How the edge model counts requests for a rule.
public enum RateLimitAlgorithm: String, CaseIterable, Sendable {
    /// Cloudflare's sliding-window estimate over two fixed windows.
    case cloudflare
    /// An exact sliding log of request times.
    case sliding_log
    /// A token bucket (rate = requests/period, capacity = burst).
    case token_bucket
}

/// One rate limiting rule (phase http_ratelimit).
public struct RateLimitSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A rate limiting rule (phase http_ratelimit)."
    /// The status a block sends when the rule's response names none (Cloudflare's default for rate limiting rules).
    public static let defaultBlockStatus = 429
    /// Stable id.
    public var id: LocatedText
    /// What the rule is for.
    public var description: String?
    /// Which requests the rule applies to.
    public var when: LocatedText
    /// Which requests are counted (default: those matching `when`); may use response fields.
    public var countingWhen: LocatedText?
    /// Characteristics the counter is keyed by (`cf.colo.id` is always added).
    public var characteristics: [LocatedText]
    /// Requests allowed per period.
    public var requests: Int64
    /// The counting period.
    public var period: EdgeDuration
    /// How long the action applies after the rate is exceeded; 0s throttles only requests over the rate.
    public var timeout: EdgeDuration
    /// The action.
    public var action: RateLimitAction
    /// Count only requests that reach the origin (cache misses).
    public var requestsToOrigin: Bool
    /// How the edge model counts.
    public var algorithm: RateLimitAlgorithm
    /// Token-bucket capacity (default: `requests`).
    public var burst: Int64?
    /// A custom block response.
    public var response: BlockResponseSpec?
    /// Whether the rule is enabled.
    public var enabled: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RateLimitSpec {
        RateLimitSpec(
            id: r.required("id", .ruleID, "Stable rule id."),
            description: r.optional("description", .string, "What the rule is for."),
            when: r.required("when", .expression, "Expression selecting the requests the rule applies to."),
            countingWhen: r.optional(
                "counting_when", .expression,
                "Expression selecting the requests counted (may use http.response.code)."),
            characteristics: r.optional(
                "characteristics", .array(.located()), default: [],
                "Counter key, e.g. [ip.src]; cf.colo.id is always included."),
            requests: r.required("requests", .integer(1...1_000_000_000), "Requests allowed per period."),
            period: r.required(
                "period", .duration(.seconds(1)...EdgeDuration.seconds(86_400)), "Counting period, e.g. 1m."),
            timeout: r.optional(
                "timeout", .duration(EdgeDuration(milliseconds: 0)...EdgeDuration.seconds(86_400)),
                default: .seconds(60),
                "Mitigation timeout; 0s throttles only requests over the rate."),
            action: r.required("action", .enumeration, "block, challenge, managed_challenge, js_challenge or log."),
            requestsToOrigin: r.optional(
                "requests_to_origin", .boolean, default: false, "Count only requests that reach the origin."),
            algorithm: r.optional(
                "algorithm", .enumeration, default: .cloudflare,
                "Counting model for simulation: cloudflare, sliding_log or token_bucket."),
            burst: r.optional("burst", .integer(1...1_000_000_000), "Token-bucket capacity (default: requests)."),
            response: r.optional(
                "response", ObjectReader.object(BlockResponseSpec.self, name: "response"), "Custom block response."),
            enabled: r.optional("enabled", .boolean, default: true, "Whether the rule is enabled."),
            ranges: r.ranges)
    }
}
