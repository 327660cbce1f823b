import EdgeCore
import EdgeSpec
import RulesLanguage

/// A checked spec lowered for the emitters and the edge model: the sections each target needs, the spec's file
/// name (never a path) and the hash of the canonical compiled spec, which provenance headers and `MANIFEST.json`
/// carry. Emitters read nothing else.
public struct CompiledEdge: Sendable {
    /// The spec's file name, e.g. `edge.yaml`.
    public let specName: String
    /// SHA-256 of the canonical compiled spec: the sections that shape emitted files (independent of comments,
    /// layout and key order in the YAML, and of simulation-only sections such as `expect` and `origin`).
    public let specHash: String
    /// The Cloudflare zone.
    public let zone: ZoneSpec
    /// The Fly.io app, if the spec has one.
    public let fly: FlySpec?
    /// The Vault server, if the spec has one.
    public let vault: VaultSpec?
    /// Redis, if the spec has one.
    public let redis: RedisSpec?
    /// WAF custom rules in evaluation order.
    public let customRules: [CompiledCustomRule]
    /// Rate limiting rules in evaluation order.
    public let rateLimitRules: [CompiledRateLimitRule]
    /// Cache rules in evaluation order.
    public let cacheRules: [CompiledCacheRule]
    /// Managed rulesets settings, if any.
    public let managedRules: ManagedRulesSpec?
    /// The expression scoping the managed rulesets (nil = `true`).
    public let managedRulesScope: CompiledRuleExpression?
    /// Managed rules exceptions, in order.
    public let managedRulesSkips: [CompiledManagedRulesSkip]
    /// Lists emitted as Cloudflare account lists.
    public let managedLists: [ManagedList]
    /// The spec's test cases.
    public let expectations: [ExpectCaseSpec]
    /// The spec's named lists as the Rules language reads them.
    public let namedLists: [String: NamedList]
    /// The simulated origin.
    public let origin: OriginSpec?
    /// The spec's thresholds (`--spec-thresholds` on replay and whatif).
    public let thresholds: [ThresholdSpec]
    /// What replay reports redact.
    public let redact: RedactSpec?
    /// How replays model the edge (the rate-limit counter delay).
    public let replay: ReplaySpec?
    /// The app behind the edge (cost model).
    public let app: AppSpec?
    /// Prices (the defaults of `docs/costs.md` when the spec has no `costs`).
    public let costs: CostsSpec?
    /// Load profiles by name.
    public let profiles: [(key: LocatedText, value: ProfileSpec)]
    /// Hosts and their routes (for synthetic traffic).
    public let hosts: [HostSpec]

    /// The first 12 hex digits of `specHash`, for headers.
    public var shortHash: String { String(specHash.prefix(12)) }
}

/// Lowers a checked spec into `CompiledEdge`, reporting what a target cannot express as warnings that point at the
/// spec.
public enum EdgeCompiler {
    /// Compiles `checked`, read from `specPath` (only its last path component is kept); nil when an expression,
    /// characteristic or plan limit is in error (reported). What emitted files approximate is reported too, as
    /// warnings, so that `check` and `build` report the same findings.
    public static func compile(
        _ checked: CheckedSpec, specPath: String, diagnostics: DiagnosticCollector
    ) -> CompiledEdge? {
        let spec = checked.spec
        PlanLimits(spec: spec, diagnostics: diagnostics).run()
        TargetLimits(spec: spec, diagnostics: diagnostics).run()
        let rules = RuleCompiler(spec: spec, source: checked.source, diagnostics: diagnostics)
        let customRules = rules.customRules(), rateLimitRules = rules.rateLimitRules(), cacheRules = rules.cacheRules()
        let scope = rules.managedRulesScope(), managedSkips = rules.managedRulesSkips()
        guard !diagnostics.hasErrors else { return nil }
        let name = specPath.split(separator: "/").last.map(String.init) ?? specPath
        return CompiledEdge(
            specName: name, specHash: SHA256Digest.hex(CanonicalForm.text(of: DeployedSections(spec))), zone: spec.zone,
            fly: spec.fly, vault: spec.vault, redis: spec.redis, customRules: customRules,
            rateLimitRules: rateLimitRules,
            cacheRules: cacheRules, managedRules: spec.managedRules, managedRulesScope: scope,
            managedRulesSkips: managedSkips,
            managedLists: spec.lists.filter { $0.value.managed }.map {
                ManagedList(
                    name: $0.key.text, kind: $0.value.kind, items: $0.value.items.map(\.text),
                    description: $0.value.description)
            },
            expectations: spec.expect, namedLists: rules.lists, origin: spec.origin, thresholds: spec.thresholds,
            redact: spec.redact, replay: spec.replay, app: spec.app, costs: spec.costs, profiles: spec.profiles,
            hosts: spec.hosts)
    }
}

/// The parts of a spec that shape the emitted files; their canonical form is what `specHash` covers.
private struct DeployedSections {
    let version: Int
    let zone: ZoneSpec
    let lists: [(key: LocatedText, value: ListSpec)]
    let waf: [CustomRuleSpec]
    let managedRules: ManagedRulesSpec?
    let rateLimits: [RateLimitSpec]
    let cache: [CacheRuleSpec]
    let fly: FlySpec?
    let vault: VaultSpec?
    let redis: RedisSpec?

    init(_ spec: Spec) {
        version = spec.version
        zone = spec.zone
        lists = spec.lists
        waf = spec.waf
        managedRules = spec.managedRules
        rateLimits = spec.rateLimits
        cache = spec.cache
        fly = spec.fly
        vault = spec.vault
        redis = spec.redis
    }
}
