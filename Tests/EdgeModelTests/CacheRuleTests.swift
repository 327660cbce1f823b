import EdgeCore
import EdgeModel
import RulesLanguage
import Testing

@Suite("Cache rules")
struct CacheRuleTests {
    private func edge(_ rules: [CacheRule], _ origin: OriginConfiguration = OriginConfiguration()) throws -> Edge {
        try Edge(configuration: EdgeConfiguration(cacheRules: rules, origin: origin))
    }

    @Test func eligibleCachesWhatTheDefaultsWouldNot() throws {
        let rule = try cacheRule("api-cache", when: #"starts_with(http.request.uri.path, "/api/")"#)
        run(
            try edge([rule]),
            [
                Step(request("/api/items", at: 0), .allow(.miss)),
                Step(request("/api/items", at: 1), .allow(.hit)),
                Step(request("/api/items", at: 7199), .allow(.hit)),
                Step(request("/api/items", at: 7201), .allow(.expired)),
                Step(request("/api/items", at: 7202, method: "POST"), .allow(.dynamic)),
                Step(request("/other", at: 7203), .allow(.dynamic)),
            ])
    }

    @Test func bypassNeverLooksUpTheCacheAndReportsDynamic() throws {
        let rule = try cacheRule("no-cache", when: #"http.request.uri.path.extension eq "css""#, .bypass)
        run(
            try edge([rule], origin(cacheControl: "public, max-age=600")),
            [
                Step(request("/a.css", at: 0), .allow(.dynamic, origin: true)),
                Step(request("/a.css", at: 1), .allow(.dynamic, origin: true)),
                Step(request("/a.js", at: 2), .allow(.miss)),
            ])
    }

    @Test func overrideOriginIgnoresCacheControl() throws {
        let rule = try cacheRule(
            "static", when: #"http.request.uri.path.extension in {"js" "css"}"#,
            edgeTTL: .override(duration(7 * 86_400)))
        run(
            try edge([rule], origin(cacheControl: "private, no-store, max-age=0")),
            [
                Step(request("/app.js", at: 0), .allow(.miss)),
                Step(request("/app.js", at: 3600), .allow(.hit)),
                Step(request("/app.js", at: 7 * 86_400 - 1), .allow(.hit)),
                Step(request("/app.js", at: 7 * 86_400 + 1), .allow(.expired)),
            ])
    }

    @Test func respectOriginUsesCacheControlOrTheDefaults() throws {
        let rule = try cacheRule("r", when: "true", edgeTTL: EdgeTTLSetting(mode: .respectOrigin))
        run(
            try edge([rule], origin(cacheControl: "max-age=30")),
            [
                Step(request("/page", at: 0), .allow(.miss)),
                Step(request("/page", at: 29), .allow(.hit)),
                Step(request("/page", at: 31), .allow(.expired)),
            ])
        run(
            try edge([rule]),
            [
                Step(request("/page", at: 0), .allow(.miss)),
                Step(request("/page", at: 7199), .allow(.hit)),
            ])
    }

    @Test func bypassByDefaultCachesOnlyWithOriginHeaders() throws {
        let rule = try cacheRule("b", when: "true", edgeTTL: EdgeTTLSetting(mode: .bypassByDefault))
        run(
            try edge([rule]),
            [
                Step(request("/page", at: 0), .allow(.bypass)),
                Step(request("/page", at: 1), .allow(.bypass)),
            ])
        run(
            try edge([rule], origin(cacheControl: "max-age=60")),
            [
                Step(request("/page", at: 0), .allow(.miss)),
                Step(request("/page", at: 1), .allow(.hit)),
            ])
    }

    @Test func statusCodeTTLsOverrideTheOriginAndTheDefaults() throws {
        let ttl = EdgeTTLSetting(
            mode: .respectOrigin,
            statusCodeTTLs: [
                StatusCodeTTL(codes: 404...404, value: .ttl(duration(10))),
                StatusCodeTTL(codes: 500...599, value: .noStore),
                StatusCodeTTL(codes: 200...299, value: .ttl(duration(0))),
            ])
        let rule = try cacheRule("codes", when: "true", edgeTTL: ttl)
        run(
            try edge([rule], origin(cacheControl: "max-age=600", status: 404)),
            [
                Step(request("/missing", at: 0), .allow(.miss, status: 404)),
                Step(request("/missing", at: 9), .allow(.hit, status: 404)),
                Step(request("/missing", at: 11), .allow(.expired, status: 404)),
            ])
        run(
            try edge([rule], origin(cacheControl: "max-age=600", status: 503)),
            [
                Step(request("/down", at: 0), .allow(.bypass, status: 503)),
                Step(request("/down", at: 1), .allow(.bypass, status: 503)),
            ])
        // TTL 0: stored but revalidated on every request.
        run(
            try edge([rule], origin(cacheControl: "max-age=600", etag: "\"e\"")),
            [
                Step(request("/ok", at: 0), .allow(.miss)),
                Step(request("/ok", at: 1), .allow(.revalidated)),
            ])
    }

    @Test func setCookieUnderAnEligibleRuleMissesEveryTimeUnlessTheTTLIsOverridden() throws {
        let cookies = origin(cacheControl: "max-age=600", setCookies: ["a=b"])
        let eligible = try cacheRule("e", when: "true")
        run(
            try edge([eligible], cookies),
            [
                Step(request("/page", at: 0), .allow(.miss)),
                Step(request("/page", at: 1), .allow(.miss)),
            ])
        let overriding = try cacheRule("o", when: "true", edgeTTL: .override(duration(60)))
        run(
            try edge([overriding], cookies),
            [
                Step(request("/page", at: 0), .allow(.miss)),
                Step(request("/page", at: 1), .allow(.hit)),
            ])
    }

    @Test func rulesStackAndTheLastMatchWinsPerSetting() throws {
        let everything = try cacheRule(
            "static-dir", when: #"starts_with(http.request.uri.path, "/static/")"#,
            edgeTTL: .override(duration(3600)))
        let privateDir = try cacheRule(
            "private-dir", when: #"starts_with(http.request.uri.path, "/static/private/")"#,
            .bypass)
        let css = try cacheRule(
            "css-long", when: #"http.request.uri.path.extension eq "css""#, nil,
            edgeTTL: .override(duration(86_400)))
        let edge = try edge([everything, privateDir, css])
        run(
            edge,
            [
                Step(request("/static/page", at: 0), .allow(.miss)),
                Step(request("/static/page", at: 3599), .allow(.hit)),
                Step(request("/static/page", at: 3601), .allow(.expired)),
                // Later bypass beats the earlier eligible.
                Step(request("/static/private/a.png", at: 0), .allow(.dynamic)),
                // Eligibility from the first rule, TTL from the last.
                Step(request("/static/site.css", at: 0), .allow(.miss)),
                Step(request("/static/site.css", at: 80_000), .allow(.hit)),
            ])
        let traced = edge.process(request("/static/private/x.css", at: 10), tracing: true)
        #expect(traced.cacheStatus == .dynamic)
        let settings = traced.trace?.cacheSettings ?? []
        #expect(
            settings.first { $0.name == "cache" }
                == AppliedSetting(name: "cache", value: "bypass", ruleID: "private-dir"))
        #expect(settings.first { $0.name == "edge_ttl" }?.ruleID == "css-long")
        #expect(traced.trace?.cacheRules.map(\.matched) == [true, true, true])
    }

    @Test func browserTTLIsReported() throws {
        let override = try cacheRule(
            "b", when: "true", browserTTL: BrowserTTLSetting(mode: .overrideOrigin, ttl: duration(86_400)))
        let bypass = try cacheRule(
            "n", when: #"http.request.uri.path eq "/nostore""#, nil,
            browserTTL: BrowserTTLSetting(mode: .bypass))
        let edge = try edge([override, bypass], origin(cacheControl: "max-age=60"))
        #expect(edge.process(request("/a", at: 0)).browserTTLSeconds == 86_400)
        #expect(edge.process(request("/a", at: 1)).browserTTLSeconds == 86_400)
        #expect(edge.process(request("/nostore", at: 2)).browserTTLSeconds == 0)
        // Without a rule the zone's default Browser Cache TTL (4 hours) replaces a lower origin max-age
        // (`docs/cloudflare-semantics.md`, "Browser cache TTL").
        let zoneDefault = try self.edge([], origin(cacheControl: "max-age=60"))
        #expect(zoneDefault.process(request("/a.css", at: 0)).browserTTLSeconds == 14_400)
        #expect(zoneDefault.process(request("/a.css", at: 1)).browserTTLSeconds == 14_400)
        #expect(zoneDefault.process(request("/page.html", at: 2)).browserTTLSeconds == 60)
    }

    @Test func disablingServeStaleStopsUpdating() throws {
        let noStale = try cacheRule("strict", when: "true", serveStale: false)
        run(
            try edge([noStale], origin(cacheControl: "max-age=10, stale-while-revalidate=30")),
            [
                Step(request("/a.css", at: 0), .allow(.miss)),
                Step(request("/a.css", at: 15), .allow(.expired)),
            ])
    }

    @Test func queryStringKeyOptions() throws {
        func keyed(_ options: CacheKeyOptions) throws -> Edge {
            try edge([try cacheRule("key", when: "true", nil, cacheKey: options)])
        }
        run(
            try keyed(CacheKeyOptions(ignoreQueryOrder: true)),
            [
                Step(request("/a.css?a=1&b=2", at: 0), .allow(.miss)),
                Step(request("/a.css?b=2&a=1", at: 1), .allow(.hit)),
                Step(request("/a.css?b=2&a=2", at: 2), .allow(.miss)),
            ])
        run(
            try keyed(CacheKeyOptions(queryString: .ignore)),
            [
                Step(request("/a.css?x=1", at: 0), .allow(.miss)),
                Step(request("/a.css?x=2", at: 1), .allow(.hit)),
                Step(request("/a.css", at: 2), .allow(.hit)),
            ])
        run(
            try keyed(CacheKeyOptions(queryString: .include(["v"]))),
            [
                Step(request("/a.css?v=1&t=5", at: 0), .allow(.miss)),
                Step(request("/a.css?t=6&v=1", at: 1), .allow(.hit)),
                Step(request("/a.css?v=2", at: 2), .allow(.miss)),
            ])
        run(
            try keyed(CacheKeyOptions(queryString: .exclude(["utm_source"]))),
            [
                Step(request("/a.css?page=1&utm_source=x", at: 0), .allow(.miss)),
                Step(request("/a.css?page=1&utm_source=y", at: 1), .allow(.hit)),
                Step(request("/a.css?page=2&utm_source=x", at: 2), .allow(.miss)),
            ])
        run(
            try keyed(CacheKeyOptions(includeHost: false)),
            [
                Step(request("/a.css", at: 0, host: "a.example.com"), .allow(.miss)),
                Step(request("/a.css", at: 1, host: "b.example.com"), .allow(.hit)),
            ])
    }
}
