import EdgeCore
import EdgeWire

/// One request in the native trace record shape; every field optional.
public struct RequestSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A request in the native trace record shape."
    /// Time offset or timestamp.
    public var ts: String?
    /// Client IP.
    public var ip: String?
    /// Method.
    public var method: String?
    /// http or https.
    public var scheme: String?
    /// Host.
    public var host: String?
    /// Path.
    public var path: String?
    /// Query string without `?`.
    public var query: String?
    /// Headers (name → value).
    public var headers: [(key: LocatedText, value: String)]
    /// User-Agent shorthand.
    public var ua: String?
    /// Referer shorthand.
    public var referer: String?
    /// Cookie shorthand.
    public var cookie: String?
    /// Client country.
    public var country: String?
    /// Client ASN.
    public var asn: Int64?
    /// Edge colo.
    public var colo: String?
    /// HTTP version.
    public var version: String?
    /// Verified bot.
    public var bot: Bool?
    /// Bot score.
    public var botScore: Int?
    /// Whether the client solves challenges.
    public var solvedChallenge: Bool?
    /// Origin status.
    public var status: Int?
    /// Origin Cache-Control.
    public var cacheControl: String?
    /// The node the request was read from (for re-serialising it).
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RequestSpec {
        RequestSpec(
            ts: r.optional("ts", .string, "Timestamp (RFC 3339)."),
            ip: r.optional("ip", .ipOrCIDR, "Client IP."),
            method: r.optional("method", .string, "Method (default GET)."),
            scheme: r.optional(
                "scheme",
                .string(validate: { ["http", "https"].contains($0) ? nil : ("'\($0)' is not http or https", nil) }),
                "http or https."),
            host: r.optional("host", .hostname, "Host."),
            path: r.optional("path", .urlPath, "Path (default /)."),
            query: r.optional("query", .string, "Query string without ?."),
            headers: r.optional("headers", .map(.string), default: [], "Headers: name → value."),
            ua: r.optional("ua", .string, "User-Agent."),
            referer: r.optional("referer", .string, "Referer."),
            cookie: r.optional("cookie", .string, "Cookie."),
            country: r.optional("country", .countryCode, "Client country (upper case)."),
            asn: r.optional("asn", .integer(0...4_294_967_295), "Client ASN."),
            colo: r.optional("colo", .string, "Edge colo, e.g. SIN."),
            version: r.optional("version", .string, "HTTP version, e.g. HTTP/1.1."),
            bot: r.optional("bot", .boolean, "Verified bot."),
            botScore: r.optional("bot_score", .int(1...99), "Bot score 1–99."),
            solvedChallenge: r.optional("solved_challenge", .boolean, "The client solves challenges."),
            status: r.optional("status", .int(100...599), "Origin status."),
            cacheControl: r.optional("cache_control", .string, "Origin Cache-Control."),
            ranges: r.ranges)
    }
}

/// The schema description of an expect case's `owasp` key.
private let owaspDescription =
    "The OWASP Core Ruleset's expected verdict: `rules` that must match and the `score`, at the deployed paranoia "
    + "level (needs managed_rules.owasp enabled)."

/// One timed request of a sequence and the outcome expected for it (or for each repetition).
public struct ExpectStepSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary =
        "A timed request in a sequence, sent `repeat` times `every` apart, and its expected outcome."
    /// Time since the sequence started.
    public var at: EdgeDuration
    /// The request.
    public var request: RequestSpec
    /// How many times it is sent.
    public var repeatCount: Int
    /// The gap between repetitions.
    public var every: EdgeDuration
    /// Expected action (for every repetition, or for the last when `last_only`).
    public var action: EdgeAction?
    /// Expected deciding rule.
    public var rule: LocatedText?
    /// Expected cache status.
    public var cache: CacheStatus?
    /// Expected status sent to the client.
    public var status: Int?
    /// The OWASP Core Ruleset's expected verdict.
    public var owasp: OWASPExpectSpec?
    /// Check only the last repetition.
    public var lastOnly: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ExpectStepSpec {
        ExpectStepSpec(
            at: r.optional(
                "at", .duration(), default: EdgeDuration(milliseconds: 0), "Time since the sequence started."),
            request: r.required("request", ObjectReader.object(RequestSpec.self, name: "request"), "The request."),
            repeatCount: r.optional("repeat", .int(1...100_000), default: 1, "How many times it is sent."),
            every: r.optional("every", .duration(), default: .seconds(1), "Gap between repetitions."),
            action: r.optional("action", .enumeration, "Expected action."),
            rule: r.optional(
                "rule", .ruleID, "Expected deciding rule id; without it, the case expects no rule to decide."),
            cache: r.optional("cache", .enumeration, "Expected cache status (HIT, MISS, …)."),
            status: r.optional("status", .int(100...599), "Expected status sent to the client."),
            owasp: r.optional(
                "owasp", ObjectReader.object(OWASPExpectSpec.self, name: "owasp expectation"), owaspDescription),
            lastOnly: r.optional("last_only", .boolean, default: false, "Check only the last repetition."),
            ranges: r.ranges)
    }
}

/// A test case: a request (or a timed sequence of them) and the outcome expected at the edge.
public struct ExpectCaseSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A request, or a timed sequence of requests, and the outcome expected at the edge."
    /// A name for reports.
    public var name: String?
    /// The request of a single-request case.
    public var request: RequestSpec?
    /// Expected action of a single-request case.
    public var action: EdgeAction?
    /// Expected deciding rule id (none for allow).
    public var rule: LocatedText?
    /// Expected cache status.
    public var cache: CacheStatus?
    /// Expected status sent to the client.
    public var status: Int?
    /// The OWASP Core Ruleset's expected verdict.
    public var owasp: OWASPExpectSpec?
    /// The steps of a sequence case.
    public var sequence: [ExpectStepSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ExpectCaseSpec {
        ExpectCaseSpec(
            name: r.optional("name", .string, "A name for reports."),
            request: r.optional(
                "request", ObjectReader.object(RequestSpec.self, name: "request"),
                "The request (single-request case)."),
            action: r.optional("action", .enumeration, "Expected action."),
            rule: r.optional(
                "rule", .ruleID, "Expected deciding rule id; without it, the case expects no rule to decide."),
            cache: r.optional("cache", .enumeration, "Expected cache status (HIT, MISS, …)."),
            status: r.optional("status", .int(100...599), "Expected status sent to the client."),
            owasp: r.optional(
                "owasp", ObjectReader.object(OWASPExpectSpec.self, name: "owasp expectation"), owaspDescription),
            sequence: r.optional(
                "sequence", .array(ObjectReader.object(ExpectStepSpec.self, name: "sequence step"), minItems: 1),
                default: [],
                "Timed requests with expected outcomes (rate limits, cache)."),
            ranges: r.ranges)
    }
}
