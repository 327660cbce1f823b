import EdgeCore
import EdgeModel
import EdgeWire
import RulesLanguage
import Testing

/// A parse failure in a test's own expression text.
struct ExpressionError: Error, CustomStringConvertible {
    let description: String
}

/// Parses `text` for `context` on the enterprise plan (so every field is allowed).
func expression(_ text: String, _ context: RuleContext? = nil) throws -> Expression {
    let (parsed, diagnostics) = RulesParser.parse(text, options: ParseOptions(plan: .enterprise, context: context))
    guard let parsed else { throw ExpressionError(description: diagnostics.map(\.message).joined(separator: "; ")) }
    return parsed
}

/// Parses and compiles `text`.
func compiled(_ text: String, _ context: RuleContext? = nil) throws -> CompiledExpression {
    CompiledExpression(try expression(text, context))
}

/// Milliseconds from seconds, for readable timelines.
func seconds(_ value: Double) -> Int64 { Int64((value * 1000).rounded()) }

/// A request at `time` seconds; a `?` in `path` starts the query.
func request(
    _ path: String, at time: Double, method: String = "GET", host: String = "example.com", ip: String = "203.0.113.7",
    colo: String = "SIN", headers: [(String, String)] = [], response: RecordedResponse? = nil, solved: Bool = false
) -> EdgeRequest {
    var parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let pathPart = String(parts.removeFirst())
    let query = parts.first.map(String.init) ?? ""
    var http = HTTPRequest(
        method: method, host: host, path: pathPart, query: query, headers: headers,
        ip: IPAddress.parse(ip) ?? .zeroV4, country: "SG")
    http.colo = Array(colo.utf8)
    http.timestampMilliseconds = seconds(time)
    return EdgeRequest(http, response: response, solvedChallenge: solved)
}

/// What a scenario step expects; nil fields are not checked.
struct Expect {
    var action: EdgeAction = .allow
    var rule: String?
    var status: Int?
    var cache: CacheStatus?
    var origin: Bool?
    var phase: EdgePhase?

    static func allow(_ cache: CacheStatus? = nil, status: Int? = 200, origin: Bool? = nil) -> Expect {
        Expect(action: .allow, rule: nil, status: status, cache: cache, origin: origin)
    }

    static func blocked(by rule: String, status: Int, phase: EdgePhase? = nil, action: EdgeAction = .block) -> Expect {
        Expect(action: action, rule: rule, status: status, cache: .unknown, origin: false, phase: phase)
    }
}

/// One timed request and its expected outcome.
struct Step {
    let request: EdgeRequest
    let expect: Expect
    let location: Testing.SourceLocation

    init(_ request: EdgeRequest, _ expect: Expect, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        self.request = request
        self.expect = expect
        location = sourceLocation
    }
}

/// Runs the steps through `edge` in order, checking each decision; returns the decisions.
@discardableResult
func run(_ edge: Edge, _ steps: [Step]) -> [Decision] {
    steps.enumerated().map { number, step in
        let decision = edge.process(step.request)
        let label =
            "step \(number + 1) (\(String(decoding: step.request.http.method, as: UTF8.self)) "
            + "\(String(decoding: step.request.http.path, as: UTF8.self)) at "
            + "\(step.request.http.timestampMilliseconds) ms)"
        #expect(decision.action == step.expect.action, "\(label): action", sourceLocation: step.location)
        #expect(decision.ruleID == step.expect.rule, "\(label): rule", sourceLocation: step.location)
        if let status = step.expect.status {
            #expect(decision.status == status, "\(label): status", sourceLocation: step.location)
        }
        if let cache = step.expect.cache {
            #expect(decision.cacheStatus == cache, "\(label): cache status", sourceLocation: step.location)
        }
        if let origin = step.expect.origin {
            #expect(decision.originContacted == origin, "\(label): origin contacted", sourceLocation: step.location)
        }
        if let phase = step.expect.phase {
            #expect(decision.phase == phase, "\(label): phase", sourceLocation: step.location)
        }
        return decision
    }
}

/// A rate limiting rule for tests.
func rateLimit(
    _ id: String = "limit", when condition: String = "true", counting: String? = nil,
    countingUsesResponse: Bool = false,
    by characteristics: [RateLimitCharacteristic] = [.ipSource], requests: Int64, period: Double, timeout: Double,
    action: RateLimitAction = .block, algorithm: RateLimitAlgorithm = .cloudflare, burst: Int64? = nil,
    requestsToOrigin: Bool = false, lag: Double = 0, countsMitigated: Bool? = nil
) throws -> RateLimitRule {
    RateLimitRule(
        id: id, condition: try compiled(condition, .rateLimit),
        counting: try counting.map { try compiled($0, .counting) },
        countingUsesResponse: countingUsesResponse, characteristics: characteristics, requests: requests,
        period: EdgeDuration(milliseconds: seconds(period)),
        mitigationTimeout: EdgeDuration(milliseconds: seconds(timeout)),
        action: action, requestsToOrigin: requestsToOrigin, algorithm: algorithm, burst: burst,
        counterLag: EdgeDuration(milliseconds: seconds(lag)), countsMitigatedRequests: countsMitigated)
}

/// A cache rule for tests.
func cacheRule(
    _ id: String, when condition: String, _ eligibility: CacheEligibility? = .eligible, edgeTTL: EdgeTTLSetting? = nil,
    browserTTL: BrowserTTLSetting? = nil, cacheKey: CacheKeyOptions? = nil, serveStale: Bool? = nil
) throws -> CacheRule {
    CacheRule(
        id: id, condition: try compiled(condition, .cache), eligibility: eligibility, edgeTTL: edgeTTL,
        browserTTL: browserTTL, cacheKey: cacheKey, serveStale: serveStale)
}

/// An origin whose default answer sends `cacheControl` (none by default).
func origin(
    cacheControl: String? = nil, status: Int = 200, etag: String? = nil, latency: Double = 0.05, size: Int64 = 1000,
    expires: String? = nil, setCookies: [String] = [], routes: [OriginRoute] = [], outages: [OriginOutage] = []
) -> OriginConfiguration {
    OriginConfiguration(
        defaultResponse: OriginResponse(
            status: status, latency: EdgeDuration(milliseconds: seconds(latency)),
            cacheControl: cacheControl, expires: expires, size: size, setCookies: setCookies,
            etag: etag),
        routes: routes, outages: outages)
}

/// An outage from `from` to `until` seconds.
func outage(from: Double, until: Double, _ effect: OriginOutageEffect = .status(503)) -> OriginOutage {
    OriginOutage(fromMilliseconds: seconds(from), untilMilliseconds: seconds(until), effect: effect)
}

/// `EdgeDuration` from seconds.
func duration(_ value: Double) -> EdgeDuration { EdgeDuration(milliseconds: seconds(value)) }
