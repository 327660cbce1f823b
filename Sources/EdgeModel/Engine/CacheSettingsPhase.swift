import RulesLanguage

/// Stacks cache rules (phase `http_request_cache_settings`): every matching rule applies in order and the last
/// match wins per setting (`docs/cloudflare-semantics.md`, "Cache rules").
struct CacheSettingsPhase {
    /// Which settings a rule sets, without reference-counted payloads so the loop copies nothing.
    private struct Sets {
        let eligibility: CacheEligibility?
        let edgeTTL: Bool
        let browserTTL: Bool
        let cacheKey: Bool
        let serveStale: Bool?
    }

    /// The enabled rules, in order.
    let rules: [CacheRule]
    private let conditions: CompiledExpressionList
    private let sets: [Sets]

    /// The phase for the enabled `rules`.
    init(rules: [CacheRule]) {
        self.rules = rules
        conditions = CompiledExpressionList(rules.map(\.condition))
        sets = rules.map { rule in
            Sets(
                eligibility: rule.eligibility, edgeTTL: rule.edgeTTL != nil, browserTTL: rule.browserTTL != nil,
                cacheKey: rule.cacheKey != nil, serveStale: rule.serveStale)
        }
    }

    /// The settings for the context's request; records each rule's match in `trace`.
    func resolve(_ context: RequestContext, trace: inout DecisionTrace?) -> ResolvedCacheSettings {
        var settings = ResolvedCacheSettings()
        for index in conditions.indices {
            let matched = conditions.evaluate(index, context)
            if trace != nil {
                let rule = rules[index]
                trace?.cacheRules.append(
                    RuleTrace(
                        ruleID: rule.id, matched: matched, outcome: matched ? "applies" : "no match",
                        explanation: rule.expression.map { explain($0, context) }))
            }
            guard matched else { continue }
            let rule = sets[index]
            if let eligibility = rule.eligibility {
                settings.eligibility = eligibility
                settings.eligibilityRule = index
            }
            if rule.edgeTTL { settings.edgeTTLRule = index }
            if rule.browserTTL { settings.browserTTLRule = index }
            if rule.cacheKey { settings.cacheKeyRule = index }
            if let serveStale = rule.serveStale {
                settings.serveStale = serveStale
                settings.serveStaleRule = index
            }
        }
        if trace != nil { trace?.cacheSettings = describe(settings) }
        return settings
    }

    /// The edge TTL setting in force, if a rule set one.
    func edgeTTL(_ settings: ResolvedCacheSettings) -> EdgeTTLSetting? {
        settings.edgeTTLRule >= 0 ? rules[settings.edgeTTLRule].edgeTTL : nil
    }

    /// The browser TTL setting in force, if a rule set one.
    func browserTTL(_ settings: ResolvedCacheSettings) -> BrowserTTLSetting? {
        settings.browserTTLRule >= 0 ? rules[settings.browserTTLRule].browserTTL : nil
    }

    /// The cache key options in force.
    func cacheKey(_ settings: ResolvedCacheSettings) -> CacheKeyOptions {
        settings.cacheKeyRule >= 0 ? (rules[settings.cacheKeyRule].cacheKey ?? .standard) : .standard
    }

    private func describe(_ settings: ResolvedCacheSettings) -> [AppliedSetting] {
        func rule(_ index: Int) -> String? { index >= 0 ? rules[index].id : nil }
        var applied: [AppliedSetting] = []
        applied.append(
            AppliedSetting(
                name: "cache", value: settings.eligibility?.rawValue ?? "default (GET/HEAD, default extensions)",
                ruleID: rule(settings.eligibilityRule)))
        if let ttl = edgeTTL(settings) {
            var value = ttl.mode.rawValue
            if let ttl = ttl.defaultTTL { value += " \(ttl)" }
            for entry in ttl.statusCodeTTLs {
                switch entry.value {
                case .ttl(let duration): value += ", \(entry.codes.lowerBound)-\(entry.codes.upperBound): \(duration)"
                case .noStore: value += ", \(entry.codes.lowerBound)-\(entry.codes.upperBound): no-store"
                }
            }
            applied.append(AppliedSetting(name: "edge_ttl", value: value, ruleID: rule(settings.edgeTTLRule)))
        }
        if let ttl = browserTTL(settings) {
            applied.append(
                AppliedSetting(
                    name: "browser_ttl", value: ttl.mode.rawValue + (ttl.ttl.map { " \($0)" } ?? ""),
                    ruleID: rule(settings.browserTTLRule)))
        }
        if settings.cacheKeyRule >= 0 {
            applied.append(
                AppliedSetting(
                    name: "cache_key", value: String(describing: cacheKey(settings)),
                    ruleID: rule(settings.cacheKeyRule)))
        }
        if settings.serveStaleRule >= 0 {
            applied.append(
                AppliedSetting(
                    name: "serve_stale", value: String(settings.serveStale),
                    ruleID: rule(settings.serveStaleRule)))
        }
        return applied
    }
}
