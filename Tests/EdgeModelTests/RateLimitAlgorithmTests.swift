import EdgeCore
import EdgeModel
import RulesLanguage
import Testing

@Suite("Rate limiting algorithms")
struct RateLimitAlgorithmTests {
    /// Cloudflare's worked example: 42 requests in the previous minute, 18 so far, 15 s into the current minute
    /// → 42 × 0.75 + 18 = 49.5.
    @Test func cloudflareEstimateMatchesThePublishedExample() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit(requests: 49, period: 60, timeout: 0)]))
        for second in 0..<42 {
            let decision = edge.process(request("/api", at: Double(second)))
            #expect(decision.action == .allow)
        }
        var last = Decision()
        for _ in 0..<18 { last = edge.process(request("/api", at: 75)) }
        #expect(last.action == .block)
        #expect(last.status == 429)
        #expect(last.phase == .rateLimit)
        #expect(last.rateLimit?.rate == 49.5)
        #expect(last.rateLimit?.limit == 49)
        #expect(last.cacheStatus == .unknown)
        #expect(!last.originContacted)
    }

    @Test func cloudflareEstimateAllowsUpToTheLimitInclusive() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit(requests: 50, period: 60, timeout: 0)]))
        for second in 0..<42 { _ = edge.process(request("/api", at: Double(second))) }
        let decisions = (0..<19).map { _ in edge.process(request("/api", at: 75)) }
        // 31.5 + 18 = 49.5 ≤ 50 is allowed; 31.5 + 19 = 50.5 exceeds.
        #expect(decisions[17].action == .allow)
        #expect(decisions[17].ruleID == nil)
        #expect(decisions[18].action == .block)
        #expect(decisions[18].rateLimit?.rate == 50.5)
    }

    /// The documentation's example: 1 request per 10 s per (IP, x-api-key), 10 minutes of mitigation.
    @Test func documentationExampleOneRequestPerTenSeconds() throws {
        let rule = try rateLimit(
            "form", when: #"http.request.uri.path eq "/form""#, by: [.ipSource, .header("x-api-key")],
            requests: 1, period: 10, timeout: 600)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [rule]))
        run(
            edge,
            [
                Step(request("/form", at: 0, headers: [("X-API-Key", "a")]), .allow()),
                Step(request("/form", at: 1, headers: [("X-API-Key", "b")]), .allow()),
                Step(
                    request("/form", at: 2, headers: [("X-API-Key", "a")]),
                    .blocked(by: "form", status: 429, phase: .rateLimit)),
                Step(request("/form", at: 60, headers: [("X-API-Key", "a")]), .blocked(by: "form", status: 429)),
                Step(request("/other", at: 61, headers: [("X-API-Key", "a")]), .allow()),
                Step(request("/form", at: 601, headers: [("X-API-Key", "a")]), .blocked(by: "form", status: 429)),
                // The timeout ended at 602 s, but the request at 601 s was counted (a rule with a timeout counts
                // the requests it mitigates), so the key stays over the rate until its window has passed.
                Step(request("/form", at: 603, headers: [("X-API-Key", "a")]), .blocked(by: "form", status: 429)),
                Step(request("/form", at: 1300, headers: [("X-API-Key", "a")]), .allow()),
            ])
    }

    @Test func throttleBlocksOnlyOverTheRateWhileATimeoutBlocksEverything() throws {
        let throttle = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("t", requests: 2, period: 60, timeout: 0)]))
        let timeout = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("t", requests: 2, period: 60, timeout: 300)]))
        for edge in [throttle, timeout] {
            run(
                edge,
                [
                    Step(request("/", at: 0), .allow()),
                    Step(request("/", at: 1), .allow()),
                    Step(request("/", at: 2), .blocked(by: "t", status: 429)),
                ])
        }
        // Two windows later the estimate is 1: throttling lets it through, the timeout (until 302 s) does not.
        run(throttle, [Step(request("/", at: 125), .allow())])
        let blocked = run(timeout, [Step(request("/", at: 125), .blocked(by: "t", status: 429))])
        #expect(blocked.first?.rateLimit?.mitigatedUntilMilliseconds == seconds(302))
        run(timeout, [Step(request("/", at: 303), .allow())])
    }

    @Test func slidingLogCountsExactlyTheLastPeriod() throws {
        // Both count the request they block, so the log below holds the blocked request at 2 s.
        let log = try Edge(
            configuration: EdgeConfiguration(rateLimitRules: [
                try rateLimit("l", requests: 2, period: 10, timeout: 0, algorithm: .slidingLog, countsMitigated: true)
            ]))
        let estimate = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("l", requests: 2, period: 10, timeout: 0, countsMitigated: true)]))
        let opening = [
            Step(request("/", at: 0), .allow()),
            Step(request("/", at: 1), .allow()),
            Step(request("/", at: 2), .blocked(by: "l", status: 429)),
        ]
        run(log, opening)
        run(estimate, opening)
        // At 10.5 s the log still holds 1 s and 2 s: 2 + 1 > 2.
        let atTen = run(log, [Step(request("/", at: 10.5), .blocked(by: "l", status: 429))])
        #expect(atTen.first?.rateLimit?.rate == 3)
        // At 12.1 s only 10.5 s is left in the log: 1 + 1 = 2, allowed; the estimate still weighs the previous window.
        run(log, [Step(request("/", at: 12.1), .allow())])
        run(
            estimate,
            [
                Step(request("/", at: 10.5), .blocked(by: "l", status: 429)),
                Step(request("/", at: 12.1), .blocked(by: "l", status: 429)),
            ])
    }

    @Test func tokenBucketAllowsABurstThenRefills() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(rateLimitRules: [
                try rateLimit(
                    "b", requests: 1, period: 10, timeout: 0, algorithm: .tokenBucket, burst: 3, countsMitigated: false)
            ]))
        run(
            edge,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 0), .blocked(by: "b", status: 429)),
                Step(request("/", at: 5), .blocked(by: "b", status: 429)),
                Step(request("/", at: 10), .allow()),
                Step(request("/", at: 10), .blocked(by: "b", status: 429)),
                Step(request("/", at: 40), .allow()),
                Step(request("/", at: 40), .allow()),
                Step(request("/", at: 40), .allow()),
                Step(request("/", at: 40), .blocked(by: "b", status: 429)),
            ])
    }

    @Test func tokenBucketCountingMitigatedRequestsPutsTheClientInDebt() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(rateLimitRules: [
                try rateLimit("b", requests: 1, period: 10, timeout: 0, algorithm: .tokenBucket, countsMitigated: true)
            ]))
        run(
            edge,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 1), .blocked(by: "b", status: 429)),
                // One token flowed in by 11 s, but the blocked request took it in advance.
                Step(request("/", at: 11), .blocked(by: "b", status: 429)),
                Step(request("/", at: 31), .allow()),
            ])
    }

    @Test func requestsToOriginCountsOnlyCacheMisses() throws {
        let counting = try rateLimit("origin", requests: 1, period: 60, timeout: 0, requestsToOrigin: true)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [counting]))
        run(
            edge,
            [
                Step(request("/logo.png", at: 0), .allow(.miss, origin: true)),
                Step(request("/logo.png", at: 1), .allow(.hit, origin: false)),
                Step(request("/logo.png", at: 2), .allow(.hit, origin: false)),
                // Counting waits for the response, so the check sees earlier misses only: 1 is not over 1.
                Step(request("/api", at: 3), .allow(.dynamic, origin: true)),
                Step(request("/logo.png", at: 4), .blocked(by: "origin", status: 429)),
            ])
        let everything = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("all", requests: 1, period: 60, timeout: 0)]))
        run(
            everything,
            [
                Step(request("/logo.png", at: 0), .allow(.miss)),
                Step(request("/logo.png", at: 1), .blocked(by: "all", status: 429)),
            ])
    }

    @Test func countingExpressionOnResponseCodeCountsAfterTheResponse() throws {
        let rule = try rateLimit(
            "login", when: #"http.request.uri.path eq "/login""#,
            counting: #"http.request.uri.path eq "/login" and http.response.code eq 401"#, countingUsesResponse: true,
            requests: 1, period: 60, timeout: 600)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [rule]))
        let ok = RecordedResponse(status: 200)
        let denied = RecordedResponse(status: 401)
        run(
            edge,
            [
                Step(request("/login", at: 0, response: ok), .allow(.dynamic, origin: true)),
                Step(request("/login", at: 1, response: denied), .allow(.dynamic, status: 401, origin: true)),
                Step(request("/login", at: 2, response: denied), .allow(.dynamic, status: 401, origin: true)),
                // Two 401s were counted: 2 > 1, blocked before reaching the origin, and for ten minutes after.
                Step(request("/login", at: 3, response: ok), .blocked(by: "login", status: 429)),
                Step(request("/login", at: 300, response: ok), .blocked(by: "login", status: 429)),
                Step(request("/login", at: 604, response: ok), .allow(.dynamic, origin: true)),
            ])
    }

    @Test func aCountingExpressionCountsRequestsTheRuleDoesNotMatch() throws {
        let rule = try rateLimit(
            "api", when: #"starts_with(http.request.uri.path, "/api/")"#, counting: "true",
            requests: 2, period: 60, timeout: 0)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [rule]))
        run(
            edge,
            [
                Step(request("/home", at: 0), .allow()),
                Step(request("/home", at: 1), .allow()),
                Step(request("/home", at: 2), .allow()),
                Step(request("/api/x", at: 3), .blocked(by: "api", status: 429)),
            ])
    }

    @Test func aMissingCharacteristicIsItsOwnKeyDistinctFromEmpty() throws {
        let rule = try rateLimit("key", by: [.header("x-api-key")], requests: 1, period: 60, timeout: 0)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [rule]))
        let decisions = run(
            edge,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 1, headers: [("X-Api-Key", "")]), .allow()),
                Step(request("/", at: 2, headers: [("X-Api-Key", "k")]), .allow()),
                Step(request("/", at: 3), .blocked(by: "key", status: 429)),
                Step(request("/", at: 4, headers: [("x-api-key", "")]), .blocked(by: "key", status: 429)),
            ])
        #expect(decisions[3].rateLimit?.key == #"http.request.headers["x-api-key"]=(missing) cf.colo.id=SIN"#)
        #expect(decisions[4].rateLimit?.key == #"http.request.headers["x-api-key"]="" cf.colo.id=SIN"#)
    }

    @Test func countersArePerDataCentre() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("ip", requests: 1, period: 60, timeout: 0)]))
        run(
            edge,
            [
                Step(request("/", at: 0, colo: "SIN"), .allow()),
                Step(request("/", at: 1, colo: "NRT"), .allow()),
                Step(request("/", at: 2, colo: "SIN"), .blocked(by: "ip", status: 429)),
                Step(request("/", at: 3, ip: "198.51.100.1", colo: "SIN"), .allow()),
            ])
    }

    @Test func counterLagLetsRequestsThroughUntilCountsBecomeVisible() throws {
        let lagging = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("lag", requests: 1, period: 60, timeout: 0, lag: 5)]))
        run(
            lagging,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 1), .allow()),
                Step(request("/", at: 4.9), .allow()),
                Step(request("/", at: 6), .blocked(by: "lag", status: 429)),
            ])
        let immediate = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("lag", requests: 1, period: 60, timeout: 0)]))
        run(
            immediate,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 1), .blocked(by: "lag", status: 429)),
            ])
    }

    @Test func solvingARateLimitChallengeResetsTheCounter() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(rateLimitRules: [
                try rateLimit("c", requests: 1, period: 60, timeout: 0, action: .managedChallenge)
            ]))
        let decisions = run(
            edge,
            [
                Step(request("/", at: 0), .allow()),
                Step(request("/", at: 1), .blocked(by: "c", status: 403, action: .managedChallenge)),
                Step(
                    request("/", at: 2, solved: true), Expect(action: .allow, rule: "c", status: 200, phase: .rateLimit)
                ),
                Step(request("/", at: 3), .allow()),
                Step(request("/", at: 4), .blocked(by: "c", status: 403, action: .managedChallenge)),
            ])
        #expect(decisions[2].solvedChallenge)
    }

    @Test func logActionRecordsWithoutStopping() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("watch", requests: 1, period: 60, timeout: 0, action: .log)]))
        run(
            edge,
            [
                Step(request("/", at: 0), .allow(.dynamic)),
                Step(
                    request("/", at: 1),
                    Expect(
                        action: .log, rule: "watch", status: 200, cache: .dynamic, origin: true,
                        phase: .rateLimit)),
            ])
    }

    @Test func laterRulesAreNotEvaluatedAfterATerminatingRule() throws {
        let first = try rateLimit("first", requests: 0, period: 60, timeout: 0)
        let second = try rateLimit("second", requests: 0, period: 60, timeout: 0)
        let edge = try Edge(configuration: EdgeConfiguration(rateLimitRules: [first, second]))
        let decision = edge.process(request("/", at: 0), tracing: true)
        #expect(decision.ruleID == "first")
        #expect(decision.trace?.rateLimits.map(\.ruleID) == ["first"])
    }

    @Test func expiredKeysAreEvictedSoTheTableShrinks() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("ip", requests: 100, period: 10, timeout: 60)]))
        for client in 0..<1000 {
            _ = edge.process(request("/", at: Double(client) / 1000, ip: "10.0.\(client / 256).\(client % 256)"))
        }
        #expect(edge.rateLimitKeyCount == 1000)
        let grown = edge.rateLimitTableCapacity
        #expect(grown >= 2048)
        // Long after every window ended, one client keeps the table busy enough to be swept.
        for step in 0..<2100 { _ = edge.process(request("/", at: 100 + Double(step) / 1000, ip: "192.0.2.1")) }
        #expect(edge.rateLimitKeyCount == 1)
        #expect(edge.rateLimitTableCapacity < grown)
        #expect(edge.rateLimitTableCapacity <= 16)
    }

    @Test func mitigatedKeysSurviveEvictionUntilTheirTimeoutEnds() throws {
        let edge = try Edge(
            configuration: EdgeConfiguration(
                rateLimitRules: [try rateLimit("ip", requests: 1, period: 10, timeout: 1000)]))
        _ = edge.process(request("/", at: 0, ip: "192.0.2.9"))
        _ = edge.process(request("/", at: 0.5, ip: "192.0.2.9"))
        for step in 0..<3000 {
            _ = edge.process(request("/", at: 100 + Double(step) / 100, ip: "10.1.\(step / 256).\(step % 256)"))
        }
        run(edge, [Step(request("/", at: 500, ip: "192.0.2.9"), .blocked(by: "ip", status: 429))])
    }

    @Test func customSkipOfTheRateLimitPhaseSkipsCountingToo() throws {
        let skip = CustomRule(
            id: "trusted", condition: try compiled("ip.src in {192.0.2.0/24}", .custom),
            action: .skip(SkipOptions(phases: [.rateLimit])))
        let edge = try Edge(
            configuration: EdgeConfiguration(
                customRules: [skip], rateLimitRules: [try rateLimit("ip", by: [], requests: 1, period: 60, timeout: 0)])
        )
        run(
            edge,
            [
                Step(request("/", at: 0, ip: "192.0.2.1"), .allow()),
                Step(request("/", at: 1, ip: "192.0.2.1"), .allow()),
                Step(request("/", at: 2, ip: "192.0.2.1"), .allow()),
                Step(request("/", at: 3, ip: "203.0.113.1"), .allow()),
                Step(request("/", at: 4, ip: "203.0.113.2"), .blocked(by: "ip", status: 429)),
            ])
    }
}
