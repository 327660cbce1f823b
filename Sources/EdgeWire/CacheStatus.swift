/// The `CF-Cache-Status` a client sees: what the model decided and what a trace recorded, in Cloudflare's upper-case
/// spelling (`docs/cloudflare-semantics.md`, "Cache status").
public enum CacheStatus: String, Sendable, Hashable, CaseIterable {
    /// Served from cache.
    case hit = "HIT"
    /// Not in cache; fetched from the origin.
    case miss = "MISS"
    /// In cache but expired; fetched from the origin.
    case expired = "EXPIRED"
    /// Expired copy served because the origin failed.
    case stale = "STALE"
    /// Expired copy confirmed by the origin (304) and served.
    case revalidated = "REVALIDATED"
    /// Expired copy served while a refresh is under way.
    case updating = "UPDATING"
    /// The origin's headers (private, no-store, no-cache, max-age=0, Set-Cookie) kept the response out of cache, or a
    /// rate limiting rule whose counting expression reads the response sent the request past the cache.
    case bypass = "BYPASS"
    /// Not eligible for cache and no setting says to cache it.
    case dynamic = "DYNAMIC"
    /// Answered before the cache: blocked or challenged at the edge.
    case unknown = "UNKNOWN"
}
