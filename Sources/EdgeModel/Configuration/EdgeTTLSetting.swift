import EdgeCore

/// How long the edge keeps a response (`edge_ttl`).
public struct EdgeTTLSetting: Sendable, Equatable {
    /// How the TTL is chosen.
    public var mode: EdgeTTLMode
    /// The TTL used by `override_origin`.
    public var defaultTTL: EdgeDuration?
    /// TTLs by status code; they override Cache-Control like `override_origin`. The first entry that covers a
    /// status applies.
    public var statusCodeTTLs: [StatusCodeTTL]

    /// A setting from its parts.
    public init(mode: EdgeTTLMode, defaultTTL: EdgeDuration? = nil, statusCodeTTLs: [StatusCodeTTL] = []) {
        self.mode = mode
        self.defaultTTL = defaultTTL
        self.statusCodeTTLs = statusCodeTTLs
    }

    /// `override_origin` with `ttl`, the shape of the spec's `edge_ttl: 7d` shorthand.
    public static func override(_ ttl: EdgeDuration) -> EdgeTTLSetting {
        EdgeTTLSetting(mode: .overrideOrigin, defaultTTL: ttl)
    }
}

/// How the edge TTL is chosen.
public enum EdgeTTLMode: String, Sendable {
    /// Use the origin's Cache-Control or Expires when present, else Cloudflare's default TTLs by status.
    case respectOrigin = "respect_origin"
    /// Ignore the origin's headers and use the setting's default TTL.
    case overrideOrigin = "override_origin"
    /// Use the origin's Cache-Control or Expires when present, else do not cache.
    case bypassByDefault = "bypass_by_default"
}

/// A TTL for one status code or a range of them.
public struct StatusCodeTTL: Sendable, Equatable {
    /// The covered status codes (one code is a one-element range).
    public var codes: ClosedRange<Int>
    /// What happens to responses with these codes.
    public var value: StatusCodeTTLValue

    /// A status-code TTL from its parts.
    public init(codes: ClosedRange<Int>, value: StatusCodeTTLValue) {
        self.codes = codes
        self.value = value
    }
}

/// The effect of a status-code TTL.
public enum StatusCodeTTLValue: Sendable, Equatable {
    /// Cache for this long; zero caches but revalidates every time (the API's `0`).
    case ttl(EdgeDuration)
    /// Never cache (the API's `-1`).
    case noStore
}

/// What the client is told about caching (`browser_ttl`).
public struct BrowserTTLSetting: Sendable, Equatable {
    /// How the browser TTL is chosen.
    public var mode: BrowserTTLMode
    /// The TTL sent when overriding.
    public var ttl: EdgeDuration?

    /// A setting from its parts.
    public init(mode: BrowserTTLMode, ttl: EdgeDuration? = nil) {
        self.mode = mode
        self.ttl = ttl
    }
}

/// How the browser TTL is chosen.
public enum BrowserTTLMode: String, Sendable {
    /// Pass the origin's max-age through.
    case respectOrigin = "respect_origin"
    /// Send the setting's TTL.
    case overrideOrigin = "override_origin"
    /// Tell the client not to cache.
    case bypass
}
