import EdgeCore
import EdgeWire
import RulesLanguage
import Testing

@testable import EdgeModel

@Suite("Model parts")
struct ModelPartsTests {
    @Test func cacheControlDirectivesAreRead() {
        let parsed = CacheControlDirectives(
            parsing: Array(
                #"Public, MAX-AGE=60 , s-maxage="30", stale-if-error=5, no-cache="Set-Cookie, X", x-y=1"#.utf8))
        #expect(parsed.isPresent)
        #expect(parsed.isPublic)
        #expect(parsed.maxAge == 60)
        #expect(parsed.sharedMaxAge == 30)
        #expect(parsed.staleIfError == 5)
        #expect(parsed.noCache)
        #expect(!parsed.isPrivate)
        #expect(parsed.forbidsStale)
        let garbage = CacheControlDirectives(parsing: Array("max-age=abc, stale-while-revalidate=x, ,,".utf8))
        #expect(garbage.maxAge == 0)
        #expect(garbage.staleWhileRevalidate == nil)
        #expect(!CacheControlDirectives(parsing: nil).isPresent)
        let huge = CacheControlDirectives(parsing: Array("max-age=99999999999999999999999".utf8))
        #expect(huge.maxAge == Int64.max)
    }

    @Test func httpDatesInAllThreeForms() {
        let expected: Int64 = 784_111_777_000
        #expect(HTTPDate.milliseconds(Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)) == expected)
        #expect(HTTPDate.milliseconds(Array("Sunday, 06-Nov-94 08:49:37 GMT".utf8)) == expected)
        #expect(HTTPDate.milliseconds(Array("Sun Nov  6 08:49:37 1994".utf8)) == expected)
        #expect(HTTPDate.milliseconds(Array("Sat, 20 Dec 2025 10:00:00 GMT".utf8)) == 1_766_224_800_000)
        #expect(HTTPDate.milliseconds(Array("0".utf8)) == nil)
        #expect(HTTPDate.milliseconds(Array("Sun, 32 Nov 1994 08:49:37 GMT".utf8)) == nil)
        #expect(HTTPDate.milliseconds(Array("Sun, 06 Foo 1994 08:49:37 GMT".utf8)) == nil)
        #expect(HTTPDate.milliseconds(Array("Sun, 06 Nov 1994 25:49:37 GMT".utf8)) == nil)
    }

    @Test(arguments: [
        ("/v1/*", "/v1/items", true), ("/v1/*", "/v1/", true), ("/v1/*", "/v2/items", false),
        ("/health", "/health", true),
        ("/health", "/healthz", false), ("*", "/anything", true), ("*.png", "/a/b.png", true),
        ("/a*b*c", "/a-b-c", true),
        ("/a*b*c", "/a-c", false), ("/ab*ba", "/aba", false), ("/x*", "/x", true),
    ])
    func pathPatterns(pattern: String, path: String, matches: Bool) {
        #expect(StarGlob(starsIn: Array(pattern.utf8)).matches(Array(path.utf8)) == matches)
    }

    @Test func stableHashesAreDeterministicAndSeeded() {
        var first = StableHasher(seed: 1)
        first.combine(bytes: Array("203.0.113.7".utf8))
        var second = StableHasher(seed: 1)
        second.combine(bytes: Array("203.0.113.7".utf8))
        var seeded = StableHasher(seed: 2)
        seeded.combine(bytes: Array("203.0.113.7".utf8))
        #expect(first.finalize() == second.finalize())
        #expect(first.finalize() != seeded.finalize())
        var empty = StableHasher(seed: 1)
        empty.combine(bytes: [UInt8]())
        var zero = StableHasher(seed: 1)
        zero.combine(bytes: [0])
        #expect(empty.finalize() != zero.finalize())
    }

    @Test func characteristicsAreReadFromRulesetFields() {
        #expect(RateLimitCharacteristic(field: "ip.src") == .ipSource)
        #expect(RateLimitCharacteristic(field: "ip.src.asnum") == .asn)
        #expect(RateLimitCharacteristic(field: #"http.request.headers["X-API-Key"]"#) == .header("x-api-key"))
        #expect(RateLimitCharacteristic(field: #"http.request.cookies["session"]"#) == .cookie("session"))
        #expect(RateLimitCharacteristic(field: #"http.request.uri.args["page"]"#) == .queryArgument("page"))
        #expect(RateLimitCharacteristic(field: "cf.colo.id") == nil)
        #expect(RateLimitCharacteristic(field: #"http.request.headers[""]"#) == nil)
        #expect(RateLimitCharacteristic.header("x-api-key").field == #"http.request.headers["x-api-key"]"#)
    }

    @Test func unsoundConfigurationsAreRejectedWithEveryProblem() throws {
        let bad = RateLimitRule(
            id: "bad", condition: try compiled("true"), characteristics: [], requests: -1,
            period: EdgeDuration(milliseconds: 0), mitigationTimeout: EdgeDuration(milliseconds: -5),
            blockStatus: 1000, burst: 0)
        let configuration = EdgeConfiguration(
            rateLimitRules: [bad],
            origin: OriginConfiguration(
                defaultResponse: OriginResponse(status: 42),
                outages: [OriginOutage(fromMilliseconds: 10, untilMilliseconds: 5, effect: .status(200))]),
            cacheCapacityBytesPerColo: 0)
        #expect(throws: EdgeConfigurationError.self) { try Edge(configuration: configuration) }
        let problems = configuration.problems()
        #expect(problems.contains("rate limit `bad`: period must be longer than 0 ms"))
        #expect(problems.contains("rate limit `bad`: requests must not be negative"))
        #expect(problems.contains("rate limit `bad`: burst must be at least 1"))
        #expect(problems.contains("rate limit `bad`: status 1000 is not an HTTP status (100–599)"))
        #expect(problems.contains("origin default: status 42 is not an HTTP status (100–599)"))
        #expect(problems.contains("origin outage: `until` is before `from`"))
        #expect(problems.contains("cache capacity must be more than 0 bytes"))
        #expect(problems.count == 8)
    }

    @Test func decisionsAreReproducibleAndOutOfOrderTimesDoNotGoBack() throws {
        let configuration = EdgeConfiguration(
            rateLimitRules: [try rateLimit("ip", requests: 3, period: 10, timeout: 30)])
        let requests = (0..<200).map { index in
            request(
                index % 3 == 0 ? "/a.css" : "/api", at: Double((index * 7919) % 50) / 2,
                ip: "10.0.0.\(index % 5)")
        }
        let first = try Edge(configuration: configuration)
        let second = try Edge(configuration: configuration)
        let a = requests.map { first.process($0) }
        let b = requests.map { second.process($0) }
        #expect(a.map(\.action) == b.map(\.action))
        #expect(a.map(\.cacheStatus) == b.map(\.cacheStatus))
        #expect(first.currentTime == seconds(24.5))
    }

    @Test func extremeTimestampsDoNotTrap() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [
                    try rateLimit("ip", requests: 1, period: 86_400, timeout: 86_400, algorithm: .tokenBucket),
                    try rateLimit("cf", requests: 1, period: 86_400, timeout: 86_400),
                ],
                origin: origin(cacheControl: "max-age=99999999999999999")))
        var early = request("/a.css", at: 0)
        early.http.timestampMilliseconds = .min
        var late = request("/a.css", at: 0)
        late.http.timestampMilliseconds = .max
        #expect(edge.process(early).action == .allow)
        #expect(edge.process(early).action == .block)
        // The bucket refills and both windows pass by the latest possible time; the mitigation saturates.
        #expect(edge.process(late).action == .allow)
        #expect(edge.process(late).action == .block)
        #expect(edge.process(late).rateLimit?.mitigatedUntilMilliseconds == nil)
    }
}
