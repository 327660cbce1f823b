import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import RulesLanguage
import Simulation
import Testing

/// Rate limiting counting as Cloudflare documents it: throttling, the default block status, the counter delay and
/// the IP characteristic, each built from a spec the way `replay` builds it.
@Suite("Cloudflare conformance: rate limit counting")
struct RateLimitCountingConformanceTests {
    static let parameters = CloudflareSource(
        page: "https://developers.cloudflare.com/waf/rate-limiting-rules/parameters/",
        part: "With the following behavior: Throttle requests over the maximum configured rate", read: "2026-12-02")

    /// A steady client at twice the limit of a throttling rule (timeout 0): Cloudflare "applies the selected action
    /// to incoming requests over the configured limit, allowing other requests", so about half get through and no
    /// period lets through more than the limit.
    @Test(arguments: [
        (plan: "enterprise", action: "block", edgeAction: EdgeAction.block),
        (plan: "pro", action: "managed_challenge", edgeAction: EdgeAction.managedChallenge),
    ])
    func throttlingLetsThroughTheRequestsWithinTheLimit(plan: String, action: String, edgeAction: EdgeAction) throws {
        let edge = try edgeFromSpec(
            plan: plan,
            rule: """
                  - id: throttle
                    when: starts_with(http.request.uri.path, "/api/")
                    characteristics: [ip.src]
                    requests: 5
                    period: 10s
                    timeout: 0s
                    action: \(action)
                """)
        // One request a second for a minute: twice the limit of 5 per 10 s.
        let decisions = (0..<60).map { edge.process(request("/api/items", at: Double($0))) }
        let allowed = decisions.filter { $0.action == .allow }.count
        #expect(decisions.prefix(5).allSatisfy { $0.action == .allow }, "\(Self.parameters)")
        #expect(
            decisions.filter { $0.action != .allow }.allSatisfy { $0.action == edgeAction && $0.ruleID == "throttle" })
        #expect((24...33).contains(allowed), "about half of 60 requests at twice the limit pass: \(allowed)")
        for window in stride(from: 0, to: 60, by: 10) {
            let passed = decisions[window..<window + 10].filter { $0.action == .allow }.count
            #expect((4...5).contains(passed), "window at \(window) s lets through \(passed), the limit is 5")
        }
    }

    /// With a mitigation timeout the action applies to every request of the key until the timeout ends, whatever
    /// the rate ("Perform action during the selected duration").
    @Test func aMitigationTimeoutStillBlocksEveryRequestUntilItEnds() throws {
        let edge = try edgeFromSpec(
            plan: "enterprise",
            rule: """
                  - id: duration
                    when: starts_with(http.request.uri.path, "/api/")
                    characteristics: [ip.src]
                    requests: 5
                    period: 10s
                    timeout: 1m
                    action: block
                """)
        let decisions = (0..<60).map { edge.process(request("/api/items", at: Double($0))) }
        #expect(decisions.prefix(5).allSatisfy { $0.action == .allow }, "\(Self.parameters)")
        #expect(decisions.dropFirst(5).allSatisfy { $0.action == .block && $0.status == 429 })
    }

    static let blockStatus = CloudflareSource(
        page: "https://developers.cloudflare.com/waf/rate-limiting-rules/parameters/",
        part: "With response code (for Block action): the default value is 429", read: "2026-12-02")

    /// A rate limiting rule's custom block response without a status sends 429, a custom rule's sends 403.
    @Test func aCustomResponseWithoutAStatusKeepsTheDefaultOfItsRuleKind() throws {
        let edge = try edgeFromSpec(
            plan: "enterprise",
            rule: """
                  - id: limit
                    when: starts_with(http.request.uri.path, "/api/")
                    characteristics: [ip.src]
                    requests: 1
                    period: 10s
                    timeout: 1m
                    action: block
                    response: { content_type: application/json, body: '{"error":"slow down"}' }
                """,
            extra: """
                waf:
                  - id: deny-admin
                    when: starts_with(http.request.uri.path, "/admin")
                    action: block
                    response: { content_type: text/plain, body: denied }
                """)
        _ = edge.process(request("/api/a", at: 0))
        let limited = edge.process(request("/api/a", at: 1))
        #expect(limited.action == .block && limited.ruleID == "limit", "\(Self.blockStatus)")
        #expect(limited.status == 429, "\(Self.blockStatus)")
        let denied = edge.process(request("/admin", at: 2))
        #expect(denied.action == .block && denied.ruleID == "deny-admin")
        #expect(denied.status == 403)
    }

    static let counterDelay = CloudflareSource(
        page: "https://developers.cloudflare.com/waf/rate-limiting-rules/",
        part:
            "Important remarks: a delay of up to a few seconds between detecting a request and updating rate counters",
        read: "2026-12-02")

    /// Example A of the request rate page (1 request per 10 s per IP and API key, blocked for 10 minutes) with the
    /// documented counter delay: the second request of a key passes while the first is not yet counted, and is
    /// reported as passed because of the delay; without a delay it is blocked, as on the page.
    @Test func aCounterDelayLetsExcessRequestsThroughAndSaysSo() throws {
        let rule = """
              - id: form
                when: http.request.uri.path eq "/form"
                characteristics:
                  - ip.src
                  - http.request.headers["x-api-key"]
                requests: 1
                period: 10s
                timeout: 10m
                action: block
            """
        let exact = try edgeFromSpec(plan: "enterprise", rule: rule)
        let delayed = try edgeFromSpec(plan: "enterprise", rule: rule, extra: "replay: { rate_limit_delay: 2s }")
        let key = [("X-API-Key", "a")]
        for edge in [exact, delayed] { #expect(edge.process(request("/form", at: 0, headers: key)).action == .allow) }
        let exactSecond = exact.process(request("/form", at: 1, headers: key))
        #expect(exactSecond.action == .block && !exactSecond.passedThroughCounterDelay, "\(Self.counterDelay)")
        let delayedSecond = delayed.process(request("/form", at: 1, headers: key))
        #expect(delayedSecond.action == .allow && delayedSecond.passedThroughCounterDelay, "\(Self.counterDelay)")
        // Both earlier requests are counted by 3 s: 2 > 1, and the block lasts the rule's 10 minutes.
        let delayedThird = delayed.process(request("/form", at: 3, headers: key))
        #expect(delayedThird.action == .block && delayedThird.status == 429 && !delayedThird.passedThroughCounterDelay)
        #expect(delayed.process(request("/form", at: 300, headers: key)).action == .block)
    }

    static let characteristics = CloudflareSource(
        page: "https://developers.cloudflare.com/waf/rate-limiting-rules/request-rate/",
        part: "separate rate counters for each value combination of the rule characteristics (IP: ip.src)",
        read: "2026-12-02")

    /// The IP characteristic counts each address, IPv6 included: Cloudflare documents no /64 grouping for
    /// `ip.src` (grouping takes a custom characteristic with `cidr6`), so two addresses of one /64 have a counter
    /// each.
    @Test func twoAddressesInOneIPv6SlashSixtyFourAreCountedSeparately() throws {
        let edge = try edgeFromSpec(
            plan: "enterprise",
            rule: """
                  - id: per-ip
                    when: starts_with(http.request.uri.path, "/api/")
                    characteristics: [ip.src]
                    requests: 1
                    period: 10s
                    timeout: 1m
                    action: block
                """)
        let first = "2001:db8:1:2::1", second = "2001:db8:1:2:ffff:ffff:ffff:fffe"
        #expect(edge.process(request("/api/a", at: 0, ip: first)).action == .allow, "\(Self.characteristics)")
        let other = edge.process(request("/api/a", at: 1, ip: second), tracing: true)
        #expect(other.action == .allow, "another address of the same /64 has its own counter")
        let counted = try #require(other.trace?.rateLimits.first?.counter)
        #expect(counted.key == "ip.src=2001:db8:1:2:ffff:ffff:ffff:fffe cf.colo.id=SIN" && counted.rate == 1)
        let again = edge.process(request("/api/a", at: 2, ip: first))
        #expect(again.action == .block && again.rateLimit?.key == "ip.src=2001:db8:1:2::1 cf.colo.id=SIN")
    }

    static let slidingWindow = CloudflareSource(
        page: "https://blog.cloudflare.com/counting-things-a-lot-of-different-things/",
        part:
            "Sliding windows: 42 requests in the previous minute, 18 in the current one, 15 s into it: "
            + "42 × 0.75 + 18 = 49.5 (the request rate page does not give the estimator)",
        read: "2026-12-02")

    /// The worked example of the sliding-window estimate (`docs/cloudflare-semantics.md`, "Rate limiting:
    /// counting"): with a limit of 50 a minute the 18th request of the current minute is estimated at 49.5 and
    /// passes; the 19th, at 50.5, exceeds the limit. With a limit of 49 the 18th is already over it.
    @Test(arguments: [(requests: 50, lastAllowed: 18), (requests: 49, lastAllowed: 17)])
    func theSlidingWindowEstimateFollowsThePublishedExample(requests: Int, lastAllowed: Int) throws {
        let edge = try edgeFromSpec(
            plan: "enterprise",
            rule: """
                  - id: estimate
                    when: starts_with(http.request.uri.path, "/api/")
                    characteristics: [ip.src]
                    requests: \(requests)
                    period: 1m
                    timeout: 0s
                    action: block
                """)
        for second in 0..<42 { #expect(edge.process(request("/api/a", at: Double(second))).action == .allow) }
        let current = (1...19).map { _ in edge.process(request("/api/a", at: 75)) }
        #expect(current[..<lastAllowed].allSatisfy { $0.action == .allow }, "\(Self.slidingWindow)")
        #expect(current[lastAllowed...].allSatisfy { $0.action == .block && $0.status == 429 })
        #expect(current[lastAllowed].rateLimit?.rate == 42 * 0.75 + Double(lastAllowed + 1), "\(Self.slidingWindow)")
    }
}

/// The edge model of a spec on `plan` with one rate limiting rule and `extra` sections, built as `replay` builds it.
private func edgeFromSpec(plan: String, rule: String, extra: String = "") throws -> Edge {
    try ConformanceSpec.model(ConformanceSpec.compiled(ConformanceSpec.rateLimits(plan: plan, rule, extra: extra)))
}

/// A request from `ip` at `time` seconds in the SIN data centre, with `headers` after its User-Agent.
private func request(
    _ path: String, at time: Double, ip: String = "203.0.113.7", headers: [(String, String)] = []
) -> EdgeRequest {
    var http = HTTPRequest(
        host: "example.com", path: path, headers: [("User-Agent", "client/1.0")] + headers,
        ip: IPAddress.parse(ip) ?? .zeroV4, country: "SG")
    http.colo = Array("SIN".utf8)
    http.timestampMilliseconds = Int64((time * 1000).rounded())
    return EdgeRequest(http)
}
