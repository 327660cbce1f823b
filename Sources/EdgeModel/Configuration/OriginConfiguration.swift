import EdgeCore

/// The simulated origin: how it answers when a request does not carry a recorded response.
public struct OriginConfiguration: Sendable {
    /// The answer for requests no route matches. It sends no Cache-Control by default, so Cloudflare's default
    /// cache behaviour applies.
    public var defaultResponse: OriginResponse
    /// Per-route answers; the first route matching the path pattern and method wins.
    public var routes: [OriginRoute]
    /// Time windows in which the origin fails.
    public var outages: [OriginOutage]

    /// An origin from its parts.
    public init(
        defaultResponse: OriginResponse = OriginResponse(), routes: [OriginRoute] = [], outages: [OriginOutage] = []
    ) {
        self.defaultResponse = defaultResponse
        self.routes = routes
        self.outages = outages
    }
}

/// How the origin answers one kind of request.
public struct OriginResponse: Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// Time the origin takes to answer.
    public var latency: EdgeDuration
    /// The Cache-Control header, nil when the origin sends none.
    public var cacheControl: String?
    /// The Expires header.
    public var expires: String?
    /// Response body size in bytes.
    public var size: Int64
    /// Set-Cookie header values; any of them prevents default caching.
    public var setCookies: [String]
    /// Content type.
    public var contentType: String?
    /// The ETag validator.
    public var etag: String?
    /// The Last-Modified validator.
    public var lastModified: String?

    /// An answer from its parts; the defaults are `200`, 50 ms, 2 KiB, no cache headers, no validators.
    public init(
        status: Int = 200, latency: EdgeDuration = EdgeDuration(milliseconds: 50), cacheControl: String? = nil,
        expires: String? = nil, size: Int64 = 2048, setCookies: [String] = [], contentType: String? = nil,
        etag: String? = nil, lastModified: String? = nil
    ) {
        self.status = status
        self.latency = latency
        self.cacheControl = cacheControl
        self.expires = expires
        self.size = size
        self.setCookies = setCookies
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Origin behaviour for requests whose path matches a pattern.
public struct OriginRoute: Sendable, Equatable {
    /// The path pattern; `*` matches any run of characters, everything else matches itself.
    public var pathPattern: String
    /// The method, or nil for any method.
    public var method: String?
    /// The answer.
    public var response: OriginResponse

    /// A route from its parts.
    public init(pathPattern: String, method: String? = nil, response: OriginResponse) {
        self.pathPattern = pathPattern
        self.method = method
        self.response = response
    }
}

/// A time window `[from, until)` in which the origin fails.
public struct OriginOutage: Sendable, Equatable {
    /// Start, milliseconds since the Unix epoch (inclusive).
    public var fromMilliseconds: Int64
    /// End, milliseconds since the Unix epoch (exclusive).
    public var untilMilliseconds: Int64
    /// How the origin fails.
    public var effect: OriginOutageEffect
    /// Only requests whose path matches this pattern fail; nil means every request.
    public var pathPattern: String?

    /// An outage from its parts.
    public init(
        fromMilliseconds: Int64, untilMilliseconds: Int64, effect: OriginOutageEffect, pathPattern: String? = nil
    ) {
        self.fromMilliseconds = fromMilliseconds
        self.untilMilliseconds = untilMilliseconds
        self.effect = effect
        self.pathPattern = pathPattern
    }

    /// Whether the outage covers `time` (milliseconds since the epoch).
    func covers(_ time: Int64) -> Bool { time >= fromMilliseconds && time < untilMilliseconds }
}

/// How the origin fails during an outage.
public enum OriginOutageEffect: Sendable, Equatable {
    /// The origin answers with this status (e.g. 503) right away.
    case status(Int)
    /// The origin does not accept the connection: Cloudflare answers 522 after 15 s.
    case connectionTimeout
    /// The origin accepts but never answers: Cloudflare answers 524 after 100 s.
    case responseTimeout

    /// The status the client receives.
    var status: Int {
        switch self {
        case .status(let code): code
        case .connectionTimeout: 522
        case .responseTimeout: 524
        }
    }

    /// Whether Cloudflare answers in the origin's place because it timed out.
    var isTimeout: Bool {
        if case .status = self { return false }
        return true
    }

    /// How long the edge waits before answering, in milliseconds.
    var latencyMilliseconds: Int64 {
        switch self {
        case .status: 0
        case .connectionTimeout: 15_000
        case .responseTimeout: 100_000
        }
    }
}
