import EdgeCore
import EdgeWire
import RulesLanguage

/// The in-process model of Cloudflare's edge on a virtual clock. Feed it requests in time order; each goes through URL
/// normalisation, WAF custom rules, rate limiting, managed rules (the OWASP Core Ruleset), cache rules, the cache and
/// the origin,
/// in Cloudflare's phase order (`docs/cloudflare-semantics.md`, "Phase order"), and comes back as a `Decision`.
///
/// The model is pure: a decision depends only on the configuration, the requests so far and the seed. Time is
/// each request's timestamp; the wall clock is never read. An `Edge` holds state (counters, caches) and is not
/// thread-safe; run one per thread or shard.
public final class Edge {
    /// The configuration the edge runs.
    public let configuration: EdgeConfiguration

    private let customRules: CustomRulesPhase
    private let rateLimits: RateLimitPhase
    private let managedPhase: ManagedRulesPhase?
    private let cacheSettings: CacheSettingsPhase
    @exclusivity(unchecked) private var cache: CachePhase
    @exclusivity(unchecked) private var clock = VirtualClock()
    private let context = RequestContext(HTTPRequest())

    /// An edge running `configuration`; `seed` varies the key hashes (and so which keys would collide) without
    /// making runs irreproducible. Throws when the configuration has values the model cannot run on.
    public convenience init(configuration: EdgeConfiguration, seed: UInt64 = 0) throws(EdgeConfigurationError) {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw EdgeConfigurationError(problems: problems) }
        self.init(checked: configuration, seed: seed)
    }

    /// An edge running `configuration`, which has no `problems()` (checked once by the caller, which builds one edge
    /// per data centre).
    public init(checked configuration: EdgeConfiguration, seed: UInt64 = 0) {
        self.configuration = configuration
        customRules = CustomRulesPhase(rules: configuration.customRules.filter(\.enabled))
        rateLimits = RateLimitPhase(rules: configuration.rateLimitRules.filter(\.enabled), seed: seed)
        managedPhase = configuration.managedRules.map(ManagedRulesPhase.init(configuration:))
        cacheSettings = CacheSettingsPhase(rules: configuration.cacheRules.filter(\.enabled))
        cache = CachePhase(
            settings: cacheSettings, origin: OriginModel(configuration.origin),
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
        let decision = decide(request, now: now, tracing: tracing)
        context.releaseRequest()
        return decision
    }

    /// The phases for the request the context holds, at `now`.
    private func decide(_ request: EdgeRequest, now: Int64, tracing: Bool) -> Decision {
        var trace: DecisionTrace? = tracing ? DecisionTrace() : nil
        // The outcome is kept in locals and the decision built once at the end: a `Decision` variable updated
        // field by field is copied and destroyed whole along the way.
        var phase: EdgePhase?
        var ruleID: String?
        var action = EdgeAction.allow
        var rateLimit: RateLimitOutcome?
        var managedRules: ManagedRulesOutcome = configuration.managedRules == nil ? .notConfigured : .notReached
        var passedThroughCounterDelay = false

        let custom = customRules.run(context, solvedChallenge: request.solvedChallenge, trace: &trace)
        var solvedChallenge = custom.rules.solvedChallenge
        if custom.rules.terminatingRule >= 0 {
            trace?.managedRules = managedRules
            return Decision(
                phase: .customRules, ruleID: customRules.rules[custom.rules.terminatingRule].id,
                action: custom.rules.action, status: custom.rules.status, cacheStatus: .unknown,
                managedRules: managedRules, solvedChallenge: solvedChallenge, trace: trace)
        }
        if custom.rules.recordedRule >= 0 {
            phase = .customRules
            ruleID = customRules.rules[custom.rules.recordedRule].id
            action = custom.rules.recordedAction
        }

        let rateLimitRuns = !rateLimits.rules.isEmpty && !custom.skipsRateLimit
        var skipsCache = false
        if rateLimitRuns {
            let limited = rateLimits.run(context, now: now, solvedChallenge: request.solvedChallenge, trace: &trace)
            solvedChallenge = solvedChallenge || limited.rules.solvedChallenge
            passedThroughCounterDelay = limited.passedThroughCounterDelay
            skipsCache = limited.skipsCache
            if limited.rules.terminatingRule >= 0 {
                trace?.managedRules = managedRules
                return Decision(
                    phase: .rateLimit, ruleID: rateLimits.rules[limited.rules.terminatingRule].id,
                    action: limited.rules.action, status: limited.rules.status, cacheStatus: .unknown,
                    rateLimit: limited.counter, managedRules: managedRules, solvedChallenge: solvedChallenge,
                    trace: trace)
            }
            if limited.rules.recordedRule >= 0, phase == nil {
                phase = .rateLimit
                ruleID = rateLimits.rules[limited.rules.recordedRule].id
                action = limited.rules.recordedAction
                rateLimit = limited.counter
            }
        }

        var verdict: ManagedRulesVerdict?
        var managedSkips: [String] = []
        if let managedPhase {
            let managed = managedPhase.run(request, context: context, skipped: custom.skipsManagedRules)
            managedRules = managed.outcome
            verdict = managed.verdict
            managedSkips = managed.skipIDs
            trace?.managedRulesSkips = managedSkips
            solvedChallenge = solvedChallenge || managed.solvedChallenge
            if trace != nil, let verdict, let owasp = configuration.managedRules?.owasp {
                trace?.owasp = OWASPTrace(ruleset: owasp, verdict: verdict, solvedChallenge: managed.solvedChallenge)
            }
            if let managedAction = managed.action {
                if managedAction.terminates {
                    trace?.managedRules = managedRules
                    return Decision(
                        phase: .managedRules, ruleID: OWASPRuleset.ruleID, action: managedAction,
                        status: managed.status, cacheStatus: .unknown, rateLimit: rateLimit,
                        managedRules: managedRules, managedRulesVerdict: verdict, managedRulesSkips: managedSkips,
                        solvedChallenge: solvedChallenge, passedThroughCounterDelay: passedThroughCounterDelay,
                        trace: trace)
                }
                if phase == nil {
                    phase = .managedRules
                    ruleID = OWASPRuleset.ruleID
                    action = managedAction
                }
            }
        }
        trace?.managedRules = managedRules

        let resolved = cacheSettings.resolve(context, trace: &trace)
        let served = cache.serve(
            request, context: context, resolved: resolved, now: now, skippingCache: skipsCache, trace: &trace)
        if rateLimitRuns, rateLimits.countsAfterResponse {
            context.reset(to: Self.withResponse(request.http, served))
            rateLimits.countAfterResponse(context, now: now, originContacted: served.originContacted, trace: &trace)
        }
        return Decision(
            phase: phase, ruleID: ruleID, action: action, status: served.status, cacheStatus: served.cacheStatus,
            originContacted: served.originContacted, originLatencyMilliseconds: served.originLatency,
            bytes: served.bytes, browserTTLSeconds: served.browserTTL, rateLimit: rateLimit,
            managedRules: managedRules, managedRulesVerdict: verdict, managedRulesSkips: managedSkips,
            solvedChallenge: solvedChallenge, passedThroughCounterDelay: passedThroughCounterDelay, trace: trace)
    }

    /// The request with the response side filled in for counting expressions: the status the client received
    /// and, unless the trace recorded response headers, the origin's Cache-Control and Content-Type.
    private static func withResponse(_ http: HTTPRequest, _ served: ServeOutcome) -> HTTPRequest {
        var responded = http
        responded.responseStatus = Int64(served.status)
        if responded.responseHeaders.isEmpty, let answer = served.answer {
            var headers: [HTTPHeader] = []
            if let value = answer.cacheControl {
                headers.append(HTTPHeader(name: Array("Cache-Control".utf8), value: value))
            }
            if let value = answer.contentType {
                headers.append(HTTPHeader(name: Array("Content-Type".utf8), value: value))
            }
            responded.responseHeaders = headers
        }
        return responded
    }
}
