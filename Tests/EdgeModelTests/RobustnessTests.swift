import EdgeCore
import EdgeModel
import RulesLanguage
import Testing

/// Hostile inputs: odd headers, statuses, sizes and times must give decisions, never traps.
@Suite("Robustness")
struct RobustnessTests {
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func bytes(_ limit: Int) -> [UInt8] {
            (0..<Int(next() % UInt64(limit + 1))).map { _ in UInt8(truncatingIfNeeded: next()) }
        }
    }

    @Test func randomResponsesAndTimesNeverTrapAndKeepInvariants() throws {
        let configuration = EdgeConfiguration(
            customRules: [
                CustomRule(
                    id: "odd", condition: try compiled(#"http.request.uri.query contains "block""#, .custom),
                    action: .block)
            ],
            rateLimitRules: [
                try rateLimit("a", requests: 3, period: 1, timeout: 2),
                try rateLimit(
                    "b", by: [.header("x"), .cookie("c"), .queryArgument("q"), .path, .host, .asn, .country],
                    requests: 0, period: 0.001, timeout: 0, algorithm: .slidingLog, lag: 0.5),
                try rateLimit(
                    "c", counting: "http.response.code ge 500", countingUsesResponse: true, requests: 2,
                    period: 5, timeout: 0, action: .log, algorithm: .tokenBucket, requestsToOrigin: true),
            ],
            cacheRules: [
                try cacheRule(
                    "all", when: #"http.request.uri.path contains "r""#,
                    edgeTTL: EdgeTTLSetting(
                        mode: .respectOrigin,
                        statusCodeTTLs: [
                            StatusCodeTTL(codes: 100...599, value: .ttl(duration(0)))
                        ]),
                    cacheKey: CacheKeyOptions(queryString: .exclude(["q"]), ignoreQueryOrder: true))
            ],
            origin: origin(outages: [outage(from: 50, until: 60, .responseTimeout)]),
            cacheCapacityBytesPerColo: 50_000)
        let edge = try Edge(configuration: configuration)
        var random = Generator(state: 99)
        let directives = [
            "max-age=", "s-maxage=", "no-cache", "no-store", "private", "public", "must-revalidate",
            "stale-if-error=", "stale-while-revalidate=", "\"", ",", " ", "=", "99999999999999999999", "-1", "x",
        ]
        let dates = [
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "0", "",
            "Mon, 99 Foo 99999 99:99:99 GMT",
        ]
        for index in 0..<20_000 {
            let cacheControl = (0..<Int(random.next() % 6)).map { _ in random.pick(directives) }.joined()
            let recorded = RecordedResponse(
                status: random.pick([-5, 0, 200, 206, 301, 304, 404, 410, 500, 503, 999, 1200]),
                cacheControl: random.next() % 3 == 0 ? random.bytes(12) : Array(cacheControl.utf8),
                expires: random.next() % 2 == 0 ? Array(random.pick(dates).utf8) : nil,
                etag: random.next() % 2 == 0 ? random.bytes(3) : nil,
                lastModified: random.next() % 4 == 0 ? random.bytes(2) : nil,
                ageSeconds: random.pick([nil, -10, 0, 30, Int64.max]),
                setCookies: random.next() % 5 == 0 ? [random.bytes(4)] : [],
                bytes: random.pick([nil, -1, 0, 10, 40_000, 60_000, Int64.max]),
                originLatencyMilliseconds: random.pick([nil, -3, 0, 5, Int64.max]))
            let path = random.pick([
                "/r.css", "/r", "/a.png", "/%2e%2e/r", "//r\\x", "/" + String(decoding: random.bytes(6), as: UTF8.self),
            ])
            let time = random.pick([Double(index) / 100, 0, -1e6, 1e15])
            let request = request(
                path + random.pick(["", "?q=1&a=2", "?block", "?a=2&q=3"]), at: time,
                method: random.pick(["GET", "HEAD", "POST", "get", ""]),
                host: random.pick(["a", "b", ""]), ip: random.pick(["10.0.0.1", "::1", "bogus"]),
                colo: random.pick(["SIN", "NRT", ""]),
                headers: random.pick([[], [("X", "1")], [("Cookie", "c=1; c=2")], [("Authorization", "t")]]),
                response: random.next() % 4 == 0 ? nil : recorded, solved: random.next() % 2 == 0)
            let decision = edge.process(request, tracing: index % 97 == 0)
            #expect((decision.cacheStatus == .unknown) == decision.action.terminates)
            #expect(decision.bytes >= 0)
            if decision.cacheStatus == .hit { #expect(!decision.originContacted) }
            if index % 97 == 0 { #expect(decision.trace != nil) }
        }
        #expect(edge.cacheUsage(colo: "SIN").bytes <= 50_000)
    }
}
