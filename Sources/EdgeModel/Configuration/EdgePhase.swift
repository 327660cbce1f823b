/// A request phase of Cloudflare's edge that the model runs or reports, named as in the Rulesets API.
public enum EdgePhase: String, Sendable, Hashable, CaseIterable {
    /// WAF custom rules.
    case customRules = "http_request_firewall_custom"
    /// Rate limiting rules.
    case rateLimit = "http_ratelimit"
    /// WAF managed rules (the OWASP Core Ruleset is simulated; Cloudflare's Managed Ruleset is not).
    case managedRules = "http_request_firewall_managed"
    /// Super Bot Fight Mode (not simulated; a custom rule may still skip it).
    case superBotFightMode = "http_request_sbfm"
    /// Cache rules.
    case cacheSettings = "http_request_cache_settings"
}
