import EdgeCore

/// Whether matching requests may be cached.
public enum CacheMode: String, CaseIterable, Sendable {
    /// Eligible for cache.
    case eligible
    /// Bypass the cache.
    case bypass
}

/// How the edge TTL is chosen.
public enum EdgeTTLMode: String, CaseIterable, Sendable {
    /// Use the origin's Cache-Control, else the default TTL.
    case respect_origin
    /// Ignore the origin and use the default TTL.
    case override_origin
    /// Cache only when the origin sends cache headers.
    case bypass_by_default
}

/// How the browser TTL is chosen.
public enum BrowserTTLMode: String, CaseIterable, Sendable {
    /// Pass the origin's headers through.
    case respect_origin
    /// Send the default TTL.
    case override_origin
    /// Tell browsers not to cache.
    case bypass
}

/// A TTL for responses with particular status codes.
public struct StatusCodeTTLSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A TTL for one status code or a range of them."
    /// One status code.
    public var code: Int?
    /// First code of a range.
    public var from: Int?
    /// Last code of a range.
    public var to: Int?
    /// The TTL; absent when `no_store` is set.
    public var ttl: EdgeDuration?
    /// Do not cache responses with these codes.
    public var noStore: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> StatusCodeTTLSpec {
        StatusCodeTTLSpec(
            code: r.optional("code", .int(100...599), "One status code."),
            from: r.optional("from", .int(100...599), "First status code of a range."),
            to: r.optional("to", .int(100...599), "Last status code of a range."),
            ttl: r.optional("ttl", .duration(), "Edge TTL for these codes."),
            noStore: r.optional("no_store", .boolean, default: false, "Never cache these codes."),
            ranges: r.ranges)
    }
}

/// Edge TTL settings.
public struct EdgeTTLSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Edge TTL: a duration (override the origin) or a mapping with a mode."
    /// How the TTL is chosen.
    public var mode: EdgeTTLMode
    /// The default TTL.
    public var defaultTTL: EdgeDuration?
    /// Per-status TTLs.
    public var statusCodes: [StatusCodeTTLSpec]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> EdgeTTLSpec {
        EdgeTTLSpec(
            mode: r.optional(
                "mode", .enumeration, default: .override_origin, "respect_origin, override_origin or bypass_by_default."
            ),
            defaultTTL: r.optional("default", .duration(), "Default edge TTL."),
            statusCodes: r.optional(
                "status_codes", .array(ObjectReader.object(StatusCodeTTLSpec.self, name: "status code TTL")),
                default: [], "TTLs by status code."),
            ranges: r.ranges)
    }

    /// `edge_ttl: 7d` shorthand: override the origin with this TTL.
    static var field: FieldType<EdgeTTLSpec> {
        .either(
            scalar: FieldType<EdgeDuration>.duration().map(placeholder: { EdgeTTLSpec.read(.describingPlaceholder) }) {
                ttl in
                EdgeTTLSpec(
                    mode: .override_origin, defaultTTL: ttl, statusCodes: [], ranges: NodeRanges(placeholderIn: ""))
            },
            mapping: ObjectReader.object(EdgeTTLSpec.self, name: "edge_ttl"))
    }
}

/// Browser TTL settings.
public struct BrowserTTLSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Browser TTL: a duration (override) or a mapping with a mode."
    /// How the TTL is chosen.
    public var mode: BrowserTTLMode
    /// The TTL sent when overriding.
    public var defaultTTL: EdgeDuration?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> BrowserTTLSpec {
        BrowserTTLSpec(
            mode: r.optional(
                "mode", .enumeration, default: .override_origin, "respect_origin, override_origin or bypass."),
            defaultTTL: r.optional("default", .duration(), "Browser TTL when overriding."),
            ranges: r.ranges)
    }

    /// `browser_ttl: 1h` shorthand.
    static var field: FieldType<BrowserTTLSpec> {
        .either(
            scalar: FieldType<EdgeDuration>.duration().map(placeholder: { BrowserTTLSpec.read(.describingPlaceholder) })
            { ttl in
                BrowserTTLSpec(mode: .override_origin, defaultTTL: ttl, ranges: NodeRanges(placeholderIn: ""))
            },
            mapping: ObjectReader.object(BrowserTTLSpec.self, name: "browser_ttl"))
    }
}

/// Which query-string parameters are part of the cache key.
public struct QueryStringKeySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Query-string handling in the cache key: include only, exclude, or ignore all."
    /// Only these parameters are part of the key.
    public var include: [String]?
    /// These parameters are left out of the key.
    public var exclude: [String]?
    /// Leave the whole query string out of the key.
    public var ignore: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> QueryStringKeySpec {
        QueryStringKeySpec(
            include: r.optional("include", .array(.string), "Only these parameters are in the key."),
            exclude: r.optional("exclude", .array(.string), "These parameters are left out of the key."),
            ignore: r.optional("ignore", .boolean, default: false, "Leave the whole query string out of the key."),
            ranges: r.ranges)
    }
}

/// Cache key settings.
public struct CacheKeySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Cache key settings."
    /// Query-string handling.
    public var queryString: QueryStringKeySpec?
    /// Sort query parameters before keying.
    public var ignoreQueryStringOrder: Bool
    /// Key by the resolved host rather than the request host.
    public var includeHost: Bool
    /// Cache Deception Armor.
    public var cacheDeceptionArmor: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CacheKeySpec {
        CacheKeySpec(
            queryString: r.optional(
                "query_string", ObjectReader.object(QueryStringKeySpec.self, name: "query_string"),
                "Query-string handling."),
            ignoreQueryStringOrder: r.optional(
                "ignore_query_string_order", .boolean, default: false, "Sort query parameters before keying."),
            includeHost: r.optional("include_host", .boolean, default: true, "Include the host in the key."),
            cacheDeceptionArmor: r.optional(
                "cache_deception_armor", .boolean, default: false, "Cache Deception Armor."),
            ranges: r.ranges)
    }
}

/// One cache rule (phase http_request_cache_settings); rules stack and the last match wins per setting.
public struct CacheRuleSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "A cache rule (phase http_request_cache_settings)."
    /// Stable id.
    public var id: LocatedText
    /// What the rule is for.
    public var description: String?
    /// Which requests the rule applies to.
    public var when: LocatedText
    /// Eligible for cache or bypass.
    public var mode: CacheMode
    /// Edge TTL.
    public var edgeTTL: EdgeTTLSpec?
    /// Browser TTL.
    public var browserTTL: BrowserTTLSpec?
    /// Cache key.
    public var cacheKey: CacheKeySpec?
    /// Serve stale content while revalidating (true is Cloudflare's default).
    public var serveStale: Bool
    /// Respect strong ETags.
    public var respectStrongETags: Bool
    /// Whether the rule is enabled.
    public var enabled: Bool
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CacheRuleSpec {
        CacheRuleSpec(
            id: r.required("id", .ruleID, "Stable rule id."),
            description: r.optional("description", .string, "What the rule is for."),
            when: r.required("when", .expression, "Expression selecting the requests."),
            mode: r.optional("mode", .enumeration, default: .eligible, "eligible (cache) or bypass."),
            edgeTTL: r.optional(
                "edge_ttl", EdgeTTLSpec.field, "Edge TTL: a duration or {mode, default, status_codes}."),
            browserTTL: r.optional("browser_ttl", BrowserTTLSpec.field, "Browser TTL: a duration or {mode, default}."),
            cacheKey: r.optional(
                "cache_key", ObjectReader.object(CacheKeySpec.self, name: "cache_key"), "Cache key settings."),
            serveStale: r.optional("serve_stale", .boolean, default: true, "Serve stale content while updating."),
            respectStrongETags: r.optional("respect_strong_etags", .boolean, default: false, "Respect strong ETags."),
            enabled: r.optional("enabled", .boolean, default: true, "Whether the rule is enabled."),
            ranges: r.ranges)
    }
}
