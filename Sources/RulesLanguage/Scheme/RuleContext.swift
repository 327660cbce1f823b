/// Where an expression is used; decides which fields and functions it may reference.
public enum RuleContext: String, Sendable, CaseIterable {
    /// A WAF custom rule expression (`http_request_firewall_custom`).
    case custom
    /// A rate limiting rule expression (`http_ratelimit`, request side).
    case rateLimit
    /// A rate limiting rule's counting expression, which may also read response fields.
    case counting
    /// A cache rule expression (`http_request_cache_settings`).
    case cache

    /// How diagnostics name the context.
    var displayName: String {
        switch self {
        case .custom: "WAF custom rules"
        case .rateLimit: "rate limiting rule expressions"
        case .counting: "rate limiting counting expressions"
        case .cache: "cache rules"
        }
    }
}
