import EdgeWire

/// One request of a trace, with its optional response side and optional recorded edge outcome.
///
/// Built for replay speed: text values are `ByteSlice`s into the `TraceStorage` the record was parsed into
/// (read them with `withBytes`, `string` or `bytes`), numbers are parsed, and the header list points into a
/// block owned by the same storage. Copying a record retains its storage; the storage is freed with the last
/// record that refers to it. Every field is optional; the `effective…` accessors give the documented defaults.
/// Integer fields hold values within ±2^31 (larger ones are clamped), except `timestampMs`, `asn` and `bytes`.
public struct TraceRecord: @unchecked Sendable {
    /// The bytes this record's slices point into.
    public internal(set) var storage: TraceStorage
    /// 1-based line number in the file the record was read from (0 for a record built in code).
    public var line: Int
    /// The record's 0-based number in the stream its shard was cut from (`TraceShard`); nil for a record read from
    /// a trace itself, which is numbered by its place in the input.
    public var originalNumber: Int? { storedNumber < 0 ? nil : storedNumber }

    // MARK: request

    /// Arrival time, epoch milliseconds UTC (`ts`).
    public var timestampMs: Int64? {
        get { storedTimestampMs == .min ? nil : storedTimestampMs }
        set { storedTimestampMs = newValue ?? .min }
    }
    /// Client address (`ip`, `ip.src`).
    public var ip: IPAddress? {
        get {
            switch ipFamily {
            case 4: IPAddress(v4: UInt32(truncatingIfNeeded: ipLow))
            case 6: IPAddress(v6High: ipHigh, low: ipLow)
            default: nil
            }
        }
        set {
            ipHigh = newValue?.high ?? 0
            ipLow = newValue?.low ?? 0
            ipFamily = newValue.map { $0.family == .v4 ? 4 : 6 } ?? 0
        }
    }
    /// Request method as sent (`method`).
    public var method: ByteSlice = .absent
    /// `http` or `https` (`scheme`); absent means https.
    public var scheme: ByteSlice = .absent
    /// Host header value (`host`, `http.host`).
    public var host: ByteSlice = .absent
    /// URI path (`path`), without the query.
    public var path: ByteSlice = .absent
    /// Query string without the `?` (`query`).
    public var query: ByteSlice = .absent
    /// User agent: the `ua` shorthand, else the first `User-Agent` header.
    public var userAgent: ByteSlice = .absent
    /// Referer: the `referer` shorthand, else the first `Referer` header.
    public var referer: ByteSlice = .absent
    /// Cookie header: the `cookie` shorthand, else the first `Cookie` header.
    public var cookie: ByteSlice = .absent
    /// Headers from the `headers` object, in the order and case sent; a list value gives one field per item.
    var headerFields: UnsafeBufferPointer<HeaderField> = UnsafeBufferPointer(start: nil, count: 0)
    /// Which of `userAgent`, `referer`, `cookie` (bits 0, 1, 2) came from a shorthand key, not the header list.
    var shorthandMask: UInt8 = 0
    /// Two-letter client country, upper case (`country`).
    public var country: ByteSlice = .absent
    /// Client autonomous system number (`asn`).
    public var asn: Int? {
        get { storedAsn == .min ? nil : Int(storedAsn) }
        set { storedAsn = newValue.map { Int64($0) } ?? .min }
    }
    /// Edge data centre code (`colo`).
    public var colo: ByteSlice = .absent
    /// Whether the request came over TLS (`ssl`); absent means "from the scheme".
    public var ssl: Bool? {
        get { booleanFlags >> 0 & 1 == 0 ? nil : booleanFlags >> 0 & 2 != 0 }
        set {
            booleanFlags &= ~(3 << 0)
            if let newValue { booleanFlags |= (newValue ? 3 : 1) << 0 }
        }
    }
    /// Edge server port (`port`, `cf.edge.server_port`); absent means "from the scheme".
    public var port: Int? {
        get { storedPort == .min ? nil : Int(storedPort) }
        set { storedPort = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }
    /// HTTP version text (`version`, e.g. `HTTP/1.1`, `HTTP/2`).
    public var version: ByteSlice = .absent
    /// Whether the client is a known good bot (`bot`).
    public var bot: Bool? {
        get { booleanFlags >> 2 & 1 == 0 ? nil : booleanFlags >> 2 & 2 != 0 }
        set {
            booleanFlags &= ~(3 << 2)
            if let newValue { booleanFlags |= (newValue ? 3 : 1) << 2 }
        }
    }
    /// Bot score 1–99 (`bot_score`).
    public var botScore: Int? {
        get { storedBotScore == .min ? nil : Int(storedBotScore) }
        set { storedBotScore = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }
    /// Threat score (`threat_score`).
    public var threatScore: Int? {
        get { storedThreatScore == .min ? nil : Int(storedThreatScore) }
        set {
            storedThreatScore = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min
        }
    }
    /// Whether the client had solved a challenge (`solved_challenge`).
    public var solvedChallenge: Bool? {
        get { booleanFlags >> 4 & 1 == 0 ? nil : booleanFlags >> 4 & 2 != 0 }
        set {
            booleanFlags &= ~(3 << 4)
            if let newValue { booleanFlags |= (newValue ? 3 : 1) << 4 }
        }
    }

    // MARK: request fields most traces leave out

    /// Client continent code, as given (`continent`, `ip.src.continent`).
    public var continent: ByteSlice = .absent
    /// Client city name (`city`, `ip.src.city`).
    public var city: ByteSlice = .absent
    /// Client region code, e.g. `CA` (`region_code`, `ip.src.region_code`).
    public var regionCode: ByteSlice = .absent
    /// Category of a verified bot, e.g. `Search Engine Crawler` (`verified_bot_category`, `cf.verified_bot_category`).
    public var verifiedBotCategory: ByteSlice = .absent
    /// WAF attack score 1–99 (`waf_score`, `cf.waf.score`); absent means not scored.
    public var wafScore: Int? {
        get { storedWafScore == .min ? nil : Int(storedWafScore) }
        set { storedWafScore = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }
    /// Ray id of the request (`ray_id`, `cf.ray_id`).
    public var rayID: ByteSlice = .absent
    /// JA3 fingerprint (`ja3_hash`, Logpush `JA3Hash`).
    public var ja3Hash: ByteSlice = .absent
    /// JA4 fingerprint (`ja4`, Logpush `JA4`).
    public var ja4: ByteSlice = .absent
    /// Cloudflare's visitor id for `cf.unique_visitor_id` (`unique_visitor_id`).
    public var uniqueVisitorID: ByteSlice = .absent
    /// The request body's bytes: the `body` text, or the `body_b64` bytes decoded in place.
    public var body: ByteSlice = .absent
    /// The whole request body's size in bytes (`body_size`), when recorded; at least the length of `body`.
    public var bodySize: Int? {
        get { storedBodySize == .min ? nil : Int(storedBodySize) }
        set { storedBodySize = newValue.map { Int64($0) } ?? .min }
    }

    // MARK: response

    /// Origin response status (`status`).
    public var status: Int? {
        get { storedStatus == .min ? nil : Int(storedStatus) }
        set { storedStatus = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }
    /// `Cache-Control` of the response (`cache_control`).
    public var cacheControl: ByteSlice = .absent
    /// `Expires` of the response (`expires`).
    public var expires: ByteSlice = .absent
    /// `ETag` of the response (`etag`).
    public var etag: ByteSlice = .absent
    /// `Last-Modified` of the response (`last_modified`).
    public var lastModified: ByteSlice = .absent
    /// `Age` of the response in seconds (`age`).
    public var age: Int? {
        get { storedAge == .min ? nil : Int(storedAge) }
        set { storedAge = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }
    /// `Set-Cookie` of the response (`set_cookie`).
    public var setCookie: ByteSlice = .absent
    /// `Vary` of the response (`vary`).
    public var vary: ByteSlice = .absent
    /// `Content-Type` of the response (`content_type`).
    public var contentType: ByteSlice = .absent
    /// Response body size in bytes (`bytes`).
    public var bytes: Int? {
        get { storedBytes == .min ? nil : Int(storedBytes) }
        set { storedBytes = newValue.map { Int64($0) } ?? .min }
    }
    /// Origin response time in milliseconds (`origin_ms`).
    public var originMs: Int? {
        get { storedOriginMs == .min ? nil : Int(storedOriginMs) }
        set { storedOriginMs = newValue.map { Int32(clamping: $0) == .min ? .min + 1 : Int32(clamping: $0) } ?? .min }
    }

    // MARK: recorded outcome

    /// What the real edge did, when recorded (`edge`).
    public var outcome: RecordedOutcome?

    // MARK: compact storage of the optional scalars (absent = `.min`, booleans two bits each)

    var storedTimestampMs: Int64 = .min
    var storedAsn: Int64 = .min
    var storedBytes: Int64 = .min
    var storedBodySize: Int64 = .min
    var ipHigh: UInt64 = 0
    var ipLow: UInt64 = 0
    var storedPort: Int32 = .min
    var storedBotScore: Int32 = .min
    var storedThreatScore: Int32 = .min
    var storedStatus: Int32 = .min
    var storedAge: Int32 = .min
    var storedOriginMs: Int32 = .min
    var storedWafScore: Int32 = .min
    /// 0 absent, 4 IPv4, 6 IPv6.
    var ipFamily: UInt8 = 0
    var storedNumber = -1
    /// Presence and value bits of `ssl` (bits 0–1), `bot` (2–3), `solvedChallenge` (4–5).
    var booleanFlags: UInt8 = 0

    /// Creates an empty record over `storage`.
    init(storage: TraceStorage, line: Int) {
        self.storage = storage
        self.line = line
    }

    /// Makes this an empty record over `storage` at `line`, in place: a reader refilling a buffer slot keeps the
    /// storage reference when it is the same one, and writes no temporary record.
    @inline(__always)
    mutating func reset(storage: TraceStorage, line: Int) {
        if self.storage !== storage { self.storage = storage }
        self.line = line
        storedNumber = -1
        method = .absent
        scheme = .absent
        host = .absent
        path = .absent
        query = .absent
        userAgent = .absent
        referer = .absent
        cookie = .absent
        headerFields = UnsafeBufferPointer(start: nil, count: 0)
        shorthandMask = 0
        country = .absent
        colo = .absent
        version = .absent
        cacheControl = .absent
        expires = .absent
        etag = .absent
        lastModified = .absent
        setCookie = .absent
        contentType = .absent
        vary = .absent
        continent = .absent
        city = .absent
        regionCode = .absent
        verifiedBotCategory = .absent
        rayID = .absent
        ja3Hash = .absent
        ja4 = .absent
        uniqueVisitorID = .absent
        body = .absent
        outcome = nil
        storedTimestampMs = .min
        storedAsn = .min
        storedBytes = .min
        storedBodySize = .min
        ipHigh = 0
        ipLow = 0
        storedPort = .min
        storedBotScore = .min
        storedThreatScore = .min
        storedStatus = .min
        storedAge = .min
        storedOriginMs = .min
        storedWafScore = .min
        ipFamily = 0
        booleanFlags = 0
    }

    /// An empty record over no bytes: a place for `TraceRecordSource.next(into:)` to read a record into.
    public init() {
        self.init(storage: TraceStorage.empty, line: 0)
    }
}
