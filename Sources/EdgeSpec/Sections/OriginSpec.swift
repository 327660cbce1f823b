import EdgeCore
import EdgeWire

/// How the origin answers, for simulation when a trace does not record it.
public struct OriginResponseSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "How the origin answers a request."
    /// HTTP status.
    public var status: Int
    /// Time the origin takes.
    public var latency: EdgeDuration
    /// Cache-Control sent (none by default, so Cloudflare's defaults apply).
    public var cacheControl: String?
    /// Response size.
    public var size: ByteSize
    /// Content type.
    public var contentType: String?
    /// Whether the origin sets a cookie.
    public var setCookie: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OriginResponseSpec {
        OriginResponseSpec(
            status: r.optional("status", .int(100...599), default: 200, "HTTP status."),
            latency: r.optional(
                "latency", .duration(), default: EdgeDuration(milliseconds: 50), "Time the origin takes."),
            cacheControl: r.optional("cache_control", .string, "Cache-Control header (none by default)."),
            size: r.optional("size", .size, default: ByteSize(bytes: 2048), "Response size."),
            contentType: r.optional("content_type", .string, "Content type."),
            setCookie: r.optional("set_cookie", .boolean, default: false, "Whether the origin sets a cookie."),
            ranges: r.ranges)
    }
}

/// A route with its own origin behaviour, matched by path pattern (`*` = any characters).
public struct OriginRouteSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Origin behaviour for requests whose path matches a pattern."
    /// Path pattern, e.g. `/v1/*`.
    public var path: String
    /// Method, when the route is method-specific.
    public var method: String?
    /// The response.
    public var response: OriginResponseSpec
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OriginRouteSpec {
        OriginRouteSpec(
            path: r.required("path", .urlPath, "Path pattern; * matches any characters."),
            method: r.optional("method", .string, "Method (any when absent)."),
            response: r.required(
                "response", ObjectReader.object(OriginResponseSpec.self, name: "response"), "The origin's response."),
            ranges: r.ranges)
    }
}

/// A time window in which the origin fails, so STALE and stale-if-error can be tested.
public struct OriginOutageSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A window [from, until) in which the origin answers an error or times out."
    /// Start, RFC 3339 (e.g. 2025-12-20T10:00:00Z).
    public var from: String
    /// End (exclusive), RFC 3339.
    public var until: String
    /// The status the origin answers (default 503).
    public var status: Int
    /// The origin accepts but never answers (Cloudflare answers 524).
    public var timeout: Bool
    /// Only paths matching this pattern fail.
    public var path: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Epoch milliseconds of an RFC 3339 timestamp, read as the edge model reads it; nil when it names no instant
    /// (month 13, 25 o'clock, no zone).
    static func instant(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { TraceTimestamp.parseRFC3339($0) }
    }

    /// RFC 3339 with a zone: `2025-12-20T10:00:00Z` or with an offset and fraction.
    static let timestampPattern =
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OriginOutageSpec {
        let timestamp = FieldType<String>.string(pattern: timestampPattern) { text in
            instant(text) != nil ? nil : ("'\(text)' is not an RFC 3339 timestamp", "write e.g. 2025-12-20T10:00:00Z")
        }
        return OriginOutageSpec(
            from: r.required("from", timestamp, "Start, RFC 3339."),
            until: r.required("until", timestamp, "End (exclusive), RFC 3339."),
            status: r.optional("status", .int(500...599), default: 503, "Status the origin answers."),
            timeout: r.optional("timeout", .boolean, default: false, "The origin never answers (524)."),
            path: r.optional("path", .urlPath, "Only paths matching this pattern fail."),
            ranges: r.ranges)
    }
}

/// The simulated origin.
public struct OriginSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The simulated origin: a default response and per-route responses."
    /// Response for requests no route matches.
    public var defaultResponse: OriginResponseSpec?
    /// Per-route responses, first match wins.
    public var routes: [OriginRouteSpec]
    /// Outage windows.
    public var outages: [OriginOutageSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OriginSpec {
        OriginSpec(
            defaultResponse: r.optional(
                "default", ObjectReader.object(OriginResponseSpec.self, name: "origin.default"),
                "Response when no route matches."),
            routes: r.optional(
                "routes", .array(ObjectReader.object(OriginRouteSpec.self, name: "route")), default: [],
                "Per-route responses, first match wins."),
            outages: r.optional(
                "outages", .array(ObjectReader.object(OriginOutageSpec.self, name: "outage")), default: [],
                "Windows in which the origin fails."),
            ranges: r.ranges)
    }
}
