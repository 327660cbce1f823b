import EdgeCore

/// A whole `edge.yaml`, typed. Every section is optional except `version` and `zone`; outputs follow what is present.
public struct Spec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An EdgeProof spec: one typed description of an API's edge and the services behind it."
    /// Spec format version (1).
    public var version: Int
    /// The Cloudflare zone.
    public var zone: ZoneSpec
    /// Hosts served.
    public var hosts: [HostSpec]
    /// Named lists, in source order.
    public var lists: [(key: LocatedText, value: ListSpec)]
    /// WAF custom rules, in evaluation order.
    public var waf: [CustomRuleSpec]
    /// Managed rulesets.
    public var managedRules: ManagedRulesSpec?
    /// Rate limiting rules, in evaluation order.
    public var rateLimits: [RateLimitSpec]
    /// Cache rules, in evaluation order.
    public var cache: [CacheRuleSpec]
    /// The Fly.io app.
    public var fly: FlySpec?
    /// The Vault server.
    public var vault: VaultSpec?
    /// Redis.
    public var redis: RedisSpec?
    /// The simulated origin.
    public var origin: OriginSpec?
    /// Prices.
    public var costs: CostsSpec?
    /// Test cases.
    public var expect: [ExpectCaseSpec]
    /// Thresholds applied with `replay --spec-thresholds` and `whatif --spec-thresholds` (the `thresholds`
    /// section, or its former name `fail_on`).
    public var thresholds: [ThresholdSpec]
    /// What replay reports redact.
    public var redact: RedactSpec?
    /// How replays model the edge.
    public var replay: ReplaySpec?
    /// The app behind the edge (cost model).
    public var app: AppSpec?
    /// Load profiles for `synth` and `whatif --add-profile`, by name.
    public var profiles: [(key: LocatedText, value: ProfileSpec)]
    /// Warnings the team acknowledges, by id, each with its reason (`LintAcknowledgements`).
    public var lints: [(key: LocatedText, value: LocatedText)]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> Spec {
        Spec(
            version: r.required("version", .int(1...1), "Spec format version; 1."),
            zone: r.required("zone", ObjectReader.object(ZoneSpec.self, name: "zone"), "The Cloudflare zone."),
            hosts: r.optional(
                "hosts", .array(ObjectReader.object(HostSpec.self, name: "host")), default: [],
                "Hosts served through the zone."),
            lists: r.optional(
                "lists",
                .map(
                    ObjectReader.object(ListSpec.self, name: "list"), keyPattern: ListSpec.namePattern,
                    validKey: ListSpec.validName), default: [], "Named lists used as $name."),
            waf: r.optional(
                "waf", .array(ObjectReader.object(CustomRuleSpec.self, name: "WAF rule")), default: [],
                "WAF custom rules in evaluation order."),
            managedRules: r.optional(
                "managed_rules", ObjectReader.object(ManagedRulesSpec.self, name: "managed_rules"),
                "Managed WAF rulesets."),
            rateLimits: r.optional(
                "rate_limits", .array(ObjectReader.object(RateLimitSpec.self, name: "rate limit")), default: [],
                "Rate limiting rules."),
            cache: r.optional(
                "cache", .array(ObjectReader.object(CacheRuleSpec.self, name: "cache rule")), default: [],
                "Cache rules; later matches override earlier ones per setting."),
            fly: r.optional("fly", ObjectReader.object(FlySpec.self, name: "fly"), "The Fly.io app."),
            vault: r.optional("vault", ObjectReader.object(VaultSpec.self, name: "vault"), "The Vault server."),
            redis: r.optional("redis", ObjectReader.object(RedisSpec.self, name: "redis"), "Redis."),
            origin: r.optional("origin", ObjectReader.object(OriginSpec.self, name: "origin"), "The simulated origin."),
            costs: r.optional(
                "costs", ObjectReader.object(CostsSpec.self, name: "costs"), "Prices for the cost model."),
            expect: r.optional(
                "expect", .array(ObjectReader.object(ExpectCaseSpec.self, name: "expect case")), default: [],
                "Request → expected outcome cases."),
            thresholds: readThresholds(r),
            redact: r.optional(
                "redact", ObjectReader.object(RedactSpec.self, name: "redact"), "What replay reports redact."),
            replay: r.optional(
                "replay", ObjectReader.object(ReplaySpec.self, name: "replay"),
                "How replay, whatif, diff and test model the edge."),
            app: r.optional(
                "app", ObjectReader.object(AppSpec.self, name: "app"), "The app behind the edge, for the cost model."),
            profiles: r.optional(
                "profiles",
                .map(ObjectReader.object(ProfileSpec.self, name: "profile"), keyPattern: "^[a-z0-9][a-z0-9_-]*$"),
                default: [],
                "Load profiles for synth and whatif --add-profile, by name."),
            lints: r.optional(
                "lints", LintAcknowledgements.fieldType, default: [],
                "Warnings acknowledged with a reason, by id, e.g. W0509: \"staging runs one machine\"; shown as notes, "
                    + "never errors under --strict."),
            ranges: r.ranges)
    }

    /// `thresholds`, or `fail_on`, its former name, when only that is written (`SpecSemantics` warns about it).
    private static func readThresholds(_ r: ObjectReader) -> [ThresholdSpec] {
        let thresholds = r.optional(
            "thresholds", .thresholds,
            "Conditions that must hold when applied with --spec-thresholds (k6's thresholds), e.g. block_rate: "
                + "\"<0.1%\".")
        let failOn = r.optional("fail_on", .thresholds, "The former name of thresholds; write thresholds.")
        return thresholds ?? failOn ?? []
    }
}
