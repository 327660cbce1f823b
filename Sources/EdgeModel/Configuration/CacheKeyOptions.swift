/// What makes two requests share a cached response (`cache_key`).
///
/// The default key is `scheme://host` followed by the path as received and the query string as sent (order
/// matters), as `docs/cloudflare-semantics.md` ("Default cache behaviour") states.
public struct CacheKeyOptions: Sendable, Equatable {
    /// Which query parameters are part of the key.
    public var queryString: QueryStringKey
    /// Sort query parameters before keying, so `a=1&b=2` and `b=2&a=1` share an entry.
    public var ignoreQueryOrder: Bool
    /// Whether the host is part of the key.
    public var includeHost: Bool

    /// Options from their parts; the defaults give Cloudflare's default key.
    public init(queryString: QueryStringKey = .all, ignoreQueryOrder: Bool = false, includeHost: Bool = true) {
        self.queryString = queryString
        self.ignoreQueryOrder = ignoreQueryOrder
        self.includeHost = includeHost
    }

    /// Cloudflare's default cache key.
    public static let standard = CacheKeyOptions()
}

/// Which query parameters are part of the cache key.
public enum QueryStringKey: Sendable, Equatable {
    /// The whole query string.
    case all
    /// Only these parameters (by exact name).
    case include([String])
    /// Every parameter except these.
    case exclude([String])
    /// No query string at all ("ignore query string").
    case ignore
}
