import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

/// Cloudflare's worked examples and tables for the cache: browser TTL, range requests and `Vary`
/// (`docs/cloudflare-semantics.md`, "Browser cache TTL", "Range requests", "Vary").
@Suite("Cache conformance")
struct CacheConformanceTests {
    static let browserTTLPage = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/set-browser-ttl/",
        part: "Set Browser Cache TTL: overridden only when the origin's value is lower or absent", read: "2026-12-02")
    static let browserTTLDefault = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/",
        part: "Browser Cache TTL: the two override conditions; default Browser Cache TTL 4 hours", read: "2026-12-02")

    /// One row of the browser TTL table: the rule's setting, what the origin sends, what the client is told.
    struct BrowserTTLRow: Sendable, CustomStringConvertible {
        let source: CloudflareSource
        let setting: BrowserTTLSetting?
        let cacheControl: String?
        let expires: String?
        let expected: Int64?

        var description: String {
            "\(setting.map { "\($0.mode.rawValue) \($0.ttl?.milliseconds ?? -1) ms" } ?? "no rule"), "
                + "Cache-Control \(cacheControl ?? "none"), Expires \(expires ?? "none") → "
                + (expected.map(String.init) ?? "nil")
        }
    }

    static let browserTTLRows: [BrowserTTLRow] = [
        // Override: the rule wins over a lower origin max-age…
        BrowserTTLRow(
            source: browserTTLPage, setting: override(hours: 2), cacheControl: "max-age=3600", expires: nil,
            expected: 7200),
        // …but a higher origin max-age is kept: browsers may cache longer than the rule, not shorter.
        BrowserTTLRow(
            source: browserTTLPage, setting: override(hours: 1), cacheControl: "public, max-age=86400", expires: nil,
            expected: 86_400),
        // No Cache-Control and no Expires: the rule's TTL is inserted.
        BrowserTTLRow(
            source: browserTTLPage, setting: override(hours: 1), cacheControl: nil, expires: nil, expected: 3600),
        // Expires counts like max-age (the response is received at 00:00:00 GMT).
        BrowserTTLRow(
            source: browserTTLDefault, setting: override(hours: 2), cacheControl: nil,
            expires: "Thu, 01 Jan 1970 03:00:00 GMT", expected: 10_800),
        BrowserTTLRow(
            source: browserTTLDefault, setting: override(hours: 2), cacheControl: nil,
            expires: "Thu, 01 Jan 1970 01:00:00 GMT", expected: 7200),
        // Respect Existing Headers: nothing is overridden or inserted.
        BrowserTTLRow(
            source: browserTTLPage, setting: BrowserTTLSetting(mode: .respectOrigin), cacheControl: "max-age=60",
            expires: nil, expected: 60),
        BrowserTTLRow(
            source: browserTTLPage, setting: BrowserTTLSetting(mode: .respectOrigin), cacheControl: nil, expires: nil,
            expected: nil),
        // No rule: the zone's default Browser Cache TTL of 4 hours, with the same two conditions.
        BrowserTTLRow(source: browserTTLDefault, setting: nil, cacheControl: nil, expires: nil, expected: 14_400),
        BrowserTTLRow(
            source: browserTTLDefault, setting: nil, cacheControl: "max-age=60", expires: nil, expected: 14_400),
        BrowserTTLRow(
            source: browserTTLDefault, setting: nil, cacheControl: "max-age=86400", expires: nil, expected: 86_400),
    ]

    private static func override(hours: Int64) -> BrowserTTLSetting {
        BrowserTTLSetting(mode: .overrideOrigin, ttl: EdgeDuration(milliseconds: hours * 3_600_000))
    }

    @Test(arguments: browserTTLRows)
    func browserTTLFollowsTheTable(_ row: BrowserTTLRow) throws {
        let rules = try row.setting.map { [try CacheConformance.rule("browser", browserTTL: $0)] } ?? []
        let edge = try Edge(configuration: EdgeConfiguration(cacheRules: rules))
        let response = RecordedResponse(
            status: 200, cacheControl: row.cacheControl.map { Array($0.utf8) },
            expires: row.expires.map { Array($0.utf8) })
        let miss = edge.process(CacheConformance.request("/logo.png", at: 0, response: response))
        #expect(miss.cacheStatus == .miss, "\(row.source)")
        #expect(miss.browserTTLSeconds == row.expected, "\(row.source): on the fetch")
        let hit = edge.process(CacheConformance.request("/logo.png", at: 0, response: response))
        #expect(hit.cacheStatus == .hit, "\(row.source)")
        #expect(hit.browserTTLSeconds == row.expected, "\(row.source): from cache")
    }

    static let rangePage = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/reference/range-requests/",
        part: "Client response behavior", read: "2026-12-02")

    /// One `Range` header against a cached 1,000-byte file: the status and body bytes the client gets.
    struct RangeRow: Sendable, CustomStringConvertible {
        let part: String
        let range: String?
        let status: Int
        let bytes: Int64

        var description: String { "\(part): Range \(range ?? "none") → \(status), \(bytes) bytes" }
    }

    static let rangeRows: [RangeRow] = [
        RangeRow(part: "Requests without Range", range: nil, status: 200, bytes: 1000),
        RangeRow(part: "One valid range", range: "bytes=100-199", status: 206, bytes: 100),
        RangeRow(part: "One valid range", range: "bytes=100-", status: 206, bytes: 900),
        RangeRow(part: "One valid range", range: "bytes=-100", status: 206, bytes: 100),
        RangeRow(
            part: "One valid range: an end past the file is shortened", range: "bytes=900-5000", status: 206, bytes: 100
        ),
        RangeRow(
            part: "One valid range: a suffix larger than the file", range: "bytes=-5000", status: 206, bytes: 1000),
        RangeRow(part: "Unsatisfiable ranges: empty", range: "bytes=", status: 416, bytes: 0),
        RangeRow(part: "Unsatisfiable ranges: zero-length suffix", range: "bytes=-0", status: 416, bytes: 0),
        RangeRow(part: "Unsatisfiable ranges: inverted bounds", range: "bytes=200-100", status: 416, bytes: 0),
        RangeRow(part: "Unsatisfiable ranges: starts at the end", range: "bytes=1000-", status: 416, bytes: 0),
        RangeRow(part: "Ignored Range headers: unit not bytes", range: "items=0-10", status: 200, bytes: 1000),
        RangeRow(part: "Ignored Range headers: unparsable", range: "bytes=ten-twenty", status: 200, bytes: 1000),
        RangeRow(
            part: "Ignored Range headers: number too large", range: "bytes=99999999999999999999-", status: 200,
            bytes: 1000),
        RangeRow(
            part: "Ignored Range headers: exactly 300 ranges from a complete file",
            range: "bytes=" + (0..<300).map { "\($0 * 2)-\($0 * 2)" }.joined(separator: ","), status: 200, bytes: 1000),
        RangeRow(part: "Multiple ranges", range: "bytes=0-9, 20-29", status: 206, bytes: 20),
        RangeRow(
            part: "Multiple ranges: one remaining satisfiable range", range: "bytes=0-9,5000-6000", status: 206,
            bytes: 10),
        RangeRow(
            part: "Unsatisfiable ranges: complete file, out of order", range: "bytes=20-29,0-9", status: 200,
            bytes: 1000),
        RangeRow(
            part: "Unsatisfiable ranges: complete file, overlapping", range: "bytes=0-9,5-14", status: 200,
            bytes: 1000),
    ]

    @Test(arguments: rangeRows)
    func rangeRequestsFollowThePage(_ row: RangeRow) throws {
        let edge = try Edge(configuration: EdgeConfiguration())
        let file = RecordedResponse(status: 200, cacheControl: Array("max-age=3600".utf8), bytes: 1000)
        let headers = row.range.map { [("Range", $0)] } ?? []
        let miss = edge.process(CacheConformance.request("/video.mp4", at: 0, headers: headers, response: file))
        let hit = edge.process(CacheConformance.request("/video.mp4", at: 1000, headers: headers, response: file))
        for (decision, cache) in [(miss, CacheStatus.miss), (hit, .hit)] {
            #expect(decision.cacheStatus == cache, "\(Self.rangePage): \(row)")
            #expect(decision.status == row.status, "\(Self.rangePage): \(row)")
            #expect(decision.bytes == row.bytes, "\(Self.rangePage): \(row)")
        }
    }

    @Test func aGETWithoutRangeAfterARangeRequestGetsTheCompleteFileAs200() throws {
        let source = CloudflareSource(
            page: Self.rangePage.page, part: "Requests without Range: the complete file as 200 OK", read: "2026-12-02")
        let edge = try Edge(configuration: EdgeConfiguration())
        // The origin answered the first client's range with a 206; the cache keeps the file, not the range.
        let partial = RecordedResponse(status: 206, cacheControl: Array("max-age=3600".utf8), bytes: 4096)
        let ranged = edge.process(
            CacheConformance.request("/video.mp4", at: 0, headers: [("Range", "bytes=0-1023")], response: partial))
        #expect(ranged.cacheStatus == .miss, "\(source)")
        #expect(ranged.status == 206, "\(source)")
        #expect(ranged.bytes == 1024, "\(source)")
        let whole = edge.process(CacheConformance.request("/video.mp4", at: 1000))
        #expect(whole.cacheStatus == .hit, "\(source)")
        #expect(whole.status == 200, "\(source)")
        #expect(whole.bytes == 4096, "\(source)")
        // Not through the cache (DYNAMIC): the origin's answer goes to the client as it came.
        let api = edge.process(
            CacheConformance.request("/v1/export", at: 2000, headers: [("Range", "bytes=0-9")], response: partial))
        #expect(api.cacheStatus == .dynamic, "\(source)")
        #expect(api.status == 206, "\(source)")
        #expect(api.bytes == 4096, "\(source)")
    }

    static let varyPage = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/concepts/vary/",
        part: "Note: a response containing Vary: * always bypasses cache", read: "2026-12-02")
    static let originCacheControlPage = CloudflareSource(
        page: "https://developers.cloudflare.com/cache/concepts/cache-control/",
        part: "Directives › Other: vary values are not considered, except Accept-Encoding and Vary for images",
        read: "2026-12-02")

    @Test(arguments: ["*", "Accept, *", " * "])
    func varyStarAlwaysBypasses(_ vary: String) throws {
        // Even a rule that overrides the origin's TTL does not make it cacheable.
        let override = try CacheConformance.rule(
            "long", .eligible,
            edgeTTL: EdgeTTLSetting(mode: .overrideOrigin, defaultTTL: EdgeDuration(milliseconds: 86_400_000)))
        for rules in [[], [override]] {
            let edge = try Edge(configuration: EdgeConfiguration(cacheRules: rules))
            let response = RecordedResponse(
                status: 200, cacheControl: Array("public, max-age=3600".utf8), vary: Array(vary.utf8))
            for time: Int64 in [0, 1000] {
                let decision = edge.process(CacheConformance.request("/logo.png", at: time, response: response))
                #expect(decision.cacheStatus == .bypass, "\(Self.varyPage): Vary \(vary), \(rules.count) rules")
                #expect(decision.originContacted, "\(Self.varyPage)")
            }
        }
    }

    @Test(arguments: ["Accept-Encoding", "Accept-Language", "Accept", "User-Agent, Accept-Encoding"])
    func otherVaryValuesAreNotConsidered(_ vary: String) throws {
        let edge = try Edge(configuration: EdgeConfiguration())
        let response = RecordedResponse(
            status: 200, cacheControl: Array("public, max-age=3600".utf8), vary: Array(vary.utf8))
        let english = edge.process(
            CacheConformance.request(
                "/logo.png", at: 0, headers: [("Accept-Language", "en"), ("Accept", "image/webp")], response: response))
        let french = edge.process(
            CacheConformance.request(
                "/logo.png", at: 1000, headers: [("Accept-Language", "fr"), ("Accept", "image/png")],
                response: response))
        #expect(english.cacheStatus == .miss, "\(Self.originCacheControlPage): Vary \(vary)")
        #expect(french.cacheStatus == .hit, "\(Self.originCacheControlPage): Vary \(vary) shares one copy")
    }
}

/// Builders for the cache conformance cases.
enum CacheConformance {
    /// A cache rule matching every request.
    static func rule(
        _ id: String, _ eligibility: CacheEligibility? = nil, edgeTTL: EdgeTTLSetting? = nil,
        browserTTL: BrowserTTLSetting? = nil
    ) throws -> CacheRule {
        let (parsed, diagnostics) = RulesParser.parse("true", options: ParseOptions(plan: .enterprise, context: .cache))
        let expression = try #require(parsed, "\(diagnostics.map(\.message))")
        return CacheRule(
            id: id, condition: CompiledExpression(expression), eligibility: eligibility, edgeTTL: edgeTTL,
            browserTTL: browserTTL)
    }

    /// A request for `path` at `time` milliseconds with `headers`, carrying the origin's `response`.
    static func request(
        _ path: String, at time: Int64, headers: [(String, String)] = [], response: RecordedResponse? = nil
    ) -> EdgeRequest {
        var http = HTTPRequest(
            method: "GET", host: "example.com", path: path, query: "", headers: headers,
            ip: IPAddress.parse("203.0.113.7") ?? .zeroV4, country: "SG")
        http.colo = Array("SIN".utf8)
        http.timestampMilliseconds = time
        return EdgeRequest(http, response: response)
    }
}
