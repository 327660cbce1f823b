import EdgeCore
import EdgeSpec

/// What the zone's plan allows for rule counts, actions, responses, rate-limit timing, cache TTLs and keys, and
/// managed rulesets, read from `PlanAvailability` (`docs/cloudflare-semantics.md`, "Plan limits", "Rate limiting:
/// mitigation", "Managed rulesets").
struct PlanLimits {
    let spec: Spec
    let diagnostics: DiagnosticCollector

    var plan: CloudflarePlan { spec.zone.plan }
    var availability: PlanAvailability { .of(plan) }

    func run() {
        ruleCount(spec.waf.map(\.ranges.whole), limit: availability.customRules, of: "WAF custom rules")
        ruleCount(spec.rateLimits.map(\.ranges.whole), limit: availability.rateLimitRules, of: "rate limiting rules")
        ruleCount(spec.cache.map(\.ranges.whole), limit: availability.cacheRules, of: "cache rules")
        for rule in spec.waf {
            if rule.action == .log, plan != .enterprise {
                diagnostics.error("E0912", "the log action needs the enterprise plan", at: rule.ranges.value("action"))
            }
            if rule.response != nil, plan == .free {
                diagnostics.error(
                    "E0913", "custom block responses need the pro plan or above", at: rule.ranges.key("response"))
            }
        }
        for rule in spec.rateLimits { rateLimit(rule) }
        for rule in spec.cache where rule.mode == .eligible {
            cacheTTLs(rule)
            queryStringKey(rule)
        }
        if let managed = spec.managedRules { managedRulesets(managed) }
    }

    /// More rules of one kind than the plan allows, reported at the first rule past the limit.
    private func ruleCount(_ rules: [SourceRange], limit: Int, of kind: String) {
        guard rules.count > limit else { return }
        diagnostics.error(
            "E0911", "\(rules.count) \(kind); the \(plan.rawValue) plan allows \(limit)", at: rules[limit])
    }

    private func rateLimit(_ rule: RateLimitSpec) {
        let timeout = rule.timeout.seconds
        if !availability.acceptsPeriod(rule.period) {
            let supported =
                rule.period.milliseconds % 1000 == 0
                && PlanAvailability.supportedSeconds.contains(rule.period.seconds)
            diagnostics.error(
                "E0914",
                supported
                    ? "the \(plan.rawValue) plan does not offer a \(rule.period) period"
                    : "Cloudflare does not accept a \(rule.period) period",
                at: rule.ranges.value("period"),
                help: "the \(plan.rawValue) plan accepts periods of \(PlanAvailability.list(availability.periods))")
        }
        if rule.timeout.milliseconds != 0, !availability.acceptsTimeout(rule.timeout) {
            diagnostics.error(
                "E0915",
                rule.timeout > EdgeDuration.seconds(availability.longestTimeout)
                    ? "the \(plan.rawValue) plan allows mitigation timeouts up to "
                        + "\(EdgeDuration.seconds(availability.longestTimeout))"
                    : "the \(plan.rawValue) plan does not accept a \(rule.timeout) mitigation timeout",
                at: rule.ranges.value("timeout"),
                help: availability.customTimeouts
                    ? "use whole seconds up to \(EdgeDuration.seconds(availability.longestTimeout))"
                    : "the \(plan.rawValue) plan accepts timeouts of \(PlanAvailability.list(availability.timeouts))"
                        + (rule.action == .block ? "" : ", or 0s (throttle)"))
        }
        if timeout == 0, rule.action == .block, plan != .enterprise {
            diagnostics.error(
                "E0916", "throttling (timeout 0s) with block needs the enterprise plan",
                at: rule.ranges.value("timeout"),
                help: "give a mitigation timeout, e.g. 1m")
        }
        if timeout != 0, [.challenge, .managed_challenge, .js_challenge].contains(rule.action), plan != .enterprise {
            diagnostics.error(
                "E0916", "on the \(plan.rawValue) plan a challenge action needs timeout 0s",
                at: rule.ranges.value("timeout"),
                help: "set timeout: 0s")
        }
        if rule.action == .log, plan != .enterprise {
            diagnostics.error("E0912", "the log action needs the enterprise plan", at: rule.ranges.value("action"))
        }
    }

    /// The plan's shortest edge TTL and every plan's shortest browser TTL (`docs/cloudflare-semantics.md`,
    /// "Plan limits"); Cloudflare does not say it raises a shorter TTL, so a shorter one is an error
    /// (`docs/decisions/0012-plan-checks-follow-the-availability-tables.md`).
    private func cacheTTLs(_ rule: CacheRuleSpec) {
        let shortestEdge = EdgeDuration.seconds(availability.shortestEdgeTTL)
        if let edge = rule.edgeTTL, let ttl = edge.defaultTTL, ttl < shortestEdge {
            diagnostics.error(
                "E0931", "the \(plan.rawValue) plan's shortest edge TTL is \(shortestEdge); \(ttl) is not accepted",
                at: edge.ranges.values["default"] ?? rule.ranges.value("edge_ttl"),
                help: "set edge_ttl to \(shortestEdge) or more"
                    + (plan < .business ? ", or move the zone to the business plan (1s minimum)" : ""))
        }
        let shortestBrowser = EdgeDuration.seconds(PlanAvailability.shortestBrowserTTL)
        if let browser = rule.browserTTL, let ttl = browser.defaultTTL, ttl < shortestBrowser {
            diagnostics.error(
                "E0931", "the shortest browser TTL is \(shortestBrowser); \(ttl) is not accepted",
                at: browser.ranges.values["default"] ?? rule.ranges.value("browser_ttl"),
                help: "set browser_ttl to 1s or more, or `mode: bypass` to tell browsers not to cache")
        }
    }

    /// A cache key that includes or excludes listed query-string parameters is an Enterprise setting
    /// (`docs/cloudflare-semantics.md`, "Plan limits").
    private func queryStringKey(_ rule: CacheRuleSpec) {
        guard !availability.customQueryStringKeys else { return }
        if let query = rule.cacheKey?.queryString, query.include != nil || query.exclude != nil {
            diagnostics.error(
                "E0934",
                "a cache key that includes or excludes listed query-string parameters needs the enterprise plan",
                at: query.ranges.key(query.include != nil ? "include" : "exclude"),
                help:
                    "use `ignore: true` to leave the whole query string out of the key, or keep the whole query string")
        }
    }

    /// The Cloudflare Managed Ruleset and the OWASP Core Ruleset need a paid plan; the free plan has only the Free
    /// Managed Ruleset, which the spec cannot express (`docs/cloudflare-semantics.md`, "Managed rulesets").
    private func managedRulesets(_ managed: ManagedRulesSpec) {
        guard !availability.paidManagedRulesets else { return }
        let help =
            "remove it, or move the zone to the pro plan; the free plan's Free Managed Ruleset is deployed from the "
            + "Cloudflare dashboard (docs/decisions/0012-plan-checks-follow-the-availability-tables.md)"
        if managed.cloudflare != nil {
            diagnostics.error(
                "E0932", "the Cloudflare Managed Ruleset needs the pro plan or above",
                at: managed.ranges.key("cloudflare"), help: help)
        }
        if managed.owasp != nil {
            diagnostics.error(
                "E0932", "the Cloudflare OWASP Core Ruleset needs the pro plan or above",
                at: managed.ranges.key("owasp"), help: help)
        }
    }
}
