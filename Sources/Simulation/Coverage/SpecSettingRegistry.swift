import EdgeCompiler
import EdgeModel
import EdgeSpec

/// Every spec setting and what replays do with it (`docs/decisions/0014-nothing-the-spec-says-is-silently-ignored.md`).
/// A test walks the spec schema and fails on a key that no entry covers, so a new key must be classified here.
public enum SpecSettingRegistry {
    /// The entries, in schema order.
    public static let settings: [SpecSetting] =
        specAndZone + customRules + managedRules + rateLimits + cacheRules + simulationInputs + configurationTargets

    /// The entry that classifies `schemaPath`: an exact entry first, else the `.*` entry covering it.
    public static func entry(for schemaPath: String) -> SpecSetting? {
        settings.first { $0.path == schemaPath } ?? settings.first { $0.covers(schemaPath) }
    }

    private static let note = SpecSetting.Treatment.notAnEdgeSetting("a note for readers")

    private static func simulated(_ paths: String...) -> [SpecSetting] {
        paths.map { SpecSetting(path: $0, treatment: .simulated) }
    }

    private static let specAndZone: [SpecSetting] = [
        SpecSetting(path: "version", treatment: .notAnEdgeSetting("the spec format's version")),
        SpecSetting(
            path: "zone.*",
            treatment: .notAnEdgeSetting("the zone's name and plan: the plan's limits are checked by `check`")),
        SpecSetting(
            path: "hosts.*", treatment: .notAnEdgeSetting("hosts and routes the traffic synthesiser and checks use")),
        SpecSetting(path: "lists", treatment: .simulated),
        SpecSetting(path: "lists.{name}.kind", treatment: .simulated),
        SpecSetting(path: "lists.{name}.items", treatment: .simulated),
        SpecSetting(path: "lists.{name}.description", treatment: note),
        SpecSetting(
            path: "lists.{name}.managed",
            treatment: .notAnEdgeSetting("how the list is emitted (an account list), not what a rule matches")),
    ]

    private static let customRules: [SpecSetting] =
        simulated(
            "waf", "waf[].id", "waf[].when", "waf[].action", "waf[].enabled", "waf[].response",
            "waf[].response.status", "waf[].skip", "waf[].skip.rest", "waf[].skip.phases")
        + [
            SpecSetting(path: "waf[].description", treatment: note),
            blockResponse("waf[].response.content_type", phase: .customRules) { edge in
                edge.customRules.filter { $0.enabled && $0.response != nil }.map(\.id)
            },
            blockResponse("waf[].response.body", phase: .customRules) { edge in
                edge.customRules.filter { $0.enabled && $0.response != nil }.map(\.id)
            },
        ]

    private static let managedRules: [SpecSetting] =
        simulated(
            "managed_rules", "managed_rules.when", "managed_rules.owasp", "managed_rules.owasp.enabled",
            "managed_rules.owasp.paranoia_level", "managed_rules.owasp.score_threshold", "managed_rules.owasp.action",
            "managed_rules.owasp.overrides", "managed_rules.owasp.overrides[].rule",
            "managed_rules.owasp.overrides[].tag", "managed_rules.owasp.overrides[].enabled",
            "managed_rules.owasp.overrides[].action", "managed_rules.skip", "managed_rules.skip[].id",
            "managed_rules.skip[].when", "managed_rules.skip[].ruleset", "managed_rules.skip[].rules")
        + [
            SpecSetting(
                path: "managed_rules.cloudflare.*",
                treatment: .notSimulated(
                    SpecSetting.NotSimulated(reach: .managedRulesPhase) { edge in
                        edge.managedRules?.cloudflare?.enabled ?? false ? [nil] : []
                    })),
            // Beside a CRS id or tag, a Cloudflare id only names the emitted override or skip; alone, it deploys
            // one the model cannot place among CRS's rules.
            SpecSetting(
                path: "managed_rules.owasp.overrides[].cloudflare_id",
                treatment: .notSimulated(
                    SpecSetting.NotSimulated(reach: .managedRulesPhase) { edge in
                        guard let owasp = edge.managedRules?.owasp, owasp.enabled else { return [] }
                        return owasp.overrides.filter { $0.reference == nil }.map(\.cloudflareID)
                    })),
            SpecSetting(
                path: "managed_rules.skip[].cloudflare_ids",
                treatment: .notSimulated(
                    SpecSetting.NotSimulated(reach: .managedRulesPhase) { edge in
                        guard edge.managedRules?.owasp?.enabled ?? false else { return [] }
                        return edge.managedRulesSkips.filter { $0.spec.rules == nil && $0.spec.cloudflareIDs != nil }
                            .map(\.id)
                    })),
        ]

    private static let rateLimits: [SpecSetting] =
        simulated(
            "rate_limits", "rate_limits[].id", "rate_limits[].when", "rate_limits[].counting_when",
            "rate_limits[].characteristics", "rate_limits[].requests", "rate_limits[].period", "rate_limits[].timeout",
            "rate_limits[].action", "rate_limits[].requests_to_origin", "rate_limits[].algorithm",
            "rate_limits[].burst", "rate_limits[].response", "rate_limits[].response.status", "rate_limits[].enabled")
        + [
            SpecSetting(path: "rate_limits[].description", treatment: note),
            blockResponse("rate_limits[].response.content_type", phase: .rateLimit) { edge in
                edge.rateLimitRules.filter { $0.spec.enabled && $0.spec.response != nil }.map(\.id)
            },
            blockResponse("rate_limits[].response.body", phase: .rateLimit) { edge in
                edge.rateLimitRules.filter { $0.spec.enabled && $0.spec.response != nil }.map(\.id)
            },
        ]

    private static let cacheRules: [SpecSetting] =
        simulated(
            "cache", "cache[].id", "cache[].when", "cache[].mode", "cache[].edge_ttl", "cache[].edge_ttl.mode",
            "cache[].edge_ttl.default", "cache[].edge_ttl.status_codes", "cache[].edge_ttl.status_codes[].code",
            "cache[].edge_ttl.status_codes[].from", "cache[].edge_ttl.status_codes[].to",
            "cache[].edge_ttl.status_codes[].ttl", "cache[].edge_ttl.status_codes[].no_store", "cache[].browser_ttl",
            "cache[].browser_ttl.mode", "cache[].browser_ttl.default", "cache[].cache_key",
            "cache[].cache_key.query_string", "cache[].cache_key.query_string.include",
            "cache[].cache_key.query_string.exclude", "cache[].cache_key.query_string.ignore",
            "cache[].cache_key.ignore_query_string_order", "cache[].cache_key.include_host", "cache[].serve_stale",
            "cache[].enabled")
        + [
            SpecSetting(path: "cache[].description", treatment: note),
            cacheSetting("cache[].cache_key.cache_deception_armor") { $0.cacheKey?.cacheDeceptionArmor == true },
            cacheSetting("cache[].respect_strong_etags") { $0.respectStrongETags },
        ]

    private static let simulationInputs: [SpecSetting] = [
        SpecSetting(path: "origin.*", treatment: .simulated),
        SpecSetting(path: "replay.*", treatment: .simulated),
        SpecSetting(path: "expect.*", treatment: .notAnEdgeSetting("the cases `test` runs through the edge model")),
        SpecSetting(
            path: "thresholds", treatment: .notAnEdgeSetting("the conditions `--spec-thresholds` checks after a run")),
        SpecSetting(path: "fail_on", treatment: .notAnEdgeSetting("the former name of `thresholds`")),
        SpecSetting(path: "redact.*", treatment: .notAnEdgeSetting("what reports and decision logs mask")),
        SpecSetting(path: "profiles.*", treatment: .notAnEdgeSetting("traffic profiles for `synth` and `whatif`")),
        SpecSetting(path: "lints", treatment: .notAnEdgeSetting("warnings acknowledged for `check`")),
    ]

    private static let configurationTargets: [SpecSetting] = [
        SpecSetting(
            path: "fly.*", treatment: .notAnEdgeSetting("written to fly.toml; `whatif` capacity reads the machines")),
        SpecSetting(path: "vault.*", treatment: .notAnEdgeSetting("written to vault.hcl")),
        SpecSetting(path: "redis.*", treatment: .notAnEdgeSetting("written to redis.conf and the ACL file")),
        SpecSetting(path: "app.*", treatment: .notAnEdgeSetting("what the app does per request, for `whatif` costs")),
        SpecSetting(path: "costs.*", treatment: .notAnEdgeSetting("prices for the `whatif` cost model")),
    ]

    private static func blockResponse(
        _ path: String, phase: EdgePhase, uses: @escaping @Sendable (CompiledEdge) -> [String]
    ) -> SpecSetting {
        SpecSetting(
            path: path,
            treatment: .notSimulated(SpecSetting.NotSimulated(reach: .answeredByRule(phase)) { uses($0) }))
    }

    private static func cacheSetting(_ path: String, _ uses: @escaping @Sendable (CacheRuleSpec) -> Bool)
        -> SpecSetting
    {
        SpecSetting(
            path: path,
            treatment: .notSimulated(
                SpecSetting.NotSimulated(reach: .cacheRules) { edge in
                    edge.cacheRules.filter { $0.spec.enabled && uses($0.spec) }.map(\.id)
                }))
    }
}
