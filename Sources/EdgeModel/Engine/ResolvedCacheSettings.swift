/// The cache settings in force for one request after stacking the matching cache rules: for each setting, the
/// index of the last matching rule that set it, or -1 for Cloudflare's default.
struct ResolvedCacheSettings {
    /// Eligible, bypass, or nil for the default (by method and extension).
    var eligibility: CacheEligibility?
    /// The rule that set eligibility.
    var eligibilityRule = -1
    /// The rule whose edge TTL applies.
    var edgeTTLRule = -1
    /// The rule whose browser TTL applies.
    var browserTTLRule = -1
    /// The rule whose cache key applies.
    var cacheKeyRule = -1
    /// Whether stale copies may be served while updating.
    var serveStale = true
    /// The rule that set `serveStale`.
    var serveStaleRule = -1
}
