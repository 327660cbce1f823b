/// What a cache lookup found, kept as a value and turned into text only for traces.
enum LookupNote: CustomStringConvertible {
    case notLookedUp
    case skippedForResponseCounting
    case noEntry
    case refreshing(until: Int64)
    case fresh
    case staleWhileRevalidate
    case staleOnError(status: Int)
    case expired

    var description: String {
        switch self {
        case .notLookedUp: "not looked up"
        case .skippedForResponseCounting: "skipped: a rate limiting rule counts on the response"
        case .noEntry: "no entry"
        case .refreshing(let until): "copy being refreshed until \(until) ms"
        case .fresh: "fresh entry"
        case .staleWhileRevalidate: "stale entry within stale-while-revalidate"
        case .staleOnError(let status): "stale entry; the origin answered \(status)"
        case .expired: "expired entry"
        }
    }
}

/// What happened to a fetched response, kept as a value and turned into text only for traces.
enum StorageNote: CustomStringConvertible {
    case notStored
    case skipped(CacheStoragePolicy.SkipReason)
    case uselessCopy
    case stored(ttl: Int64)
    case stopped
    case revalidated(ttl: Int64)
    case revalidatedThenDropped

    var description: String {
        switch self {
        case .notStored: "not stored"
        case .skipped(let reason): "not stored: \(reason.rawValue)"
        case .uselessCopy: "not stored: revalidated on every request and has no validator"
        case .stored(let ttl): "stored for \(ttl / 1000) s"
        case .stopped: "not stored: larger than the cache"
        case .revalidated(let ttl): "revalidated, fresh for \(ttl / 1000) s"
        case .revalidatedThenDropped: "revalidated, then dropped: the new headers forbid storing"
        }
    }
}
