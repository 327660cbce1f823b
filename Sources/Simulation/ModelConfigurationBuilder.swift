import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import ManagedRules
import RulesLanguage
import Traces

/// Builds the edge model's configuration from the compiled spec, so what is simulated is what is deployed: the
/// same compiled expressions, limits and cache settings the emitters write.
public enum ModelConfigurationBuilder {
    /// The model configuration for `edge`; its rate limiting counters lag by `rateLimitDelay`, or by the spec's
    /// `replay.rate_limit_delay` when nil (`docs/cloudflare-semantics.md`, "Rate limiting: counting"). Throws when
    /// the spec deploys the OWASP Core Ruleset and its rules cannot be loaded.
    public static func configuration(for edge: CompiledEdge, rateLimitDelay: EdgeDuration? = nil)
        throws(ManagedRulesLoadError) -> EdgeConfiguration
    {
        let delay = self.rateLimitDelay(for: edge, override: rateLimitDelay)
        return EdgeConfiguration(
            customRules: edge.customRules.map(customRule),
            rateLimitRules: edge.rateLimitRules.map { rateLimitRule($0, counterDelay: delay) },
            managedRules: try managedRules(edge),
            cacheRules: edge.cacheRules.map(cacheRule),
            origin: origin(edge.origin))
    }

    /// The managed rules phase: the OWASP Core Ruleset (the compiled CRS, libmodsecurity behind it) with the spec's
    /// level, threshold, action and overrides (disabled rules removed, as `SecRuleRemoveById`); the Cloudflare
    /// Managed Ruleset only as deployed; the scope and the exceptions. Nil when the spec deploys neither ruleset.
    static func managedRules(_ edge: CompiledEdge) throws(ManagedRulesLoadError) -> ManagedRulesConfiguration? {
        let spec = edge.managedRules
        let cloudflare = spec?.cloudflare?.enabled ?? false
        var ruleset: OWASPRuleset?
        var references: ManagedRulesReferences?
        if let owasp = spec?.owasp, owasp.enabled {
            let resolver = ManagedRulesReferences(catalogue: try ModSecurityEngines.catalogue())
            let overrides = owaspOverrides(owasp.overrides, resolver)
            ruleset = OWASPRuleset(
                evaluator: ManagedRulesVerdictSlot(
                    source: try ModSecurityEngines.memoisedEvaluator(removedRuleIDs: overrides.disabled)),
                paranoiaLevel: owasp.paranoiaLevel, scoreThreshold: owasp.scoreThreshold.score,
                action: SpecEnumMapping.model(owasp.action), ruleActions: overrides.actions)
            references = resolver
        }
        guard ruleset != nil || cloudflare else { return nil }
        return ManagedRulesConfiguration(
            owasp: ruleset, cloudflareManaged: cloudflare, scope: edge.managedRulesScope?.compiled,
            skips: edge.managedRulesSkips.compactMap { skip in
                skipTarget(skip.spec, references).map {
                    ManagedRulesSkip(id: skip.id, condition: skip.when.compiled, target: $0)
                }
            })
    }

    /// The rules the overrides disable and the actions they give, by CRS id. Tag overrides apply first and rule
    /// overrides after them, each in spec order, so a rule override wins over a tag override of the same rule.
    static func owaspOverrides(_ overrides: [OWASPOverrideSpec], _ resolver: ManagedRulesReferences)
        -> (disabled: [Int], actions: [Int: ManagedRulesAction])
    {
        var enabled: [Int: Bool] = [:]
        var actions: [Int: ManagedRulesAction] = [:]
        let ordered = overrides.filter { $0.tag != nil } + overrides.filter { $0.tag == nil }
        for override in ordered {
            guard let reference = override.reference else { continue }
            for id in resolver.ruleIDs(reference) {
                if let value = override.enabled { enabled[id] = value }
                if let action = override.action { actions[id] = SpecEnumMapping.model(action) }
            }
        }
        let disabled = enabled.filter { !$0.value }.map(\.key).sorted()
        for id in disabled { actions[id] = nil }
        return (disabled, actions)
    }

    /// What an exception skips; listed rules resolve through the catalogue (none when OWASP is not deployed). Nil
    /// for an exception listing rules only by Cloudflare's ids: they cannot be placed among CRS's, so the model
    /// leaves the exception out rather than have decisions name it as applied (it is reported as not simulated).
    static func skipTarget(_ skip: ManagedRulesSkipSpec, _ resolver: ManagedRulesReferences?) -> ManagedRulesSkipTarget?
    {
        switch skip.ruleset {
        case .all: return .all
        case .cloudflare: return .cloudflareManaged
        case .owasp:
            guard let rules = skip.rules else { return skip.cloudflareIDs == nil ? .owasp : nil }
            return .owaspRules(Set(rules.flatMap { resolver?.ruleIDs($0) ?? [] }))
        }
    }

    static func customRule(_ rule: CompiledCustomRule) -> CustomRule {
        let action: EdgeModel.CustomRuleAction
        switch rule.action {
        case .block: action = .block
        case .challenge: action = .challenge
        case .managed_challenge: action = .managedChallenge
        case .js_challenge: action = .jsChallenge
        case .log: action = .log
        case .skip:
            action = .skip(
                SkipOptions(
                    rest: rule.skip?.rest ?? false, phases: Set((rule.skip?.phases ?? []).map(SpecEnumMapping.model))))
        }
        return CustomRule(
            id: rule.id, condition: rule.when.compiled, expression: rule.when.expression, action: action,
            enabled: rule.enabled, blockStatus: rule.response?.status ?? CustomRuleSpec.defaultBlockStatus)
    }

    /// The counter delay a model of `edge` runs with: `override` when given, else the spec's, else 0 s.
    public static func rateLimitDelay(for edge: CompiledEdge, override: EdgeDuration?) -> EdgeDuration {
        override ?? edge.replay?.rateLimitDelay ?? EdgeDuration(milliseconds: 0)
    }

    static func rateLimitRule(_ rule: CompiledRateLimitRule, counterDelay: EdgeDuration) -> EdgeModel.RateLimitRule {
        let spec = rule.spec
        let counting = rule.countingWhen
        return EdgeModel.RateLimitRule(
            id: rule.id, condition: rule.when.compiled, expression: rule.when.expression, counting: counting?.compiled,
            countingExpression: counting?.expression,
            countingUsesResponse: counting.map { EdgeModel.RateLimitRule.readsResponseFields($0.expression) } ?? false,
            characteristics: rule.counterKey,
            requests: spec.requests, period: spec.period, mitigationTimeout: spec.timeout,
            action: SpecEnumMapping.model(spec.action),
            blockStatus: spec.response?.status ?? RateLimitSpec.defaultBlockStatus,
            requestsToOrigin: spec.requestsToOrigin,
            algorithm: SpecEnumMapping.model(spec.algorithm), burst: spec.burst, counterLag: counterDelay,
            enabled: spec.enabled)
    }

    static func cacheRule(_ rule: CompiledCacheRule) -> EdgeModel.CacheRule {
        let spec = rule.spec
        let edgeTTL = spec.edgeTTL.map { ttl in
            EdgeTTLSetting(
                mode: SpecEnumMapping.model(ttl.mode), defaultTTL: ttl.defaultTTL,
                statusCodeTTLs: ttl.statusCodes.map { status in
                    let codes = status.code.map { $0...$0 } ?? (status.from ?? 100)...(status.to ?? 599)
                    return StatusCodeTTL(
                        codes: codes,
                        value: status.noStore ? .noStore : .ttl(status.ttl ?? EdgeDuration(milliseconds: 0)))
                })
        }
        let browserTTL = spec.browserTTL.map {
            BrowserTTLSetting(mode: SpecEnumMapping.model($0.mode), ttl: $0.defaultTTL)
        }
        let cacheKey = spec.cacheKey.map { key -> CacheKeyOptions in
            var query = QueryStringKey.all
            if let include = key.queryString?.include {
                query = .include(include)
            } else if let exclude = key.queryString?.exclude {
                query = .exclude(exclude)
            } else if key.queryString?.ignore == true {
                query = .ignore
            }
            return CacheKeyOptions(
                queryString: query, ignoreQueryOrder: key.ignoreQueryStringOrder, includeHost: key.includeHost)
        }
        return EdgeModel.CacheRule(
            id: rule.id, condition: rule.when.compiled, expression: rule.when.expression,
            eligibility: spec.mode == .eligible ? .eligible : .bypass, edgeTTL: edgeTTL, browserTTL: browserTTL,
            cacheKey: cacheKey, serveStale: spec.serveStale, enabled: spec.enabled)
    }

    static func origin(_ origin: OriginSpec?) -> OriginConfiguration {
        guard let origin else { return OriginConfiguration() }
        return OriginConfiguration(
            defaultResponse: origin.defaultResponse.map(response) ?? OriginResponse(),
            routes: origin.routes.map {
                OriginRoute(pathPattern: $0.path, method: $0.method, response: response($0.response))
            },
            outages: origin.outages.compactMap { outage in
                guard let from = milliseconds(outage.from), let until = milliseconds(outage.until) else { return nil }
                return OriginOutage(
                    fromMilliseconds: from, untilMilliseconds: until,
                    effect: outage.timeout ? .responseTimeout : .status(outage.status), pathPattern: outage.path)
            })
    }

    /// Epoch milliseconds of an RFC 3339 timestamp.
    static func milliseconds(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { TraceTimestamp.parseRFC3339($0) }
    }

    static func response(_ response: OriginResponseSpec) -> OriginResponse {
        OriginResponse(
            status: response.status, latency: response.latency, cacheControl: response.cacheControl,
            size: response.size.bytes,
            setCookies: response.setCookie ? ["session=1; Path=/"] : [], contentType: response.contentType)
    }
}
