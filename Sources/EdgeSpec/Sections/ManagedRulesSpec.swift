import EdgeCore

/// How strictly the OWASP core ruleset's anomaly score blocks.
public enum OWASPScoreThreshold: String, CaseIterable, Sendable {
    /// Score 60 and above (fewest false positives).
    case low
    /// Score 40 and above.
    case medium
    /// Score 25 and above (most sensitive).
    case high

    /// The anomaly score Cloudflare uses for the level.
    public var score: Int {
        switch self {
        case .low: 60
        case .medium: 40
        case .high: 25
        }
    }
}

/// Actions a managed ruleset may be overridden to.
public enum ManagedRuleAction: String, CaseIterable, Sendable {
    /// Block.
    case block
    /// Managed challenge.
    case managed_challenge
    /// Interactive challenge.
    case challenge
    /// JavaScript challenge.
    case js_challenge
    /// Log only.
    case log
}

/// The Cloudflare Managed Ruleset switch.
public struct CloudflareManagedSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The Cloudflare Managed Ruleset."
    /// Whether it is deployed.
    public var enabled: Bool
    /// An action override for all its rules.
    public var action: ManagedRuleAction?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> CloudflareManagedSpec {
        CloudflareManagedSpec(
            enabled: r.required("enabled", .boolean, "Deploy the Cloudflare Managed Ruleset."),
            action: r.optional("action", .enumeration, "Override the action of every rule."),
            ranges: r.ranges)
    }
}

/// The Cloudflare OWASP core ruleset settings.
public struct OWASPSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "The Cloudflare OWASP core ruleset."
    /// The rule id an expect case names when the ruleset's score decides, as the edge model's decisions do.
    public static let ruleID = "owasp"
    /// Whether it is deployed.
    public var enabled: Bool
    /// Paranoia level 1–4.
    public var paranoiaLevel: Int
    /// Anomaly score threshold.
    public var scoreThreshold: OWASPScoreThreshold
    /// The action when the threshold is reached.
    public var action: ManagedRuleAction
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OWASPSpec {
        OWASPSpec(
            enabled: r.required("enabled", .boolean, "Deploy the OWASP core ruleset."),
            paranoiaLevel: r.optional(
                "paranoia_level", .int(1...4), default: 1,
                "Paranoia level 1–4 (higher catches more, with more false positives)."),
            scoreThreshold: r.optional(
                "score_threshold", .enumeration, default: .medium,
                "Anomaly score threshold: low (60), medium (40), high (25)."),
            action: r.optional("action", .enumeration, default: .block, "Action when the threshold is reached."),
            ranges: r.ranges)
    }
}

/// Managed rules (phase http_request_firewall_managed); deployed, but not simulated by the edge model.
public struct ManagedRulesSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Managed WAF rulesets (Cloudflare Managed Ruleset and OWASP core ruleset)."
    /// The Cloudflare Managed Ruleset.
    public var cloudflare: CloudflareManagedSpec?
    /// The OWASP core ruleset.
    public var owasp: OWASPSpec?
    /// An expression scoping both rulesets (default `true`).
    public var when: LocatedText?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ManagedRulesSpec {
        ManagedRulesSpec(
            cloudflare: r.optional(
                "cloudflare", ObjectReader.object(CloudflareManagedSpec.self, name: "managed_rules.cloudflare"),
                "The Cloudflare Managed Ruleset."),
            owasp: r.optional(
                "owasp", ObjectReader.object(OWASPSpec.self, name: "managed_rules.owasp"), "The OWASP core ruleset."),
            when: r.optional("when", .expression, "Expression scoping the managed rulesets (default true)."),
            ranges: r.ranges)
    }
}
