import EdgeWire

/// Builds a `TraceRecord` from ordinary Swift values, for code that makes records rather than reading them
/// (trace synthesis, spec `expect` cases, tests). Off the hot path: every build copies its text into a small
/// storage of its own.
public struct TraceRecordBuilder: Sendable {
    /// Line number to give the record (0 for records made in code).
    public var line = 0
    /// Arrival time, epoch milliseconds UTC.
    public var timestampMs: Int64?
    /// Client address.
    public var ip: IPAddress?
    /// Request method.
    public var method: String?
    /// `http` or `https`.
    public var scheme: String?
    /// Host.
    public var host: String?
    /// Path without query.
    public var path: String?
    /// Query without `?`.
    public var query: String?
    /// The `ua` shorthand.
    public var userAgent: String?
    /// The `referer` shorthand.
    public var referer: String?
    /// The `cookie` shorthand.
    public var cookie: String?
    /// Headers in order, names with the case to send.
    public var headers: [(name: String, value: String)] = []
    /// Two-letter country (upper-cased when built).
    public var country: String?
    /// Continent code.
    public var continent: String?
    /// City name.
    public var city: String?
    /// Region code.
    public var regionCode: String?
    /// Autonomous system number.
    public var asn: Int?
    /// Data centre code.
    public var colo: String?
    /// Whether TLS was used.
    public var ssl: Bool?
    /// Edge server port.
    public var port: Int?
    /// HTTP version text.
    public var version: String?
    /// Known good bot.
    public var bot: Bool?
    /// Category of a verified bot.
    public var verifiedBotCategory: String?
    /// Bot score.
    public var botScore: Int?
    /// Threat score.
    public var threatScore: Int?
    /// WAF attack score.
    public var wafScore: Int?
    /// Ray id.
    public var rayID: String?
    /// JA3 fingerprint.
    public var ja3Hash: String?
    /// JA4 fingerprint.
    public var ja4: String?
    /// Visitor id.
    public var uniqueVisitorID: String?
    /// Request body bytes.
    public var body: [UInt8]?
    /// Whole request body size, when it differs from the recorded body's length.
    public var bodySize: Int?
    /// Challenge solved.
    public var solvedChallenge: Bool?
    /// Origin status.
    public var status: Int?
    /// Response `Cache-Control`.
    public var cacheControl: String?
    /// Response `Expires`.
    public var expires: String?
    /// Response `ETag`.
    public var etag: String?
    /// Response `Last-Modified`.
    public var lastModified: String?
    /// Response `Age` in seconds.
    public var age: Int?
    /// Response `Set-Cookie`.
    public var setCookie: String?
    /// Response `Content-Type`.
    public var contentType: String?
    /// Response `Vary`.
    public var vary: String?
    /// Response size in bytes.
    public var bytes: Int?
    /// Origin time in milliseconds.
    public var originMs: Int?
    /// Recorded edge action.
    public var outcomeAction: EdgeAction?
    /// Recorded rule.
    public var outcomeRule: String?
    /// Recorded cache status (upper-cased when built).
    public var outcomeCache: String?
    /// Recorded edge status.
    public var outcomeStatus: Int?

    /// Creates an empty builder.
    public init() {}

    /// The record, with its own storage.
    public func build() -> TraceRecord {
        var bytes: [UInt8] = []
        func add(_ text: String?) -> ByteSlice {
            guard let text else { return .absent }
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return ByteSlice(start: start, end: bytes.count)
        }
        let method = add(self.method), scheme = add(self.scheme), host = add(self.host), path = add(self.path)
        let query = add(self.query), userAgent = add(self.userAgent), referer = add(self.referer)
        let cookie = add(self.cookie), country = add(self.country?.uppercased()), colo = add(self.colo)
        let version = add(self.version), cacheControl = add(self.cacheControl), expires = add(self.expires)
        let etag = add(self.etag), lastModified = add(self.lastModified), setCookie = add(self.setCookie)
        let contentType = add(self.contentType), vary = add(self.vary), rule = add(outcomeRule),
            cache = add(outcomeCache?.uppercased())
        let continent = add(self.continent), city = add(self.city), regionCode = add(self.regionCode)
        let verifiedBotCategory = add(self.verifiedBotCategory), rayID = add(self.rayID)
        let ja3Hash = add(self.ja3Hash), ja4 = add(self.ja4), uniqueVisitorID = add(self.uniqueVisitorID)
        let body =
            self.body.map { body -> ByteSlice in
                let start = bytes.count
                bytes += body
                return ByteSlice(start: start, end: bytes.count)
            } ?? .absent
        let fields = headers.map { HeaderField(name: add($0.name), value: add($0.value)) }

        let storage = TraceStorage(copying: bytes)
        var record = TraceRecord(storage: storage, line: line)
        record.timestampMs = timestampMs
        record.ip = ip
        record.method = method
        record.scheme = scheme
        record.host = host
        record.path = path
        record.query = query
        record.userAgent = userAgent
        record.referer = referer
        record.cookie = cookie
        record.shorthandMask = (userAgent.isPresent ? 1 : 0) | (referer.isPresent ? 2 : 0) | (cookie.isPresent ? 4 : 0)
        for (field, header) in zip(fields, headers) {
            switch header.name.lowercased() {
            case "user-agent" where record.userAgent.isAbsent: record.userAgent = field.value
            case "referer" where record.referer.isAbsent: record.referer = field.value
            case "cookie" where record.cookie.isAbsent: record.cookie = field.value
            default: break
            }
        }
        if !fields.isEmpty {
            let stored = fields.withUnsafeBufferPointer {
                storage.storeHeaders($0.baseAddress.unsafelyUnwrapped, count: $0.count)
            }
            record.headerFields = UnsafeBufferPointer(start: stored, count: fields.count)
        }
        record.country = country
        record.asn = asn
        record.colo = colo
        record.ssl = ssl
        record.port = port
        record.version = version
        record.bot = bot
        record.botScore = botScore
        record.threatScore = threatScore
        record.solvedChallenge = solvedChallenge
        record.status = status
        record.cacheControl = cacheControl
        record.expires = expires
        record.etag = etag
        record.lastModified = lastModified
        record.age = age
        record.setCookie = setCookie
        record.contentType = contentType
        record.vary = vary
        record.bytes = self.bytes
        record.originMs = originMs
        record.continent = continent
        record.city = city
        record.regionCode = regionCode
        record.verifiedBotCategory = verifiedBotCategory
        record.wafScore = wafScore
        record.rayID = rayID
        record.ja3Hash = ja3Hash
        record.ja4 = ja4
        record.uniqueVisitorID = uniqueVisitorID
        record.body = body
        record.bodySize = bodySize
        if outcomeAction != nil || rule.isPresent || cache.isPresent || outcomeStatus != nil {
            record.outcome = RecordedOutcome(
                action: outcomeAction, rule: rule, cloudflareRuleID: .absent, cache: cache, status: outcomeStatus)
        }
        return record
    }
}
