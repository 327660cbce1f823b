/// What the cache keeps about one stored response: metadata only, no body.
struct CacheEntry {
    /// The cache key's hash.
    var key: UInt64
    /// The body size in bytes (at least 1, so that every entry counts against the capacity).
    var size: Int64
    /// The status of the stored response.
    var status: Int
    /// When the response was stored or last revalidated.
    var storedAt: Int64
    /// Fresh before this time (equal to `storedAt` for responses that must be revalidated every time).
    var freshUntil: Int64
    /// Until when a stale copy may be served because the origin fails (`.min`: never).
    var staleIfErrorUntil: Int64
    /// Until when a stale copy may be served while it is refreshed in the background (`.min`: never).
    var staleWhileRevalidateUntil: Int64
    /// Whether the copy may be served stale at all.
    var allowsStale: Bool
    /// Hash of the ETag validator, 0 when none.
    var etag: UInt64
    /// Hash of the Last-Modified validator, 0 when none.
    var lastModified: UInt64
    /// The browser lifetime the origin gave the stored response.
    var browserLifetime: BrowserCacheTTL.OriginLifetime
    /// A refresh from the origin is in flight until this time.
    var refreshUntil: Int64 = .min
    /// Neighbours in recency order (indexes into the store's entries, -1 for none).
    var newer: Int32 = -1
    var older: Int32 = -1

    /// Whether the entry carries a validator for a conditional request.
    var hasValidators: Bool { etag != 0 || lastModified != 0 }
}
