import EdgeWire
import RulesLanguage

/// The response side of a request as a trace recorded it. When present, the origin model answers with it
/// instead of the configured routes (outage windows still apply).
public struct RecordedResponse: Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// The Cache-Control header.
    public var cacheControl: [UInt8]?
    /// The Expires header.
    public var expires: [UInt8]?
    /// The ETag header.
    public var etag: [UInt8]?
    /// The Last-Modified header.
    public var lastModified: [UInt8]?
    /// The Age header in seconds: how old the response already was.
    public var ageSeconds: Int64?
    /// Set-Cookie header values.
    public var setCookies: [[UInt8]]
    /// The Content-Type header.
    public var contentType: [UInt8]?
    /// The Vary header.
    public var vary: [UInt8]?
    /// Response size in bytes, when recorded.
    public var bytes: Int64?
    /// Origin response time in milliseconds, when recorded.
    public var originLatencyMilliseconds: Int64?

    /// A recorded response from its parts.
    public init(
        status: Int, cacheControl: [UInt8]? = nil, expires: [UInt8]? = nil, etag: [UInt8]? = nil,
        lastModified: [UInt8]? = nil, ageSeconds: Int64? = nil, setCookies: [[UInt8]] = [], contentType: [UInt8]? = nil,
        vary: [UInt8]? = nil, bytes: Int64? = nil, originLatencyMilliseconds: Int64? = nil
    ) {
        self.status = status
        self.cacheControl = cacheControl
        self.expires = expires
        self.etag = etag
        self.lastModified = lastModified
        self.ageSeconds = ageSeconds
        self.setCookies = setCookies
        self.contentType = contentType
        self.vary = vary
        self.bytes = bytes
        self.originLatencyMilliseconds = originLatencyMilliseconds
    }
}
