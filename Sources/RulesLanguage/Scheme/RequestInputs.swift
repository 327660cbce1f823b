/// The request inputs a trace record may or may not carry, one bit each. A field names the inputs its value is
/// computed from (`FieldDefinition.inputs`); a replay ORs the inputs each record carried, and a field none of whose
/// inputs any record carried reads its default on every request (`docs/replay-output.md`, "Fields not in the
/// trace").
///
/// A field with no inputs is one no trace format supplies: it always reads its default in a replay. A new trace
/// key gets a bit here, a line in `Simulation/TraceRecordInputs.swift` and its bit on the fields it feeds.
public struct RequestInputs: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt64

    /// Inputs from bits.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Arrival time; a replay always has one (the record's, or the virtual time).
    public static let timestamp = RequestInputs(rawValue: 1 << 0)
    /// Client address.
    public static let ip = RequestInputs(rawValue: 1 << 1)
    /// Request method.
    public static let method = RequestInputs(rawValue: 1 << 2)
    /// `http` or `https`.
    public static let scheme = RequestInputs(rawValue: 1 << 3)
    /// Host.
    public static let host = RequestInputs(rawValue: 1 << 4)
    /// URI path.
    public static let path = RequestInputs(rawValue: 1 << 5)
    /// Query string.
    public static let query = RequestInputs(rawValue: 1 << 6)
    /// Any request header (the `ua`, `referer` and `cookie` shorthands count as headers).
    public static let headers = RequestInputs(rawValue: 1 << 7)
    /// The User-Agent header.
    public static let userAgent = RequestInputs(rawValue: 1 << 8)
    /// The Referer header.
    public static let referer = RequestInputs(rawValue: 1 << 9)
    /// The Cookie header.
    public static let cookie = RequestInputs(rawValue: 1 << 10)
    /// Client country.
    public static let country = RequestInputs(rawValue: 1 << 11)
    /// Client autonomous system number.
    public static let asn = RequestInputs(rawValue: 1 << 12)
    /// Edge data centre.
    public static let colo = RequestInputs(rawValue: 1 << 13)
    /// Whether the connection used TLS.
    public static let ssl = RequestInputs(rawValue: 1 << 14)
    /// Edge server port.
    public static let port = RequestInputs(rawValue: 1 << 15)
    /// HTTP version.
    public static let version = RequestInputs(rawValue: 1 << 16)
    /// Verified-bot flag.
    public static let bot = RequestInputs(rawValue: 1 << 17)
    /// Bot Management score.
    public static let botScore = RequestInputs(rawValue: 1 << 18)
    /// Threat score.
    public static let threatScore = RequestInputs(rawValue: 1 << 19)
    /// Client continent.
    public static let continent = RequestInputs(rawValue: 1 << 20)
    /// Client city.
    public static let city = RequestInputs(rawValue: 1 << 21)
    /// Client region code.
    public static let regionCode = RequestInputs(rawValue: 1 << 22)
    /// Verified-bot category.
    public static let verifiedBotCategory = RequestInputs(rawValue: 1 << 23)
    /// WAF attack score.
    public static let wafScore = RequestInputs(rawValue: 1 << 24)
    /// Ray id.
    public static let rayID = RequestInputs(rawValue: 1 << 25)
    /// Response status.
    public static let responseStatus = RequestInputs(rawValue: 1 << 26)
    /// Any recorded response header.
    public static let responseHeaders = RequestInputs(rawValue: 1 << 27)
    /// The response's Content-Type.
    public static let contentType = RequestInputs(rawValue: 1 << 28)
    /// JA3 fingerprint.
    public static let ja3Hash = RequestInputs(rawValue: 1 << 29)
    /// JA4 fingerprint.
    public static let ja4 = RequestInputs(rawValue: 1 << 30)
    /// The request body or its recorded size.
    public static let body = RequestInputs(rawValue: 1 << 31)
}
