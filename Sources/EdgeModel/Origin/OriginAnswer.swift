/// How the origin answered (or failed to answer) one request, with the headers the cache acts on.
struct OriginAnswer {
    /// The status the edge received (or generated, for a timeout).
    var status: Int
    /// Time until the answer, in milliseconds.
    var latency: Int64
    /// Body size in bytes.
    var size: Int64
    /// The Cache-Control directives.
    var directives = CacheControlDirectives()
    /// The raw Cache-Control header, for response fields of counting expressions.
    var cacheControl: [UInt8]?
    /// Whether an Expires header was present.
    var hasExpires = false
    /// The Expires time; nil when absent or unreadable (an unreadable date means already expired).
    var expires: Int64?
    /// Hash of the ETag, 0 when none.
    var etag: UInt64 = 0
    /// Hash of Last-Modified, 0 when none.
    var lastModified: UInt64 = 0
    /// Whether the response sets a cookie.
    var setsCookie = false
    /// The Age header in seconds.
    var ageSeconds: Int64 = 0
    /// The Content-Type header.
    var contentType: [UInt8]?
    /// Whether `Vary` lists `*`: the response varies on something no request header names.
    var variesOnEverything = false
    /// Whether Cloudflare generated the answer because the origin timed out (522/524); never cached.
    var edgeGenerated = false

    /// Whether the answer is a server error, for which a stale copy may be served instead.
    var isError: Bool { status >= 500 }
}
