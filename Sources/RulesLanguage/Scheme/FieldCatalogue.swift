import EdgeCore

/// Every field an expression may name, in one table: name, type, summary, gating, trace inputs and reader.
///
/// The table follows Cloudflare's fields reference (`docs/cloudflare-semantics.md`, "Fields and where they may be
/// read"): types, plans and add-ons from each field's entry, the contexts from the phases each may be read in.
/// `rateLimitPlan` follows the rate-limiting availability table there: path and verified-bot fields on every plan,
/// host/URI/query from Pro, method/IP/user agent from Business, response code and headers in counting expressions
/// from Business, everything else Enterprise.
public enum FieldCatalogue {
    /// All fields in declaration order.
    public static let all: [FieldDefinition] = {
        var builder = FieldListBuilder()
        builder.addURIFields()
        builder.addHeaderFields()
        builder.addBodyFields()
        builder.addGeolocationFields()
        builder.addBotFields()
        builder.addSecurityDetectionFields()
        builder.addConnectionFields()
        builder.addMutualTLSFields()
        builder.addJWTFields()
        builder.addResponseFields()
        builder.addFieldsOfOtherProducts()
        return builder.fields
    }()

    /// Fields by name.
    public static let byName: [String: FieldDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Fields Cloudflare documents whose types the checker cannot evaluate yet, with the reason; an expression
    /// naming one gets an error that says so rather than "unknown field".
    static let notModelled: [String: String] = [
        "http.request.jwt.claims.iat.sec": "its type, Map<Array<Int>>, is not modelled",
        "http.request.jwt.claims.nbf.sec": "its type, Map<Array<Int>>, is not modelled",
        "cf.llm.prompt.custom_topic_categories": "its type, Map<Int>, is not modelled",
    ]
}

extension FieldListBuilder {
    /// Method, URI and its parts, raw URI fields, timestamp and protocol version.
    mutating func addURIFields() {
        add(
            "http.host", .bytes, "Host of the request URI.", rateLimitPlan: .pro, inputs: .host, borrowed: .host,
            .bytes { $0.request.host })
        add(
            "http.request.method", .bytes, "Request method in uppercase, e.g. GET.", rateLimitPlan: .business,
            inputs: .method, borrowed: .method, .bytes { $0.request.method })
        add(
            "http.request.uri", .bytes, "Normalised path and query, e.g. /articles/index?section=5.",
            rateLimitPlan: .pro, inputs: [.path, .query], .bytes { $0.uri })
        add(
            "http.request.uri.path", .bytes, "Path after URL normalisation.", rateLimitPlan: .free, inputs: .path,
            borrowed: .normalizedPath, .bytes { $0.normalizedPath })
        add(
            "http.request.uri.path.extension", .bytes, "Lowercased extension of the last path segment, or empty.",
            rateLimitPlan: .free, inputs: .path, borrowed: .pathExtension, .bytes { $0.pathExtension })
        add(
            "http.request.uri.query", .bytes, "Query string without `?`, undecoded.", rateLimitPlan: .pro,
            inputs: .query, borrowed: .query, .bytes { $0.request.query })
        add(
            "http.request.full_uri", .bytes, "scheme://host followed by the normalised URI.", rateLimitPlan: .pro,
            inputs: [.host, .path], .bytes { $0.fullURI })
        add(
            "http.request.uri.args", Self.stringMap, "Query arguments by name; repeated names keep order; undecoded.",
            inputs: .query, .map { $0.args })
        add(
            "http.request.uri.args.names", Self.stringArray, "Query argument names in order.", inputs: .query,
            .bytesArray { $0.argNames })
        add(
            "http.request.uri.args.values", Self.stringArray, "Query argument values in order.", inputs: .query,
            .bytesArray { $0.argValues })
        add(
            "raw.http.request.uri", .bytes, "Original path and query before normalisation.", rateLimitPlan: .pro,
            inputs: [.path, .query], .bytes { $0.rawURI })
        add(
            "raw.http.request.uri.path", .bytes, "Original path before normalisation.", rateLimitPlan: .free,
            inputs: .path, borrowed: .rawPath, .bytes { $0.request.path })
        add(
            "raw.http.request.uri.path.extension", .bytes, "Extension of the original path.", rateLimitPlan: .free,
            inputs: .path, .bytes { $0.rawPathExtension })
        add(
            "raw.http.request.uri.query", .bytes, "Original query string.", rateLimitPlan: .pro, inputs: .query,
            borrowed: .query, .bytes { $0.request.query })
        add(
            "raw.http.request.full_uri", .bytes, "Original full URI.", rateLimitPlan: .pro, inputs: [.host, .path],
            .bytes { $0.rawFullURI })
        add("raw.http.request.uri.args", Self.stringMap, "Original query arguments.", inputs: .query, .map { $0.args })
        add(
            "raw.http.request.uri.args.names", Self.stringArray, "Original query argument names.", inputs: .query,
            .bytesArray { $0.argNames })
        add(
            "raw.http.request.uri.args.values", Self.stringArray, "Original query argument values.", inputs: .query,
            .bytesArray { $0.argValues })
        add(
            "http.request.version", .bytes, "Protocol version, e.g. HTTP/1.1.", inputs: .version, borrowed: .version,
            .bytes { $0.request.version })
        add(
            "http.request.timestamp.sec", .int, "Arrival time in Unix seconds.", inputs: .timestamp,
            .int { $0.request.timestampMilliseconds / 1000 })
        add(
            "http.request.timestamp.msec", .int, "Millisecond part (0–999) of the arrival time.", inputs: .timestamp,
            .int { ($0.request.timestampMilliseconds % 1000 + 1000) % 1000 })
    }

    /// Request headers, whole and by name.
    mutating func addHeaderFields() {
        add(
            "http.user_agent", .bytes, "User-Agent header, empty when absent.", rateLimitPlan: .business,
            inputs: .userAgent, borrowed: .userAgent, .bytes { $0.userAgent })
        add("http.referer", .bytes, "Referer header, empty when absent.", inputs: .referer, .bytes { $0.referer })
        add("http.cookie", .bytes, "Entire Cookie header, empty when absent.", inputs: .cookie, .bytes { $0.cookie })
        add(
            "http.x_forwarded_for", .bytes, "Entire X-Forwarded-For header, empty when absent.", inputs: .headers,
            .bytes { $0.forwardedFor })
        add(
            "http.request.cookies", Self.stringMap, "Cookie values by URL-decoded name.", plan: .pro, inputs: .cookie,
            .map { $0.cookieMap })
        add(
            "http.request.headers", Self.stringMap, "Header values keyed by lowercased header name.", inputs: .headers,
            .map { $0.headerMap })
        add(
            "http.request.headers.names", Self.stringArray, "Header names in the case sent, in order.",
            inputs: .headers, .bytesArray { $0.headerNames })
        add(
            "http.request.headers.values", Self.stringArray, "Header values in order, parallel to the names.",
            inputs: .headers, .bytesArray { $0.headerValues })
        add(
            "http.request.headers.truncated", .bool, "Whether the header list was cut short (never, in the model).",
            inputs: .headers, .bool { _ in false })
    }

    /// The request body: the first 128 KB the body fields read, its whole size, and a URL-encoded form's fields.
    mutating func addBodyFields() {
        add(
            "http.request.body.raw", .bytes, "The request body, up to 128 KB, undecoded.", plan: .enterprise,
            inputs: .body, .bytes { $0.bodyRaw })
        add(
            "http.request.body.size", .int, "Size of the whole request body in bytes.", plan: .enterprise,
            inputs: .body, .int { $0.bodySize })
        add(
            "http.request.body.truncated", .bool, "Whether the body is longer than the 128 KB the body fields read.",
            plan: .enterprise, inputs: .body, .bool { $0.bodyTruncated })
        add(
            "http.request.body.form", Self.stringMap, "Fields of a URL-encoded form body by name; undecoded.",
            plan: .enterprise, inputs: .body, .map { $0.bodyForm })
        add(
            "http.request.body.form.names", Self.stringArray, "Form field names in order.", plan: .enterprise,
            inputs: .body, .bytesArray { $0.bodyFormNames })
        add(
            "http.request.body.form.values", Self.stringArray, "Form field values in order.", plan: .enterprise,
            inputs: .body, .bytesArray { $0.bodyFormValues })
        add(
            "http.request.body.mime", .bytes, "Media type detected from the body's first bytes.", inputs: .body,
            .bytes { $0.bodyMime })
    }
}
