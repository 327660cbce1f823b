import EdgeCore

/// Every field an expression may name, in one table: name, type, summary, gating and reader.
///
/// Types and plans follow `docs/cloudflare-semantics.md`, "Fields and where they may be read"; `rateLimitPlan`
/// follows the rate-limiting availability table there: path and verified-bot fields on every plan, host/URI/query
/// from Pro, method/IP/user agent from Business, everything else Enterprise.
public enum FieldCatalogue {
    /// All fields in declaration order.
    public static let all: [FieldDefinition] = {
        var fields: [FieldDefinition] = []
        func add(
            _ name: String, _ type: RuleType, _ summary: String, phase: FieldPhase = .request,
            plan: CloudflarePlan = .free, rateLimitPlan: CloudflarePlan = .enterprise, replacement: String? = nil,
            caveat: String? = nil, borrowed: BorrowedBytesField? = nil, _ read: FieldReader
        ) {
            fields.append(
                FieldDefinition(
                    name, type, summary, phase: phase, plan: plan, rateLimitPlan: rateLimitPlan,
                    replacement: replacement, caveat: caveat, slot: fields.count, borrowed: borrowed, read: read))
        }
        let stringArray = RuleType.array(.bytes)
        let stringMap = RuleType.map(.array(.bytes))

        add(
            "http.host", .bytes, "Host of the request URI.", rateLimitPlan: .pro, borrowed: .host,
            .bytes { $0.request.host })
        add(
            "http.request.method", .bytes, "Request method in uppercase, e.g. GET.", rateLimitPlan: .business,
            borrowed: .method, .bytes { $0.request.method })
        add(
            "http.request.uri", .bytes, "Normalised path and query, e.g. /articles/index?section=5.",
            rateLimitPlan: .pro,
            .bytes { $0.uri })
        add(
            "http.request.uri.path", .bytes, "Path after URL normalisation.", rateLimitPlan: .free,
            borrowed: .normalizedPath, .bytes { $0.normalizedPath })
        add(
            "http.request.uri.path.extension", .bytes, "Lowercased extension of the last path segment, or empty.",
            rateLimitPlan: .free, borrowed: .pathExtension, .bytes { $0.pathExtension })
        add(
            "http.request.uri.query", .bytes, "Query string without `?`, undecoded.", rateLimitPlan: .pro,
            borrowed: .query, .bytes { $0.request.query })
        add(
            "http.request.full_uri", .bytes, "scheme://host followed by the normalised URI.", rateLimitPlan: .pro,
            .bytes { $0.fullURI })
        add(
            "http.request.uri.args", stringMap, "Query arguments by name; repeated names keep order; undecoded.",
            .map { $0.args })
        add("http.request.uri.args.names", stringArray, "Query argument names in order.", .bytesArray { $0.argNames })
        add(
            "http.request.uri.args.values", stringArray, "Query argument values in order.", .bytesArray { $0.argValues }
        )
        add(
            "raw.http.request.uri", .bytes, "Original path and query before normalisation.", rateLimitPlan: .pro,
            .bytes { $0.rawURI })
        add(
            "raw.http.request.uri.path", .bytes, "Original path before normalisation.", rateLimitPlan: .free,
            borrowed: .rawPath, .bytes { $0.request.path })
        add(
            "raw.http.request.uri.path.extension", .bytes, "Extension of the original path.", rateLimitPlan: .free,
            .bytes { $0.rawPathExtension })
        add(
            "raw.http.request.uri.query", .bytes, "Original query string.", rateLimitPlan: .pro, borrowed: .query,
            .bytes { $0.request.query })
        add("raw.http.request.full_uri", .bytes, "Original full URI.", rateLimitPlan: .pro, .bytes { $0.rawFullURI })
        add("raw.http.request.uri.args", stringMap, "Original query arguments.", .map { $0.args })
        add(
            "raw.http.request.uri.args.names", stringArray, "Original query argument names.",
            .bytesArray { $0.argNames })
        add(
            "raw.http.request.uri.args.values", stringArray, "Original query argument values.",
            .bytesArray { $0.argValues })
        add(
            "http.user_agent", .bytes, "User-Agent header, empty when absent.", rateLimitPlan: .business,
            borrowed: .userAgent, .bytes { $0.userAgent })
        add("http.referer", .bytes, "Referer header, empty when absent.", .bytes { $0.referer })
        add("http.cookie", .bytes, "Entire Cookie header, empty when absent.", .bytes { $0.cookie })
        add(
            "http.x_forwarded_for", .bytes, "Entire X-Forwarded-For header, empty when absent.",
            .bytes { $0.forwardedFor })
        add("http.request.cookies", stringMap, "Cookie values by URL-decoded name.", plan: .pro, .map { $0.cookieMap })
        add("http.request.headers", stringMap, "Header values keyed by lowercased header name.", .map { $0.headerMap })
        add(
            "http.request.headers.names", stringArray, "Header names in the case sent, in order.",
            .bytesArray { $0.headerNames })
        add(
            "http.request.headers.values", stringArray, "Header values in order, parallel to the names.",
            .bytesArray { $0.headerValues })
        add(
            "http.request.headers.truncated", .bool, "Whether the header list was cut short (never, in the model).",
            .bool { _ in false })
        add(
            "http.request.version", .bytes, "Protocol version, e.g. HTTP/1.1.", borrowed: .version,
            .bytes { $0.request.version })
        add(
            "http.request.timestamp.sec", .int, "Arrival time in Unix seconds.",
            .int { $0.request.timestampMilliseconds / 1000 })
        add(
            "http.request.timestamp.msec", .int, "Millisecond part (0–999) of the arrival time.",
            .int { ($0.request.timestampMilliseconds % 1000 + 1000) % 1000 })
        add("ip.src", .ip, "Client IP address.", rateLimitPlan: .business, .ip { $0.request.ip })
        add(
            "ip.src.country", .bytes, "Client country, ISO 3166-1 alpha-2 uppercase.", borrowed: .country,
            .bytes { $0.request.country })
        add(
            "ip.geoip.country", .bytes, "Deprecated name of ip.src.country.", replacement: "ip.src.country",
            borrowed: .country, .bytes { $0.request.country })
        add("ip.src.asnum", .int, "Client autonomous system number.", .int { $0.request.asn })
        add(
            "ip.geoip.asnum", .int, "Deprecated name of ip.src.asnum.", replacement: "ip.src.asnum",
            .int { $0.request.asn })
        add("ip.src.continent", .bytes, "Client continent code.", .bytes { $0.request.continent })
        add(
            "ip.geoip.continent", .bytes, "Deprecated name of ip.src.continent.", replacement: "ip.src.continent",
            .bytes { $0.request.continent })
        add("ip.src.city", .bytes, "Client city.", .bytes { $0.request.city })
        add("ip.src.region_code", .bytes, "Client region code.", .bytes { $0.request.regionCode })
        add(
            "ip.src.subdivision_1_iso_code", .bytes, "First-level subdivision ISO code.", plan: .business,
            .bytes { $0.request.subdivision1 })
        add(
            "ip.src.subdivision_2_iso_code", .bytes, "Second-level subdivision ISO code.", plan: .business,
            .bytes { $0.request.subdivision2 })
        add(
            "ip.src.is_in_european_union", .bool, "Whether the client country is in the EU.", plan: .business,
            .bool { $0.request.isInEuropeanUnion })
        add("ssl", .bool, "Whether the client connection is encrypted.", .bool { $0.request.ssl })
        add(
            "cf.client.bot", .bool, "Whether the client is a known good bot.", rateLimitPlan: .free,
            .bool { $0.request.verifiedBot })
        add(
            "cf.bot_management.verified_bot", .bool, "Whether the client is a verified bot (Bot Management).",
            plan: .enterprise, .bool { $0.request.verifiedBot })
        add(
            "cf.verified_bot_category", .bytes, "Category of a verified bot.", .bytes { $0.request.verifiedBotCategory }
        )
        add(
            "cf.bot_management.score", .int, "Bot score 1–99, low means bot (Bot Management).", plan: .enterprise,
            .int { $0.request.botScore })
        add(
            "cf.threat_score", .int, "Threat score.",
            caveat: "cf.threat_score is now always 0 on Cloudflare, so comparisons on it no longer discriminate",
            .int { $0.request.threatScore })
        add(
            "cf.waf.score", .int, "WAF attack score 1–99, 100 when not scored.", plan: .enterprise,
            .int { $0.request.wafScore })
        add(
            "cf.bot_management.ja3_hash", .bytes, "JA3 fingerprint of the TLS client hello (Bot Management).",
            plan: .enterprise, .bytes { $0.request.ja3Hash })
        add(
            "cf.bot_management.ja4", .bytes, "JA4 fingerprint of the client (Bot Management).", plan: .enterprise,
            .bytes { $0.request.ja4 })
        add(
            "http.request.body.raw", .bytes, "The request body, up to 128 KB, undecoded.", plan: .enterprise,
            .bytes { $0.bodyRaw })
        add(
            "http.request.body.size", .int, "Size of the whole request body in bytes.", plan: .enterprise,
            .int { $0.bodySize })
        add(
            "http.request.body.truncated", .bool, "Whether the body is longer than the 128 KB the body fields read.",
            plan: .enterprise, .bool { $0.bodyTruncated })
        add(
            "http.request.body.form", stringMap, "Fields of a URL-encoded form body by name; undecoded.",
            plan: .enterprise, .map { $0.bodyForm })
        add(
            "http.request.body.form.names", stringArray, "Form field names in order.", plan: .enterprise,
            .bytesArray { $0.bodyFormNames })
        add(
            "http.request.body.form.values", stringArray, "Form field values in order.", plan: .enterprise,
            .bytesArray { $0.bodyFormValues })
        add(
            "http.request.body.mime", .bytes, "Media type detected from the body's first bytes.", .bytes { $0.bodyMime }
        )
        add("cf.edge.server_port", .int, "Edge server port the request arrived on.", .int { $0.request.port })
        add("cf.ray_id", .bytes, "Ray id of the request.", .bytes { $0.request.rayID })
        add(
            "http.response.code", .int, "Status code returned to the client.", phase: .response,
            .int { $0.request.responseStatus })
        add(
            "http.response.headers", stringMap, "Response header values keyed by lowercased name.", phase: .response,
            .map { $0.responseHeaderMap })
        add(
            "http.response.headers.names", stringArray, "Response header names in order.", phase: .response,
            .bytesArray { $0.responseHeaderNames })
        add(
            "http.response.headers.values", stringArray, "Response header values in order.", phase: .response,
            .bytesArray { $0.responseHeaderValues })
        add(
            "http.response.content_type.media_type", .bytes, "Lowercased media type of the response.",
            phase: .response, .bytes { $0.responseMediaType })
        add("cf.colo.id", .int, "Data centre id.", phase: .characteristicOnly, .int { $0.request.coloID })
        add(
            "cf.unique_visitor_id", .bytes, "Visitor id (IP with NAT support).", phase: .characteristicOnly,
            .bytes { $0.uniqueVisitorID })
        return fields
    }()

    /// Fields by name.
    public static let byName: [String: FieldDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
