import EdgeCore
import EdgeWire
import Foundation
import Glibc
import RulesLanguage
import Testing

@testable import EdgeModel

/// Throughput of the whole request path, printed rather than asserted. Run with
/// `EDGEPROOF_MODEL_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-release
/// --filter EdgeModelBenchmarks`;
/// `EDGEPROOF_MODEL_BENCH_REQUESTS` changes the number of requests (1,000,000 by default), e.g. for callgrind.
private let benchmarksEnabled = getenv("EDGEPROOF_MODEL_BENCH") != nil
private let benchmarkRequests =
    getenv("EDGEPROOF_MODEL_BENCH_REQUESTS").flatMap { Int(String(cString: $0)) } ?? 1_000_000

@Suite(.serialized, .enabled(if: benchmarksEnabled))
struct EdgeModelBenchmarks {
    /// The example spec's shape: four custom rules, one rate limit per ip.src, three cache rules.
    private func exampleConfiguration() throws -> EdgeConfiguration {
        let lists: [String: NamedList] = [
            "suspicious_ips": .ips(["198.51.100.0/24", "203.0.113.0/24", "192.0.2.66/32"].compactMap(IPRange.parse)),
            "high_risk_countries": .strings(["KP", "IR", "SY", "CU"].map { Array($0.utf8) }),
        ]
        func parse(_ text: String, _ context: RuleContext) throws -> CompiledExpression {
            let (parsed, diagnostics) = RulesParser.parse(
                text, options: ParseOptions(plan: .pro, context: context, lists: lists))
            guard let parsed else {
                throw ExpressionError(description: diagnostics.map(\.message).joined(separator: "; "))
            }
            return CompiledExpression(parsed)
        }
        let bots = ["sqlmap", "nikto", "masscan", "nmap", "zgrab", "dirbuster", "gobuster", "wpscan", "nuclei"]
            .map { #"lower(http.user_agent) contains "\#($0)""# }.joined(separator: " or ")
        let api = #"starts_with(http.request.uri.path, "/api/") or starts_with(http.request.uri.path, "/v1/")"#
        return EdgeConfiguration(
            customRules: [
                CustomRule(id: "block-bad-bots", condition: try parse(bots, .custom), action: .block),
                CustomRule(
                    id: "challenge-suspicious-ips", condition: try parse("ip.src in $suspicious_ips", .custom),
                    action: .managedChallenge),
                CustomRule(
                    id: "block-missing-user-agent", condition: try parse(#"http.user_agent eq """#, .custom),
                    action: .block),
                CustomRule(
                    id: "geo-block-high-risk", condition: try parse("ip.src.country in $high_risk_countries", .custom),
                    action: .block),
            ],
            rateLimitRules: [
                RateLimitRule(
                    id: "api-per-ip", condition: try parse(api, .rateLimit), characteristics: [.ipSource],
                    requests: 100, period: .seconds(60), mitigationTimeout: .seconds(60))
            ],
            managedRules: ManagedRulesConfiguration(cloudflareManaged: true),
            cacheRules: [
                CacheRule(
                    id: "cache-js-css",
                    condition: try parse(#"http.request.uri.path.extension in {"js" "css"}"#, .cache),
                    edgeTTL: .override(.seconds(7 * 86_400)),
                    browserTTL: BrowserTTLSetting(mode: .overrideOrigin, ttl: .seconds(86_400))),
                CacheRule(
                    id: "cache-images",
                    condition: try parse(#"http.request.uri.path.extension in {"png" "ico"}"#, .cache),
                    edgeTTL: .override(.seconds(30 * 86_400)),
                    browserTTL: BrowserTTLSetting(mode: .overrideOrigin, ttl: .seconds(7 * 86_400))),
                CacheRule(id: "bypass-api", condition: try parse(api, .cache), eligibility: .bypass),
            ],
            origin: OriginConfiguration(
                defaultResponse: OriginResponse(status: 200, latency: EdgeDuration(milliseconds: 40), size: 2048),
                routes: [
                    OriginRoute(
                        pathPattern: "/v1/incidents*",
                        response: OriginResponse(
                            latency: EdgeDuration(milliseconds: 80), size: 4096, contentType: "application/json")),
                    OriginRoute(
                        pathPattern: "/health",
                        response: OriginResponse(latency: EdgeDuration(milliseconds: 5), size: 64)),
                    OriginRoute(
                        pathPattern: "/guard/assets/*",
                        response: OriginResponse(
                            latency: EdgeDuration(milliseconds: 20),
                            size: 184_320)),
                ]))
    }

    /// `count` synthetic requests starting at `start` ms, 1,000 a second: Zipf-like paths, 5,000 clients plus
    /// two heavy hitters, a few scanners, suspicious networks and blocked countries.
    private func traffic(count: Int, startingAt start: Int, random: inout SplitMix64) -> [EdgeRequest] {
        let paths = [
            "/v1/incidents", "/guard/assets/app.js", "/guard/assets/app.css", "/guard/logo.png", "/favicon.ico",
            "/", "/health", "/v1/incidents/summary", "/api/guard/status", "/verify", "/metrics", "/assets/ops.js",
        ]
        let hosts = ["api.agenticverz.com", "console.agenticverz.com", "ops.agenticverz.com", "agenticverz.com"]
        let agents = [
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", "Mozilla/5.0 (Macintosh) Safari/605.1.15",
            "okhttp/4.12.0", "Mozilla/5.0 (compatible; Googlebot/2.1)",
        ]
        // Zipf weights 1/rank, as cumulative thresholds out of 1,000,000.
        let weights = paths.indices.map { 1 / Double($0 + 1) }
        var running = 0.0
        let thresholds = weights.map { weight -> UInt64 in
            running += weight
            return UInt64(running / weights.reduce(0, +) * 1_000_000)
        }
        return (0..<count).map { offset in
            let index = start + offset
            let roll = Int(random.next() % 1000)
            let draw = random.next() % 1_000_000
            let path = paths[thresholds.firstIndex { draw < $0 } ?? paths.count - 1]
            var ip: IPAddress
            if roll < 30 {
                ip = IPAddress(v4: 0xC633_6400 | UInt32(random.next() % 256))
            }  // 198.51.100.x
            else if roll < 80 {
                ip = IPAddress(v4: 0x0A00_0001)
            }  // heavy hitter
            else if roll < 110 {
                ip = IPAddress(v4: 0x0A00_0002)
            }  // second heavy hitter
            else {
                ip = IPAddress(v4: 0x6440_0000 | UInt32(random.next() % 5000))
            }  // 100.64.x.x clients
            var headers: [HTTPHeader] = [HTTPHeader("Accept", "*/*")]
            if roll != 999 {
                let agent = roll >= 990 ? "sqlmap/1.7.2#stable" : agents[Int(random.next() % UInt64(agents.count))]
                headers.append(HTTPHeader("User-Agent", agent))
            }
            var http = HTTPRequest()
            http.host = Array(hosts[Int(random.next() % UInt64(hosts.count))].utf8)
            http.path = Array(path.utf8)
            if random.next() % 4 == 0 { http.query = Array("page=\(random.next() % 5)".utf8) }
            http.headers = headers
            http.ip = ip
            http.country = Array((roll >= 980 && roll < 985 ? "KP" : (roll % 2 == 0 ? "SG" : "US")).utf8)
            http.colo = Array((roll % 10 == 0 ? "NRT" : "SIN").utf8)
            http.timestampMilliseconds = 1_766_224_800_000 + Int64(index)
            return EdgeRequest(http)
        }
    }

    @Test func wholeRequestPathThroughput() throws {
        let edge = try Edge(configuration: try exampleConfiguration())
        var random = SplitMix64(state: 42)
        let total = max(1, benchmarkRequests)
        let chunk = min(total, 62_500)
        var actions: [EdgeAction: Int] = [:]
        var statuses: [CacheStatus: Int] = [:]
        var elapsed = Duration.zero
        let clock = ContinuousClock()
        for start in stride(from: 0, to: total, by: chunk) {
            let requests = traffic(count: chunk, startingAt: start, random: &random)
            var decisions: [Decision] = []
            decisions.reserveCapacity(chunk)
            elapsed += clock.measure {
                for request in requests { decisions.append(edge.process(request)) }
            }
            for decision in decisions {
                actions[decision.action, default: 0] += 1
                statuses[decision.cacheStatus, default: 0] += 1
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "edge model: \(total) requests in \(String(format: "%.3f", seconds)) s = "
                + "\(String(format: "%.0f", Double(total) / seconds)) requests/s "
                + "(4 custom rules, 1 rate limit, 3 cache rules)"
        )
        print(
            "actions: "
                + actions.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(
                    separator: " "))
        print(
            "cache: "
                + statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(
                    separator: " "))
        print("rate-limit keys live: \(edge.rateLimitKeyCount), table slots: \(edge.rateLimitTableCapacity)")
        #expect(actions[.block, default: 0] > 0)
        #expect(statuses[.hit, default: 0] > 0)
    }
}
