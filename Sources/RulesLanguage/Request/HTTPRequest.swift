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
    /// Request method, e.g. `GET`.
    public var method: [UInt8] = Array("GET".utf8)
    /// `https` or `http`.
    public var scheme: [UInt8] = Array("https".utf8)
    /// Host, e.g. `api.example.com`.
    public var host: [UInt8] = []
    /// The path as received (before URL normalisation), e.g. `/v1/items`.
    public var path: [UInt8] = Array("/".utf8)
    /// The query string without `?`, undecoded.
    public var query: [UInt8] = []
    /// Request headers in the order received, names in original case.
    public var headers: [HTTPHeader] = []
    /// Client IP (`ip.src`).
    public var ip: IPAddress = .zeroV4
    /// ISO 3166-1 alpha-2 country, uppercase (`ip.src.country`).
    public var country: [UInt8] = []
    /// Continent code (`ip.src.continent`).
    public var continent: [UInt8] = []
    /// City name (`ip.src.city`).
    public var city: [UInt8] = []
    /// Region code (`ip.src.region_code`).
    public var regionCode: [UInt8] = []
    /// First-level subdivision ISO code (`ip.src.subdivision_1_iso_code`).
    public var subdivision1: [UInt8] = []
    /// Second-level subdivision ISO code (`ip.src.subdivision_2_iso_code`).
    public var subdivision2: [UInt8] = []
    /// Whether the client country is in the European Union (`ip.src.is_in_european_union`).
    public var isInEuropeanUnion: Bool = false
    /// Autonomous system number (`ip.src.asnum`).
    public var asn: Int64 = 0
    /// Data centre code, e.g. `SIN`.
    public var colo: [UInt8] = []
    /// Data centre id (`cf.colo.id`, a rate-limit characteristic only).
    public var coloID: Int64 = 0
    /// Whether the client connection used TLS (`ssl`).
    public var ssl: Bool = true
    /// Edge server port (`cf.edge.server_port`).
    public var port: Int64 = 443
    /// Protocol version, e.g. `HTTP/1.1` (`http.request.version`).
    public var version: [UInt8] = Array("HTTP/1.1".utf8)
    /// Whether the client is a known good bot (`cf.client.bot`).
    public var verifiedBot: Bool = false
    /// Verified bot category (`cf.verified_bot_category`).
    public var verifiedBotCategory: [UInt8] = []
    /// Bot Management score 1–99 (`cf.bot_management.score`).
    public var botScore: Int64 = 99
    /// Threat score (`cf.threat_score`; Cloudflare now always reports 0).
    public var threatScore: Int64 = 0
    /// WAF attack score 1–99, 100 when not scored (`cf.waf.score`).
    public var wafScore: Int64 = 100
    /// Ray id (`cf.ray_id`).
    public var rayID: [UInt8] = []
    /// Arrival time in milliseconds since the Unix epoch.
    public var timestampMilliseconds: Int64 = 0
    /// Response status for counting expressions (`http.response.code`); 0 before a response exists.
    public var responseStatus: Int64 = 0
    /// Response headers in order, names in original case.
    public var responseHeaders: [HTTPHeader] = []

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
