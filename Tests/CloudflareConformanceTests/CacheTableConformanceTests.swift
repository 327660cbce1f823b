import EdgeCore
import EdgeModel
import EdgeWire
import Testing

/// Cloudflare's cache tables: Origin Cache Control's directives and conditions, `Set-Cookie` against the cache level,
/// the default edge TTLs by status code and the cache rules' edge TTL modes and status-code TTLs
/// (`docs/cloudflare-semantics.md`, "Origin Cache Control", "Default cache behaviour", "Cache rules";
/// `docs/decisions/0015-cache-tables-where-cloudflare-is-silent.md`).
///
/// Origin Cache Control is always on in the model, as on Free, Pro and Business: the spec cannot turn it off (the
/// Enterprise-only `origin_cache_control` setting is not in it), so each directive row records the page's "disabled"
/// column and asserts the "enabled" one. Not simulated, and so not asserted: `no-cache=<headers>` (the model
/// revalidates every time, whatever headers the response carries), which header values `private=<headers>` keeps out
/// of the stored copy, `no-transform` (the model transforms no body), and the `Cache-Control` text sent to browsers
/// (whether `private` is preserved); the model reports the browser TTL only.
@Suite("Cache table conformance")
struct CacheTableConformanceTests {
    static let directivesTable = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/concepts/cache-control/",
        part: "Origin Cache Control behavior › Directives", read: "2026-12-02")
    static let conditionsTable = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/concepts/cache-control/",
        part: "Origin Cache Control behavior › Conditions", read: "2026-12-02")
    static let setCookiePage = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/concepts/cache-behavior/",
        part: "Interaction of Set-Cookie response header with Cache", read: "2026-12-02")
    static let defaultTTLTable = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/configure-cache-status-code/",
        part: "Edge TTL: default TTL by HTTP status code", read: "2026-12-02")
    static let edgeTTLModes = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/cache-rules/settings/",
        part: "Eligible for cache settings › Edge TTL: the three options and their API values", read: "2026-12-02")
    static let statusCodeTTLExample = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/configure-cache-status-code/",
        part:
            "Set cache TTL by response status via the API (to 299: 86400; 300-499: no-cache; 500-: no-store)",
        read: "2026-12-02")
    static let statusCode304 = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/configure-cache-status-code/",
        part: "TTL handling for 304 and 200 status codes", read: "2026-12-02")

    /// What the edge does with one origin response, observed over several requests for the same file.
    enum Stored: Sendable, CustomStringConvertible {
        /// Never stored: every request goes to the origin; the fetch reports `reported` when the page names it.
        case notStored(reported: CacheStatus?)
        /// Stored, but every later request is revalidated at the origin (`REVALIDATED`); the first fetch reports
        /// `firstReported` when the page names it; `servesStale` when the page says whether a failing origin gets the
        /// stored copy served.
        case revalidatedEveryTime(firstReported: CacheStatus?, servesStale: Bool?)
        /// Stored and served as a `HIT` for `seconds`; `servesStale` when the page says whether a failing origin gets
        /// the expired copy served.
        case fresh(seconds: Int64, servesStale: Bool?)

        var description: String {
            switch self {
            case .notStored(let status): "not stored, \(status.map { "\($0)" } ?? "any status")"
            case .revalidatedEveryTime(let status, let stale):
                "stored, revalidated every time, first \(status.map { "\($0)" } ?? "any status"), "
                    + "stale \(String(describing: stale))"
            case .fresh(let seconds, let stale): "fresh for \(seconds) s, stale \(String(describing: stale))"
            }
        }
    }

    /// One row of a table: the origin's answer (and request headers, cache rules) and what Cloudflare does with it.
    struct Row: Sendable, CustomStringConvertible {
        let source: CloudflareSource
        let condition: String
        var path = "/logo.png"
        var status = 200
        var cacheControl: String?
        var expires: String?
        var setCookie = false
        var requestHeaders: [String] = []
        var eligible = false
        var edgeTTL: EdgeTTLSetting?
        let expected: Stored

        var description: String {
            "\(condition): \(path) \(status), Cache-Control \(cacheControl ?? "none")"
                + (setCookie ? ", Set-Cookie" : "") + (eligible ? ", eligible by rule" : "")
                + (edgeTTL.map { ", edge TTL \($0.mode.rawValue)" } ?? "") + " → \(expected)"
        }
    }

    // MARK: Origin Cache Control

    static let directiveRows: [Row] = [
        // Disabled: will not cache. Enabled: caches and always revalidates.
        Row(
            source: directivesTable, condition: "s-maxage=0", cacheControl: "s-maxage=0",
            expected: .revalidatedEveryTime(firstReported: nil, servesStale: nil)),
        Row(
            source: directivesTable, condition: "max-age=0", cacheControl: "max-age=0",
            expected: .revalidatedEveryTime(firstReported: nil, servesStale: nil)),
        // Disabled: will not cache. Enabled: caches and always revalidates, does not serve stale; logs say bypass
        // (Conditions: "Use of no-cache header").
        Row(
            source: directivesTable, condition: "no-cache", cacheControl: "no-cache",
            expected: .revalidatedEveryTime(firstReported: .bypass, servesStale: false)),
        // Disabled: will not cache. Enabled: does not cache the named headers' values (the response is stored).
        Row(
            source: directivesTable, condition: "Private=<headers>",
            cacheControl: "private=\"Set-Cookie\", max-age=600",
            expected: .fresh(seconds: 600, servesStale: nil)),
        // Disabled: ignored, stale is served. Enabled: does not serve stale.
        Row(
            source: directivesTable, condition: "must-revalidate", cacheControl: "max-age=600, must-revalidate",
            expected: .fresh(seconds: 600, servesStale: false)),
        Row(
            source: directivesTable, condition: "proxy-revalidate", cacheControl: "max-age=600, proxy-revalidate",
            expected: .fresh(seconds: 600, servesStale: false)),
        // Disabled: same as max-age. Enabled: max-age and proxy-revalidate.
        Row(
            source: directivesTable, condition: "s-maxage=delta, delta>1", cacheControl: "s-maxage=600",
            expected: .fresh(seconds: 600, servesStale: false)),
        Row(
            source: directivesTable, condition: "s-maxage=delta, delta>1", cacheControl: "max-age=60, s-maxage=600",
            expected: .fresh(seconds: 600, servesStale: false)),
        // Disabled: not proxied downstream. Enabled: browser facing, does not impact caching proxies.
        Row(
            source: directivesTable, condition: "immutable", cacheControl: "max-age=600, immutable",
            expected: .fresh(seconds: 600, servesStale: true)),
        // Disabled and enabled: will not cache.
        Row(
            source: directivesTable, condition: "no-store", cacheControl: "no-store",
            expected: .notStored(reported: nil)),
        Row(
            source: directivesTable, condition: "no-store", cacheControl: "public, max-age=600, no-store",
            expected: .notStored(reported: nil)),
    ]

    static let conditionRows: [Row] = [
        // Authorization. Disabled: may be cached. Enabled: cached only with must-revalidate, public or s-maxage.
        Row(
            source: conditionsTable, condition: "Authorization", cacheControl: "max-age=600",
            requestHeaders: ["Authorization"], expected: .notStored(reported: nil)),
        Row(
            source: conditionsTable, condition: "Authorization", cacheControl: "public, max-age=600",
            requestHeaders: ["Authorization"], expected: .fresh(seconds: 600, servesStale: nil)),
        Row(
            source: conditionsTable, condition: "Authorization", cacheControl: "max-age=600, must-revalidate",
            requestHeaders: ["Authorization"], expected: .fresh(seconds: 600, servesStale: false)),
        Row(
            source: conditionsTable, condition: "Authorization", cacheControl: "s-maxage=600",
            requestHeaders: ["Authorization"], expected: .fresh(seconds: 600, servesStale: nil)),
        // Set-Cookie and the default cache level. Disabled: cached, Set-Cookie stripped. Enabled: not cached.
        Row(
            source: conditionsTable, condition: "Set-Cookie, default cache level", cacheControl: "public, max-age=600",
            setCookie: true, expected: .notStored(reported: nil)),
    ]

    @Test(arguments: directiveRows + conditionRows)
    func originCacheControlFollowsTheTables(_ row: Row) throws {
        try Self.check(row)
    }

    // MARK: Set-Cookie and the cache level

    static let setCookieRows: [Row] = [
        // "For non-cacheable requests, Set-Cookie is always preserved": not a cached extension, no rule.
        Row(
            source: setCookiePage, condition: "non-cacheable request", path: "/account", cacheControl: "max-age=600",
            setCookie: true, expected: .notStored(reported: .dynamic)),
        // Default cache level, Origin Cache Control enabled: not cached, BYPASS.
        Row(
            source: setCookiePage, condition: "default cache level", cacheControl: "max-age=600", setCookie: true,
            expected: .notStored(reported: .bypass)),
        Row(
            source: setCookiePage, condition: "default cache level", setCookie: true,
            expected: .notStored(reported: .bypass)),
        // Eligible for cache: Set-Cookie preserved, not cached, MISS every time.
        Row(
            source: setCookiePage, condition: "Eligible for cache", path: "/account", cacheControl: "max-age=600",
            setCookie: true, eligible: true, expected: .notStored(reported: .miss)),
        Row(
            source: setCookiePage, condition: "Eligible for cache, respecting the origin", cacheControl: "max-age=600",
            setCookie: true, eligible: true, edgeTTL: EdgeTTLSetting(mode: .respectOrigin),
            expected: .notStored(reported: .miss)),
        // Eligible for cache with "Ignore cache-control header and use this TTL": Set-Cookie removed, cached.
        Row(
            source: setCookiePage, condition: "Eligible for cache, edge TTL override", path: "/account",
            cacheControl: "max-age=600", setCookie: true, eligible: true, edgeTTL: .override(hours(1)),
            expected: .fresh(seconds: 3600, servesStale: nil)),
        // …or "Status code TTL".
        Row(
            source: setCookiePage, condition: "Eligible for cache, status code TTL", path: "/account",
            cacheControl: "max-age=600", setCookie: true, eligible: true,
            edgeTTL: EdgeTTLSetting(
                mode: .respectOrigin,
                statusCodeTTLs: [StatusCodeTTL(codes: 200...200, value: .ttl(hours(1)))]),
            expected: .fresh(seconds: 3600, servesStale: nil)),
    ]

    @Test(arguments: setCookieRows)
    func setCookieFollowsTheCacheLevel(_ row: Row) throws {
        try Self.check(row)
    }

    // MARK: Default edge TTL by status code

    static let defaultTTLRows: [Row] =
        [(200, 120), (206, 120), (301, 120), (302, 20), (303, 20), (404, 3), (410, 3)].map { status, minutes in
            Row(
                source: defaultTTLTable, condition: "\(status): \(minutes)m", status: status,
                expected: .fresh(seconds: Int64(minutes) * 60, servesStale: nil))
        }
        // "All other status codes are not cached by default."
        + [201, 204, 300, 304, 307, 308, 400, 401, 403, 405, 418, 429, 451].map { status in
            Row(
                source: defaultTTLTable, condition: "\(status): other status codes", status: status,
                expected: .notStored(reported: nil))
        }

    @Test(arguments: defaultTTLRows)
    func defaultEdgeTTLFollowsTheStatusCode(_ row: Row) throws {
        try Self.check(row)
    }

    // MARK: Edge TTL modes and status-code TTLs

    static let edgeTTLRows: [Row] = [
        // respect_origin: the Cache-Control header if present, else the default edge TTLs.
        Row(
            source: edgeTTLModes, condition: "respect_origin, Cache-Control present", cacheControl: "max-age=600",
            eligible: true, edgeTTL: EdgeTTLSetting(mode: .respectOrigin),
            expected: .fresh(seconds: 600, servesStale: nil)),
        Row(
            source: edgeTTLModes, condition: "respect_origin, no Cache-Control", path: "/report", eligible: true,
            edgeTTL: EdgeTTLSetting(mode: .respectOrigin), expected: .fresh(seconds: 7200, servesStale: nil)),
        Row(
            source: edgeTTLModes, condition: "respect_origin, no Cache-Control", path: "/gone", status: 404,
            eligible: true, edgeTTL: EdgeTTLSetting(mode: .respectOrigin),
            expected: .fresh(seconds: 180, servesStale: nil)),
        // bypass_by_default: the Cache-Control header if present, else skip caching entirely.
        Row(
            source: edgeTTLModes, condition: "bypass_by_default, Cache-Control present", cacheControl: "max-age=600",
            eligible: true, edgeTTL: EdgeTTLSetting(mode: .bypassByDefault),
            expected: .fresh(seconds: 600, servesStale: nil)),
        Row(
            source: edgeTTLModes, condition: "bypass_by_default, no Cache-Control", eligible: true,
            edgeTTL: EdgeTTLSetting(mode: .bypassByDefault), expected: .notStored(reported: nil)),
        Row(
            source: edgeTTLModes, condition: "bypass_by_default, no Cache-Control (an Expires only)",
            expires: "Thu, 01 Jan 1970 01:00:00 GMT", eligible: true, edgeTTL: EdgeTTLSetting(mode: .bypassByDefault),
            expected: .notStored(reported: nil)),
        // override_origin: completely ignore any Cache-Control header and use the rule's TTL.
        Row(
            source: edgeTTLModes, condition: "override_origin", cacheControl: "max-age=600", eligible: true,
            edgeTTL: .override(hours(24)), expected: .fresh(seconds: 86_400, servesStale: nil)),
        Row(
            source: edgeTTLModes, condition: "override_origin", path: "/report", cacheControl: "no-cache",
            eligible: true, edgeTTL: .override(hours(1)), expected: .fresh(seconds: 3600, servesStale: nil)),
        Row(
            source: edgeTTLModes, condition: "override_origin", cacheControl: "private, no-store", eligible: true,
            edgeTTL: .override(hours(1)), expected: .fresh(seconds: 3600, servesStale: nil)),
        // Status code TTLs ignore the Cache-Control header, like override_origin (the page's API example).
        Row(
            source: statusCodeTTLExample, condition: "to 299: 86400", cacheControl: "max-age=60", eligible: true,
            edgeTTL: apiExample, expected: .fresh(seconds: 86_400, servesStale: nil)),
        Row(
            source: statusCodeTTLExample, condition: "to 299: 86400", status: 203, cacheControl: "no-store",
            eligible: true, edgeTTL: apiExample, expected: .fresh(seconds: 86_400, servesStale: nil)),
        Row(
            source: statusCodeTTLExample, condition: "300-499: no-cache", status: 404, cacheControl: "max-age=3600",
            eligible: true, edgeTTL: apiExample, expected: .revalidatedEveryTime(firstReported: nil, servesStale: nil)),
        Row(
            source: statusCodeTTLExample, condition: "300-499: no-cache", status: 301, eligible: true,
            edgeTTL: apiExample, expected: .revalidatedEveryTime(firstReported: nil, servesStale: nil)),
        Row(
            source: statusCodeTTLExample, condition: "500-: no-store", status: 500, cacheControl: "max-age=3600",
            eligible: true, edgeTTL: apiExample, expected: .notStored(reported: nil)),
        Row(
            source: statusCodeTTLExample, condition: "500-: no-store", status: 599, cacheControl: "max-age=3600",
            eligible: true, edgeTTL: apiExample, expected: .notStored(reported: nil)),
    ]

    /// The page's API example: `{to: 299}` 86400, `{from: 300, to: 499}` 0 (no-cache), `{from: 500}` -1 (no-store).
    /// The page allows status codes up to 999; the spec and the model stop at 599 ("Cache rules").
    static let apiExample = EdgeTTLSetting(
        mode: .respectOrigin,
        statusCodeTTLs: [
            StatusCodeTTL(codes: 100...299, value: .ttl(hours(24))),
            StatusCodeTTL(codes: 300...499, value: .ttl(EdgeDuration(milliseconds: 0))),
            StatusCodeTTL(codes: 500...599, value: .noStore),
        ])

    @Test(arguments: edgeTTLRows)
    func edgeTTLFollowsTheModes(_ row: Row) throws {
        try Self.check(row)
    }

    @Test func a304WithoutItsOwnTTLKeepsThe200TTL() throws {
        let ttl = EdgeTTLSetting(
            mode: .respectOrigin, statusCodeTTLs: [StatusCodeTTL(codes: 200...200, value: .ttl(Self.hours(1)))])
        let observed = try Self.revalidate(under: ttl)
        #expect(observed.revalidation == .revalidated, "\(Self.statusCode304)")
        #expect(observed.afterRevalidation == .hit, "\(Self.statusCode304): fresh for the 200's hour again")
        #expect(!observed.afterRevalidationContactedOrigin, "\(Self.statusCode304)")
    }

    @Test func a304WithItsOwnTTLSetsTheTTLAfterRevalidation() throws {
        // The page's example: one hour for 200, 0 seconds (cache and always revalidate) for 304.
        let ttl = EdgeTTLSetting(
            mode: .respectOrigin,
            statusCodeTTLs: [
                StatusCodeTTL(codes: 200...200, value: .ttl(Self.hours(1))),
                StatusCodeTTL(codes: 304...304, value: .ttl(EdgeDuration(milliseconds: 0))),
            ])
        let observed = try Self.revalidate(under: ttl)
        #expect(observed.revalidation == .revalidated, "\(Self.statusCode304)")
        #expect(observed.afterRevalidation == .revalidated, "\(Self.statusCode304): every request revalidates")
        #expect(observed.afterRevalidationContactedOrigin, "\(Self.statusCode304)")
    }

    // MARK: Running a row

    private static func hours(_ hours: Int64) -> EdgeDuration { EdgeDuration(milliseconds: hours * 3_600_000) }

    private static let failingOrigin = RecordedResponse(status: 503)

    /// Replays requests for the row's file and checks what the edge did against `row.expected`.
    private static func check(_ row: Row) throws {
        let rules =
            row.eligible || row.edgeTTL != nil
            ? [try CacheConformance.rule("row", row.eligible ? .eligible : nil, edgeTTL: row.edgeTTL)] : []
        let edge = try Edge(configuration: EdgeConfiguration(cacheRules: rules))
        let response = RecordedResponse(
            status: row.status, cacheControl: row.cacheControl.map { Array($0.utf8) },
            expires: row.expires.map { Array($0.utf8) }, etag: Array("\"v1\"".utf8),
            setCookies: row.setCookie ? [Array("session=abc".utf8)] : [])
        let headers = row.requestHeaders.map { ($0, "Bearer token") }
        func process(at seconds: Int64, plus milliseconds: Int64 = 0, _ answer: RecordedResponse) -> Decision {
            edge.process(
                CacheConformance.request(
                    row.path, at: seconds * 1000 + milliseconds, headers: headers, response: answer))
        }
        let context = "\(row.source): \(row)"
        switch row.expected {
        case .notStored(let reported):
            for time: Int64 in [0, 1] {
                let decision = process(at: time, response)
                #expect(decision.originContacted, "\(context): request \(time)")
                #expect(![.hit, .revalidated, .updating, .stale].contains(decision.cacheStatus), "\(context)")
                if let reported { #expect(decision.cacheStatus == reported, "\(context): request \(time)") }
            }
        case .revalidatedEveryTime(let firstReported, let servesStale):
            let first = process(at: 0, response)
            if let firstReported { #expect(first.cacheStatus == firstReported, "\(context): first request") }
            #expect(first.cacheStatus != .dynamic, "\(context): first request")
            for time: Int64 in [1, 2] {
                let decision = process(at: time, response)
                #expect(decision.cacheStatus == .revalidated, "\(context): request \(time)")
                #expect(decision.originContacted, "\(context): request \(time)")
            }
            if let servesStale {
                let failing = process(at: 3, failingOrigin)
                #expect((failing.cacheStatus == .stale) == servesStale, "\(context): failing origin")
            }
        case .fresh(let seconds, let servesStale):
            let first = process(at: 0, response)
            #expect(first.cacheStatus == .miss, "\(context): first request")
            let last = process(at: seconds, plus: -1, response)
            #expect(last.cacheStatus == .hit, "\(context): the last millisecond of \(seconds) s")
            #expect(!last.originContacted, "\(context)")
            if let servesStale {
                let failing = process(at: seconds, plus: 1, failingOrigin)
                #expect(failing.originContacted, "\(context): expired")
                #expect((failing.cacheStatus == .stale) == servesStale, "\(context): failing origin")
            } else {
                let expired = process(at: seconds, plus: 1, response)
                #expect(expired.originContacted, "\(context): expired")
            }
        }
    }

    /// What the edge did around one revalidation that the origin answered 304.
    private struct Revalidation {
        let revalidation: CacheStatus
        let afterRevalidation: CacheStatus
        let afterRevalidationContactedOrigin: Bool
    }

    /// A 200 stored for an hour under `ttl`, revalidated with a 304 after it expires, then requested once more.
    private static func revalidate(under ttl: EdgeTTLSetting) throws -> Revalidation {
        let edge = try Edge(
            configuration: EdgeConfiguration(cacheRules: [try CacheConformance.rule("ttl", .eligible, edgeTTL: ttl)]))
        let etag = Array("\"v1\"".utf8)
        let file = RecordedResponse(status: 200, etag: etag)
        let notModified = RecordedResponse(status: 304, etag: etag)
        let hour: Int64 = 3_600_000
        let first = edge.process(CacheConformance.request("/report", at: 0, response: file))
        #expect(first.cacheStatus == .miss)
        let revalidation = edge.process(CacheConformance.request("/report", at: hour + 1, response: notModified))
        // A minute later, once the revalidation has finished.
        let after = edge.process(CacheConformance.request("/report", at: hour + 60_001, response: notModified))
        return Revalidation(
            revalidation: revalidation.cacheStatus, afterRevalidation: after.cacheStatus,
            afterRevalidationContactedOrigin: after.originContacted)
    }
}
