import EdgeCore
import RulesLanguage

/// The in-process model of Cloudflare's edge on a virtual clock. Feed it requests in time order; each goes
/// through URL normalisation, WAF custom rules, rate limiting, (unsimulated) managed rules, cache rules, the
/// cache and the origin, in Cloudflare's phase order (reference §2.1), and comes back as a `Decision`.
///
/// The model is pure: a decision depends only on the configuration, the requests so far and the seed. Time is
/// each request's timestamp; the wall clock is never read. An `Edge` holds state (counters, caches) and is not
/// thread-safe; run one per thread or shard.
public final class Edge {
    /// The configuration the edge runs.
    public let configuration: EdgeConfiguration

    private let customRules: CustomRulesPhase
    private let rateLimits: RateLimitPhase
    private let cacheSettings: CacheSettingsPhase
    @exclusivity(unchecked) private var cache: CachePhase
    @exclusivity(unchecked) private var clock = VirtualClock()
    private let context = RequestContext(HTTPRequest())

    /// An edge running `configuration`; `seed` varies the key hashes (and so which keys would collide) without
    /// making runs irreproducible. Throws when the configuration has values the model cannot run on.
    public init(configuration: EdgeConfiguration, seed: UInt64 = 0) throws(EdgeConfigurationError) {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw EdgeConfigurationError(problems: problems) }
        self.configuration = configuration
        customRules = CustomRulesPhase(rules: configuration.customRules.filter(\.enabled))
        rateLimits = RateLimitPhase(rules: configuration.rateLimitRules.filter(\.enabled), seed: seed)
        cacheSettings = CacheSettingsPhase(rules: configuration.cacheRules.filter(\.enabled))
        cache = CachePhase(settings: cacheSettings, origin: OriginModel(configuration.origin),
                           capacityBytes: configuration.cacheCapacityBytesPerColo, seed: seed)
    }

    /// The virtual time of the latest request, in milliseconds since the epoch.
    public var currentTime: Int64 { clock.now }

    /// The number of rate-limit keys whose state can still affect a decision (expired keys are evicted as the
    /// table is swept, so this follows live keys rather than trace length).
    public var rateLimitKeyCount: Int { rateLimits.liveKeys }

    /// The number of slots in the rate-limit counter table.
    public var rateLimitTableCapacity: Int { rateLimits.tableCapacity }

    /// Objects and bytes in the cache of data centre `colo`.
    public func cacheUsage(colo: String) -> (objects: Int, bytes: Int64) {
        cache.usage(colo: Array(colo.utf8))
    }

    /// Processes one request.
    public func process(_ request: EdgeRequest) -> Decision {
        process(request, tracing: false)
    }

    /// Processes one request; with `tracing`, the decision carries a phase-by-phase `DecisionTrace`.
    public func process(_ request: EdgeRequest, tracing: Bool) -> Decision {
        let now = clock.advance(to: request.http.timestampMilliseconds)
        // URL normalisation (phase http_request_sanitize) happens inside the context: non-raw URI fields read the
        // normalised path, raw.* fields the original.
        context.reset(to: request.http)
        defer { context.releaseRequest() }
        var trace: DecisionTrace? = tracing ? DecisionTrace() : nil
        var decision = Decision(managedRules: configuration.managedRulesPresent ? .notReached : .notConfigured)

        let custom = customRules.run(context, solvedChallenge: request.solvedChallenge, trace: &trace)
        decision.solvedChallenge = custom.solvedChallenge
        if custom.terminatingRule >= 0 {
            decision.phase = .customRules
            decision.ruleID = customRules.rules[custom.terminatingRule].id
            decision.action = custom.action
            return edgeTerminated(decision, status: custom.status, trace: trace)
        }
        if custom.recordedRule >= 0 {
            decision.phase = .customRules
            decision.ruleID = customRules.rules[custom.recordedRule].id
            decision.action = custom.recordedAction
        }

        let rateLimitRuns = !rateLimits.rules.isEmpty && !custom.skipsRateLimit
        if rateLimitRuns {
            let limited = rateLimits.run(context, now: now, solvedChallenge: request.solvedChallenge, trace: &trace)
            decision.solvedChallenge = decision.solvedChallenge || limited.solvedChallenge
            if limited.terminatingRule >= 0 {
                decision.phase = .rateLimit
                decision.ruleID = rateLimits.rules[limited.terminatingRule].id
                decision.action = limited.action
                decision.rateLimit = limited.counter
                return edgeTerminated(decision, status: limited.status, trace: trace)
            }
            if limited.recordedRule >= 0, decision.phase == nil {
                decision.phase = .rateLimit
                decision.ruleID = rateLimits.rules[limited.recordedRule].id
                decision.action = limited.recordedAction
                decision.rateLimit = limited.counter
            }
        }

        if configuration.managedRulesPresent {
            decision.managedRules = custom.skipsManagedRules ? .skipped : .notSimulated
        }
        trace?.managedRules = decision.managedRules

        let resolved = cacheSettings.resolve(context, trace: &trace)
        let served = cache.serve(request, context: context, resolved: resolved, now: now, trace: &trace)
        decision.status = served.status
        decision.cacheStatus = served.cacheStatus
        decision.originContacted = served.originContacted
        decision.originLatencyMilliseconds = served.originLatency
        decision.bytes = served.bytes
        decision.browserTTLSeconds = served.browserTTL

        if rateLimitRuns, rateLimits.countsAfterResponse {
            context.reset(to: Self.withResponse(request.http, served))
            rateLimits.countAfterResponse(context, now: now, originContacted: served.originContacted, trace: &trace)
        }
        decision.trace = trace
        return decision
    }

    /// A request stopped at the edge: no cache, no origin.
    private func edgeTerminated(_ decision: Decision, status: Int, trace: DecisionTrace?) -> Decision {
        var decision = decision
        decision.status = status
        decision.cacheStatus = .unknown
        var trace = trace
        trace?.managedRules = decision.managedRules
        decision.trace = trace
        return decision
    }

    /// The request with the response side filled in for counting expressions: the status the client received
    /// and, unless the trace recorded response headers, the origin's Cache-Control and Content-Type.
    private static func withResponse(_ http: HTTPRequest, _ served: ServeOutcome) -> HTTPRequest {
        var responded = http
        responded.responseStatus = Int64(served.status)
        if responded.responseHeaders.isEmpty, let answer = served.answer {
            var headers: [HTTPHeader] = []
            if let value = answer.cacheControl { headers.append(HTTPHeader(name: Array("Cache-Control".utf8), value: value)) }
            if let value = answer.contentType { headers.append(HTTPHeader(name: Array("Content-Type".utf8), value: value)) }
            responded.responseHeaders = headers
        }
        return responded
    }
}
