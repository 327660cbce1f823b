import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

@Suite("Default cache behaviour")
struct DefaultCacheBehaviourTests {
    private func edge(_ origin: OriginConfiguration = OriginConfiguration()) throws -> Edge {
        try Edge(configuration: EdgeConfiguration(origin: origin))
    }

    @Test func onlyGETIsCached() throws {
        run(
            try edge(),
            [
                Step(request("/app.css", at: 0, method: "POST"), .allow(.dynamic, origin: true)),
                Step(request("/app.css", at: 1, method: "POST"), .allow(.dynamic, origin: true)),
                Step(request("/app.css", at: 2, method: "PUT"), .allow(.dynamic, origin: true)),
                Step(request("/app.css", at: 3), .allow(.miss, origin: true)),
                Step(request("/app.css", at: 4), .allow(.hit, origin: false)),
                Step(request("/app.css", at: 5, method: "POST"), .allow(.dynamic, origin: true)),
            ])
    }

    @Test func headIsServedFromACachedGETAndAHeadMissStoresTheGET() throws {
        let decisions = run(
            try edge(),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 1, method: "HEAD"), .allow(.hit, origin: false)),
                Step(request("/b.css", at: 2, method: "HEAD"), .allow(.miss, origin: true)),
                Step(request("/b.css", at: 3), .allow(.hit, origin: false)),
            ])
        #expect(decisions[0].bytes == 2048)
        #expect(decisions[1].bytes == 0)
        #expect(decisions[2].bytes == 0)
        #expect(decisions[3].bytes == 2048)
    }

    @Test(arguments: [
        ("/index.html", CacheStatus.dynamic), ("/data.json", .dynamic), ("/", .dynamic), ("/v1/items", .dynamic),
        ("/robots.txt", .miss), ("/notes.txt", .dynamic), ("/app.js", .miss), ("/LOGO.PNG", .miss),
        ("/font.woff2", .miss), ("/archive.tar.gz", .miss), ("/.png", .dynamic), ("/a.png/", .dynamic),
    ])
    func onlyTheDefaultExtensionsAreEligible(path: String, first: CacheStatus) throws {
        let edge = try edge()
        let decisions = [edge.process(request(path, at: 0)), edge.process(request(path, at: 1))]
        #expect(decisions[0].cacheStatus == first)
        #expect(decisions[1].cacheStatus == (first == .miss ? .hit : .dynamic))
    }

    @Test func defaultTTLsFollowTheStatus() throws {
        // (status, default TTL in seconds or nil when not cached)
        let table: [(Int, Double?)] = [
            (200, 7200), (206, 7200), (301, 7200), (302, 1200), (303, 1200), (404, 180), (410, 180),
            (500, nil), (503, nil), (403, nil), (307, nil),
        ]
        for (status, ttl) in table {
            // A 206 through the cache stands for the complete file, which a GET without Range gets as 200
            // (`docs/cloudflare-semantics.md`, "Range requests").
            let served = status == 206 ? 200 : status
            let edge = try edge(origin(status: status))
            let first = edge.process(request("/x.png", at: 0))
            #expect(first.cacheStatus == .miss, "status \(status)")
            #expect(first.status == served)
            guard let ttl else {
                #expect(edge.process(request("/x.png", at: 1)).cacheStatus == .miss, "status \(status) is not cached")
                continue
            }
            #expect(edge.process(request("/x.png", at: ttl - 1)).cacheStatus == .hit, "status \(status)")
            #expect(edge.process(request("/x.png", at: ttl - 1)).status == served)
            #expect(edge.process(request("/x.png", at: ttl + 1)).cacheStatus == .expired, "status \(status)")
        }
    }

    @Test func maxAgeSetsTheEdgeTTL() throws {
        run(
            try edge(origin(cacheControl: "public, max-age=60")),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 59), .allow(.hit)),
                Step(request("/a.css", at: 61), .allow(.expired, origin: true)),
                Step(request("/a.css", at: 62), .allow(.hit)),
            ])
    }

    @Test func sharedMaxAgeBeatsMaxAge() throws {
        run(
            try edge(origin(cacheControl: "max-age=600, s-maxage=10")),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 9), .allow(.hit)),
                Step(request("/a.css", at: 11), .allow(.expired)),
            ])
    }

    @Test(arguments: ["private", "no-store", "private, max-age=600", "no-store, s-maxage=60", "Private"])
    func privateAndNoStoreBypass(cacheControl: String) throws {
        run(
            try edge(origin(cacheControl: cacheControl)),
            [
                Step(request("/a.css", at: 0), .allow(.bypass, origin: true)),
                Step(request("/a.css", at: 1), .allow(.bypass, origin: true)),
            ])
    }

    @Test func noCacheIsStoredButRevalidatedEveryTime() throws {
        run(
            try edge(origin(cacheControl: "no-cache", etag: "\"v1\"")),
            [
                Step(request("/a.css", at: 0), .allow(.bypass, origin: true)),
                Step(request("/a.css", at: 1), .allow(.revalidated, origin: true)),
                Step(request("/a.css", at: 2), .allow(.revalidated, origin: true)),
            ])
        // Without a validator there is nothing to revalidate with: every request bypasses.
        run(
            try edge(origin(cacheControl: "no-cache")),
            [
                Step(request("/a.css", at: 0), .allow(.bypass)),
                Step(request("/a.css", at: 1), .allow(.bypass)),
            ])
    }

    @Test func maxAgeZeroBypassesAndRevalidates() throws {
        run(
            try edge(origin(cacheControl: "max-age=0", etag: "\"v1\"")),
            [
                Step(request("/a.css", at: 0), .allow(.bypass)),
                Step(request("/a.css", at: 1), .allow(.revalidated)),
            ])
    }

    @Test func mustRevalidateForbidsServingStale() throws {
        let failing = [outage(from: 100, until: 200)]
        run(
            try edge(origin(cacheControl: "max-age=10, must-revalidate", outages: failing)),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 150), .allow(.expired, status: 503, origin: true)),
            ])
        run(
            try edge(origin(cacheControl: "max-age=10", outages: failing)),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 150), .allow(.stale, status: 200, origin: true)),
            ])
    }

    @Test func staleIfErrorLimitsHowLongAStaleCopyIsServed() throws {
        let failing = [outage(from: 30, until: 200)]
        run(
            try edge(origin(cacheControl: "max-age=10, stale-if-error=60", outages: failing)),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 65), .allow(.stale, status: 200)),
                Step(request("/a.css", at: 75), .allow(.expired, status: 503)),
                // The failure did not purge the copy: once the origin is back it is fetched as expired, not missing.
                Step(request("/a.css", at: 250), .allow(.expired, status: 200)),
                Step(request("/a.css", at: 251), .allow(.hit, status: 200)),
            ])
    }

    @Test func staleWhileRevalidateServesUpdatingAndRefreshesInTheBackground() throws {
        run(
            try edge(origin(cacheControl: "max-age=10, stale-while-revalidate=30")),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 15), .allow(.updating, origin: true)),
                Step(request("/a.css", at: 16), .allow(.hit, origin: false)),
                Step(request("/a.css", at: 60), .allow(.expired, origin: true)),
            ])
    }

    @Test func concurrentRequestsDuringARefreshAreServedUpdating() throws {
        let slow = origin(cacheControl: "max-age=10", latency: 2)
        run(
            try edge(slow),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 11), .allow(.expired, origin: true)),
                Step(request("/a.css", at: 12), .allow(.updating, origin: false)),
                Step(request("/a.css", at: 13.5), .allow(.hit, origin: false)),
            ])
    }

    @Test func validatorsTurnAnExpiredCopyIntoRevalidated() throws {
        let withETag = origin(cacheControl: "max-age=10", etag: "\"abc\"")
        run(
            try edge(withETag),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 11), .allow(.revalidated, origin: true)),
                Step(request("/a.css", at: 12), .allow(.hit)),
            ])
        // A recorded 304 from the origin confirms the copy too, and the client still receives the stored 200.
        let lastModified = RecordedResponse(
            status: 200, cacheControl: Array("max-age=10".utf8),
            lastModified: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8))
        let notModified = RecordedResponse(status: 304, cacheControl: Array("max-age=10".utf8))
        let changed = RecordedResponse(
            status: 200, cacheControl: Array("max-age=10".utf8),
            lastModified: Array("Mon, 07 Nov 1994 08:49:37 GMT".utf8))
        run(
            try edge(),
            [
                Step(request("/b.css", at: 0, response: lastModified), .allow(.miss)),
                Step(request("/b.css", at: 11, response: notModified), .allow(.revalidated, status: 200)),
                Step(request("/b.css", at: 30, response: changed), .allow(.expired, status: 200)),
            ])
    }

    @Test func expiresInTheFutureCachesAndInThePastBypasses() throws {
        // 2025-12-20T10:00:00Z is 1766224800 s since the epoch.
        let start = 1_766_224_800.0
        run(
            try edge(origin(expires: "Sat, 20 Dec 2025 10:01:00 GMT")),
            [
                Step(request("/a.css", at: start), .allow(.miss)),
                Step(request("/a.css", at: start + 59), .allow(.hit)),
                Step(request("/a.css", at: start + 61), .allow(.bypass)),
            ])
        run(
            try edge(origin(expires: "Fri, 19 Dec 2025 10:00:00 GMT")),
            [
                Step(request("/a.css", at: start), .allow(.bypass))
            ])
        run(
            try edge(origin(cacheControl: "max-age=10", expires: "Sat, 20 Dec 2025 11:00:00 GMT")),
            [
                Step(request("/a.css", at: start), .allow(.miss)),
                Step(request("/a.css", at: start + 11), .allow(.expired)),
            ])
    }

    @Test func setCookiePreventsCaching() throws {
        run(
            try edge(origin(cacheControl: "public, max-age=600", setCookies: ["session=1"])),
            [
                Step(request("/a.css", at: 0), .allow(.bypass)),
                Step(request("/a.css", at: 1), .allow(.bypass)),
            ])
    }

    @Test func ageShortensTheRemainingFreshness() throws {
        let aged = RecordedResponse(status: 200, cacheControl: Array("max-age=60".utf8), ageSeconds: 50)
        run(
            try edge(),
            [
                Step(request("/a.css", at: 0, response: aged), .allow(.miss)),
                Step(request("/a.css", at: 9, response: aged), .allow(.hit)),
                Step(request("/a.css", at: 11, response: aged), .allow(.expired)),
            ])
    }

    @Test func authorizationNeedsAPublicResponse() throws {
        let auth = [("Authorization", "Bearer x")]
        run(
            try edge(origin(cacheControl: "max-age=60")),
            [
                Step(request("/a.css", at: 0, headers: auth), .allow(.bypass))
            ])
        run(
            try edge(origin(cacheControl: "public, max-age=60")),
            [
                Step(request("/a.css", at: 0, headers: auth), .allow(.miss)),
                Step(request("/a.css", at: 1, headers: auth), .allow(.hit)),
            ])
    }

    @Test func lruEvictsByBytes() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(origin: origin(size: 4000), cacheCapacityBytesPerColo: 10_000))
        run(
            edge,
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/b.css", at: 1), .allow(.miss)),
                Step(request("/a.css", at: 2), .allow(.hit)),
                Step(request("/c.css", at: 3), .allow(.miss)),
                Step(request("/a.css", at: 4), .allow(.hit)),
                Step(request("/b.css", at: 5), .allow(.miss)),
                Step(request("/c.css", at: 6), .allow(.miss)),
            ])
        #expect(edge.cacheUsage(colo: "SIN").objects == 2)
        #expect(edge.cacheUsage(colo: "SIN").bytes == 8000)
    }

    @Test func anObjectLargerThanTheCacheIsNotStored() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(origin: origin(size: 20_000), cacheCapacityBytesPerColo: 10_000))
        run(
            edge,
            [
                Step(request("/big.zip", at: 0), .allow(.miss)),
                Step(request("/big.zip", at: 1), .allow(.miss)),
            ])
    }

    @Test func eachDataCentreHasItsOwnCache() throws {
        let edge = try edge()
        run(
            edge,
            [
                Step(request("/a.css", at: 0, colo: "SIN"), .allow(.miss)),
                Step(request("/a.css", at: 1, colo: "SIN"), .allow(.hit)),
                Step(request("/a.css", at: 2, colo: "NRT"), .allow(.miss)),
                Step(request("/a.css", at: 3, colo: "NRT"), .allow(.hit)),
            ])
        #expect(edge.cacheUsage(colo: "SIN").objects == 1)
        #expect(edge.cacheUsage(colo: "NRT").objects == 1)
        #expect(edge.cacheUsage(colo: "LHR").objects == 0)
    }

    @Test func theDefaultKeyIncludesHostAndOrderedQuery() throws {
        run(
            try edge(),
            [
                Step(request("/a.css?a=1&b=2", at: 0), .allow(.miss)),
                Step(request("/a.css?a=1&b=2", at: 1), .allow(.hit)),
                Step(request("/a.css?b=2&a=1", at: 2), .allow(.miss)),
                Step(request("/a.css", at: 3), .allow(.miss)),
                Step(request("/a.css?a=1&b=2", at: 4, host: "other.example.com"), .allow(.miss)),
            ])
    }

    @Test func originTimeoutsAnswer522Or524AndServeStale() throws {
        let timeouts = [
            outage(from: 100, until: 200, .connectionTimeout), outage(from: 300, until: 400, .responseTimeout),
        ]
        let decisions = run(
            try edge(origin(cacheControl: "max-age=10", outages: timeouts)),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 150), .allow(.stale, status: 200)),
                Step(request("/new.css", at: 160), .allow(.miss, status: 522)),
                Step(request("/new.css", at: 350), .allow(.miss, status: 524)),
                Step(request("/new.css", at: 450), .allow(.miss, status: 200)),
            ])
        #expect(decisions[2].originLatencyMilliseconds == 15_000)
        #expect(decisions[3].originLatencyMilliseconds == 100_000)
    }
}
