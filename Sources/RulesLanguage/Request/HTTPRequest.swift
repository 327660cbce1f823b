import EdgeWire

/// One HTTP header as received: the name keeps the case the client sent.
public struct HTTPHeader: Hashable, Sendable {
    /// The header name, original case.
    public var name: [UInt8]
    /// The raw header value.
    public var value: [UInt8]

    /// A header from byte strings.
    public init(name: [UInt8], value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// A header from strings.
    public init(_ name: String, _ value: String) {
        self.init(name: Array(name.utf8), value: Array(value.utf8))
    }
}

/// The inputs of one request (and, for counting expressions, its response) that rule fields are computed from.
///
/// Byte-valued parts are `[UInt8]` so that values which are not UTF-8 survive and evaluation compares bytes.
/// Derived values (lowercased header map, query arguments, normalised path) are computed by `RequestContext`.
public struct HTTPRequest: Sendable {
    /// The inputs live in one shared box, so copying a request (into a context, out of an array) costs one
    /// reference count rather than one per field; writes copy the box first when it is shared.
    @usableFromInline final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var method: [UInt8] = Defaults.method
        @exclusivity(unchecked) @usableFromInline var scheme: [UInt8] = Defaults.scheme
        @exclusivity(unchecked) @usableFromInline var host: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var path: [UInt8] = Defaults.path
        @exclusivity(unchecked) @usableFromInline var query: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var headers: [HTTPHeader] = []
        @exclusivity(unchecked) @usableFromInline var ip: IPAddress = .zeroV4
        @exclusivity(unchecked) @usableFromInline var country: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var continent: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var city: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var regionCode: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var subdivision1: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var subdivision2: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var asn: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var colo: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var coloID: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var ssl: Bool = true
        @exclusivity(unchecked) @usableFromInline var port: Int64 = 443
        @exclusivity(unchecked) @usableFromInline var version: [UInt8] = Defaults.version
        @exclusivity(unchecked) @usableFromInline var verifiedBot: Bool = false
        @exclusivity(unchecked) @usableFromInline var verifiedBotCategory: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var botScore: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var threatScore: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var wafScore: Int64 = 100
        @exclusivity(unchecked) @usableFromInline var rayID: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var ja3Hash: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var ja4: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var uniqueVisitorID: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var body: [UInt8] = []
        @exclusivity(unchecked) @usableFromInline var recordedBodySize: Int64 = -1
        @exclusivity(unchecked) @usableFromInline var timestampMilliseconds: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var responseStatus: Int64 = 0
        @exclusivity(unchecked) @usableFromInline var responseHeaders: [HTTPHeader] = []

        init() {}

        @usableFromInline func copy() -> Storage {
            let copy = Storage()
            copy.method = method
            copy.scheme = scheme
            copy.host = host
            copy.path = path
            copy.query = query
            copy.headers = headers
            copy.ip = ip
            copy.country = country
            copy.continent = continent
            copy.city = city
            copy.regionCode = regionCode
            copy.subdivision1 = subdivision1
            copy.subdivision2 = subdivision2
            copy.asn = asn
            copy.colo = colo
            copy.coloID = coloID
            copy.ssl = ssl
            copy.port = port
            copy.version = version
            copy.verifiedBot = verifiedBot
            copy.verifiedBotCategory = verifiedBotCategory
            copy.botScore = botScore
            copy.threatScore = threatScore
            copy.wafScore = wafScore
            copy.rayID = rayID
            copy.ja3Hash = ja3Hash
            copy.ja4 = ja4
            copy.uniqueVisitorID = uniqueVisitorID
            copy.body = body
            copy.recordedBodySize = recordedBodySize
            copy.timestampMilliseconds = timestampMilliseconds
            copy.responseStatus = responseStatus
            copy.responseHeaders = responseHeaders
            return copy
        }
    }

    @usableFromInline var storage = Storage()

    /// Shared default values, so a fresh request allocates only its box.
    private enum Defaults {
        static let method = Array("GET".utf8)
        static let scheme = Array("https".utf8)
        static let path = Array("/".utf8)
        static let version = Array("HTTP/1.1".utf8)
    }

    @inlinable mutating func writable() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Request method, e.g. `GET`.
    @inlinable public var method: [UInt8] {
        get { storage.method }
        _modify { yield &writable().method }
    }
    /// `https` or `http`.
    @inlinable public var scheme: [UInt8] {
        get { storage.scheme }
        _modify { yield &writable().scheme }
    }
    /// Host, e.g. `api.example.com`.
    @inlinable public var host: [UInt8] {
        get { storage.host }
        _modify { yield &writable().host }
    }
    /// The path as received (before URL normalisation), e.g. `/v1/items`.
    @inlinable public var path: [UInt8] {
        get { storage.path }
        _modify { yield &writable().path }
    }
    /// The query string without `?`, undecoded.
    @inlinable public var query: [UInt8] {
        get { storage.query }
        _modify { yield &writable().query }
    }
    /// Request headers in the order received, names in original case.
    @inlinable public var headers: [HTTPHeader] {
        get { storage.headers }
        _modify { yield &writable().headers }
    }
    /// Client IP (`ip.src`).
    @inlinable public var ip: IPAddress {
        get { storage.ip }
        _modify { yield &writable().ip }
    }
    /// ISO 3166-1 alpha-2 country, uppercase (`ip.src.country`).
    @inlinable public var country: [UInt8] {
        get { storage.country }
        _modify { yield &writable().country }
    }
    /// Continent code (`ip.src.continent`).
    @inlinable public var continent: [UInt8] {
        get { storage.continent }
        _modify { yield &writable().continent }
    }
    /// City name (`ip.src.city`).
    @inlinable public var city: [UInt8] {
        get { storage.city }
        _modify { yield &writable().city }
    }
    /// Region code (`ip.src.region_code`).
    @inlinable public var regionCode: [UInt8] {
        get { storage.regionCode }
        _modify { yield &writable().regionCode }
    }
    /// First-level subdivision ISO code (`ip.src.subdivision_1_iso_code`).
    @inlinable public var subdivision1: [UInt8] {
        get { storage.subdivision1 }
        _modify { yield &writable().subdivision1 }
    }
    /// Second-level subdivision ISO code (`ip.src.subdivision_2_iso_code`).
    @inlinable public var subdivision2: [UInt8] {
        get { storage.subdivision2 }
        _modify { yield &writable().subdivision2 }
    }
    /// Autonomous system number (`ip.src.asnum`).
    @inlinable public var asn: Int64 {
        get { storage.asn }
        _modify { yield &writable().asn }
    }
    /// Data centre code, e.g. `SIN`.
    @inlinable public var colo: [UInt8] {
        get { storage.colo }
        _modify { yield &writable().colo }
    }
    /// Data centre id (`cf.colo.id`, a rate-limit characteristic only).
    @inlinable public var coloID: Int64 {
        get { storage.coloID }
        _modify { yield &writable().coloID }
    }
    /// Whether the client connection used TLS (`ssl`).
    @inlinable public var ssl: Bool {
        get { storage.ssl }
        _modify { yield &writable().ssl }
    }
    /// Edge server port (`cf.edge.server_port`).
    @inlinable public var port: Int64 {
        get { storage.port }
        _modify { yield &writable().port }
    }
    /// Protocol version, e.g. `HTTP/1.1` (`http.request.version`).
    @inlinable public var version: [UInt8] {
        get { storage.version }
        _modify { yield &writable().version }
    }
    /// Whether the client is a known good bot (`cf.client.bot`).
    @inlinable public var verifiedBot: Bool {
        get { storage.verifiedBot }
        _modify { yield &writable().verifiedBot }
    }
    /// Verified bot category (`cf.verified_bot_category`).
    @inlinable public var verifiedBotCategory: [UInt8] {
        get { storage.verifiedBotCategory }
        _modify { yield &writable().verifiedBotCategory }
    }
    /// Bot Management score 1–99, 0 when not computed (`cf.bot_management.score`).
    @inlinable public var botScore: Int64 {
        get { storage.botScore }
        _modify { yield &writable().botScore }
    }
    /// Threat score (`cf.threat_score`; Cloudflare now always reports 0).
    @inlinable public var threatScore: Int64 {
        get { storage.threatScore }
        _modify { yield &writable().threatScore }
    }
    /// WAF attack score 1–99, 100 when not scored (`cf.waf.score`).
    @inlinable public var wafScore: Int64 {
        get { storage.wafScore }
        _modify { yield &writable().wafScore }
    }
    /// Ray id (`cf.ray_id`).
    @inlinable public var rayID: [UInt8] {
        get { storage.rayID }
        _modify { yield &writable().rayID }
    }
    /// JA3 fingerprint of the TLS client hello (`cf.bot_management.ja3_hash`); empty when not recorded.
    @inlinable public var ja3Hash: [UInt8] {
        get { storage.ja3Hash }
        _modify { yield &writable().ja3Hash }
    }
    /// JA4 fingerprint (`cf.bot_management.ja4`); empty when not recorded.
    @inlinable public var ja4: [UInt8] {
        get { storage.ja4 }
        _modify { yield &writable().ja4 }
    }
    /// Cloudflare's visitor id when recorded; empty means `RequestContext.uniqueVisitorID` derives one from the
    /// client IP and user agent.
    @inlinable public var uniqueVisitorID: [UInt8] {
        get { storage.uniqueVisitorID }
        _modify { yield &writable().uniqueVisitorID }
    }
    /// The request body as recorded (whole, or the first part the trace kept); empty when there is none.
    @inlinable public var body: [UInt8] {
        get { storage.body }
        _modify { yield &writable().body }
    }
    /// The whole body's size in bytes when the trace recorded it, else -1 (the size is then `body.count`).
    @inlinable public var recordedBodySize: Int64 {
        get { storage.recordedBodySize }
        _modify { yield &writable().recordedBodySize }
    }
    /// Arrival time in milliseconds since the Unix epoch.
    @inlinable public var timestampMilliseconds: Int64 {
        get { storage.timestampMilliseconds }
        _modify { yield &writable().timestampMilliseconds }
    }
    /// Response status for counting expressions (`http.response.code`); 0 before a response exists.
    @inlinable public var responseStatus: Int64 {
        get { storage.responseStatus }
        _modify { yield &writable().responseStatus }
    }
    /// Response headers in order, names in original case.
    @inlinable public var responseHeaders: [HTTPHeader] {
        get { storage.responseHeaders }
        _modify { yield &writable().responseHeaders }
    }

    /// A `GET https:///` request from `0.0.0.0` with every other input at its default.
    public init() {}

    /// A request from the common inputs given as strings.
    public init(
        method: String = "GET", scheme: String = "https", host: String = "", path: String = "/", query: String = "",
        headers: [(String, String)] = [], ip: IPAddress = .zeroV4, country: String = ""
    ) {
        self.method = Array(method.utf8)
        self.scheme = Array(scheme.utf8)
        self.host = Array(host.utf8)
        self.path = Array(path.utf8)
        self.query = Array(query.utf8)
        self.headers = headers.map { HTTPHeader($0.0, $0.1) }
        self.ip = ip
        self.country = Array(country.utf8)
        self.ssl = scheme == "https"
        self.port = scheme == "https" ? 443 : 80
    }
}
