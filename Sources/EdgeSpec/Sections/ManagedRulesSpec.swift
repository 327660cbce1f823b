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

/// OWASP Core Rule Set rules named in the spec: one rule by its CRS id (`942100`) or every rule carrying a CRS
/// tag (`attack-sqli`). Which ids exist is checked against the installed rule set (`ManagedRulesReferenceCheck`).
public struct CRSRuleReference: Sendable, Equatable {
    /// What the reference names.
    public enum Target: Sendable, Equatable {
        /// One rule, by its CRS id.
        case id(Int)
        /// Every rule carrying the tag (compared without case).
        case tag(String)
    }

    /// What the reference names.
    public var target: Target
    /// Where it is written.
    public var range: SourceRange

    /// A reference from its parts.
    public init(_ target: Target, range: SourceRange) {
        self.target = target
        self.range = range
    }
}

extension FieldType where Value == CRSRuleReference {
    /// A CRS rule id (an integer) or a CRS tag (a string).
    static var crsRule: FieldType<CRSRuleReference> {
        FieldType(
            schema: {
                .object([
                    ("oneOf", .array([.object([("type", "integer"), ("minimum", 1)]), .object([("type", "string")])]))
                ])
            },
            placeholder: { CRSRuleReference(.id(0), range: .wholeFile("")) }
        ) { node, context in
            if case let .scalar(scalar) = node, ScalarKind(scalar) == .integer {
                return FieldType<Int>.int(1...999_999_999).decode(node, context).map {
                    CRSRuleReference(.id($0), range: scalar.range)
                }
            }
            return FieldType<LocatedText>.located().decode(node, context).map {
                CRSRuleReference(.tag($0.text), range: $0.range)
            }
        }
    }

    /// A CRS rule id.
    static var crsRuleID: FieldType<CRSRuleReference> {
        FieldType(
            schema: { .object([("type", "integer"), ("minimum", 1)]) },
            placeholder: { CRSRuleReference(.id(0), range: .wholeFile("")) }
        ) { node, context in
            guard let id = FieldType<Int>.int(1...999_999_999).decode(node, context) else { return nil }
            return CRSRuleReference(.id(id), range: node.range)
        }
    }

    /// A CRS tag.
    static var crsTag: FieldType<CRSRuleReference> {
        FieldType<LocatedText>.located().map(placeholder: { CRSRuleReference(.tag(""), range: .wholeFile("")) }) {
            CRSRuleReference(.tag($0.text), range: $0.range)
        }
    }
}

/// One override of OWASP Core Rule Set rules, by CRS id or by tag: disable them, or change their action
/// (`docs/decisions/0021-managed-rules-exceptions-and-overrides.md`).
public struct OWASPOverrideSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An override of OWASP Core Rule Set rules, by CRS id (rule) or tag."
    /// The rule, by CRS id.
    public var rule: CRSRuleReference?
    /// The rules carrying this tag.
    public var tag: CRSRuleReference?
    /// Whether the rules run; false removes them everywhere.
    public var enabled: Bool?
    /// The action the rules take themselves when they match, instead of adding to the anomaly score.
    public var action: ManagedRuleAction?
    /// Cloudflare's id of the rule (or name of the category, for a tag) in its OWASP ruleset, for the emitted
    /// override. Alone, without `rule` or `tag`, it deploys an override the model cannot place among CRS's rules
    /// (reported as not simulated).
    public var cloudflareID: String?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// The rule or tag the override names.
    public var reference: CRSRuleReference? { rule ?? tag }
    /// Whether the emitted override is a category override: the override names a tag, or names only a Cloudflare
    /// id that is not a rule id (32 hexadecimal digits).
    public var namesCategory: Bool {
        if tag != nil { return true }
        if rule != nil { return false }
        return !(cloudflareID.map(CloudflareID.isWellFormed) ?? false)
    }

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OWASPOverrideSpec {
        OWASPOverrideSpec(
            rule: r.optional(
                "rule", .crsRuleID, "The CRS id of the rule, e.g. 942100 (or give tag, or only cloudflare_id)."),
            tag: r.optional("tag", .crsTag, "Every rule carrying this CRS tag, e.g. attack-sqli (or give rule)."),
            enabled: r.optional("enabled", .boolean, "false removes the rules from the ruleset."),
            action: r.optional(
                "action", .enumeration, "The action the rules take themselves on a match, instead of scoring."),
            cloudflareID: r.optional(
                "cloudflare_id", .string,
                "Cloudflare's rule id (for rule) or category (for tag) in its OWASP ruleset, to emit the override; "
                    + "alone, an override deployed but not simulated."),
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
    /// Rules disabled or given their own action, in order.
    public var overrides: [OWASPOverrideSpec]
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
            overrides: r.optional(
                "overrides", .array(ObjectReader.object(OWASPOverrideSpec.self, name: "an OWASP override")),
                default: [], "Rules disabled or given their own action, by CRS id or tag."),
            ranges: r.ranges)
    }
}

/// The managed rulesets a skip rule skips.
public enum ManagedRulesetName: String, CaseIterable, Sendable {
    /// The OWASP Core Ruleset.
    case owasp
    /// The Cloudflare Managed Ruleset.
    case cloudflare
    /// Both.
    case all
}

/// An exception of the managed rules phase: requests matching `when` skip a ruleset, or only some of its rules
/// (Cloudflare's WAF exceptions, `skip` rules placed before the rulesets).
public struct ManagedRulesSkipSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "An exception: matching requests skip managed rulesets or some of their rules."
    /// Stable id; becomes the skip rule's `ref`.
    public var id: LocatedText
    /// The Rules-language expression of the requests that skip.
    public var when: LocatedText
    /// The ruleset skipped.
    public var ruleset: ManagedRulesetName
    /// Only these OWASP rules are skipped (CRS ids or tags); nil skips the whole ruleset.
    public var rules: [CRSRuleReference]?
    /// Cloudflare's ids of the listed rules in its OWASP ruleset, for the emitted skip rule. Without `rules`, a
    /// skip the model cannot place among CRS's rules (reported as not simulated).
    public var cloudflareIDs: [String]?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ManagedRulesSkipSpec {
        ManagedRulesSkipSpec(
            id: r.required("id", .ruleID, "Stable id (lower-case letters, digits, - and _)."),
            when: r.required("when", .expression, "Rules-language expression of the requests that skip."),
            ruleset: r.optional("ruleset", .enumeration, default: .all, "owasp, cloudflare or all (default all)."),
            rules: r.optional(
                "rules", .array(.crsRule, minItems: 1),
                "Skip only these OWASP rules: CRS ids (942100) or tags (attack-sqli); needs ruleset: owasp."),
            cloudflareIDs: r.optional(
                "cloudflare_ids", .array(.string, minItems: 1),
                "Cloudflare's ids of the listed rules in its OWASP ruleset, to emit the rule-level skip; "
                    + "without rules, a skip deployed but not simulated."),
            ranges: r.ranges)
    }
}

/// Managed rules (phase http_request_firewall_managed): the OWASP Core Ruleset is simulated, the Cloudflare Managed
/// Ruleset only deployed.
public struct ManagedRulesSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "Managed WAF rulesets (Cloudflare Managed Ruleset and OWASP core ruleset)."
    /// The Cloudflare Managed Ruleset.
    public var cloudflare: CloudflareManagedSpec?
    /// The OWASP core ruleset.
    public var owasp: OWASPSpec?
    /// An expression scoping both rulesets (default `true`).
    public var when: LocatedText?
    /// Exceptions, evaluated in order before the rulesets.
    public var skip: [ManagedRulesSkipSpec]
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
            skip: r.optional(
                "skip", .array(ObjectReader.object(ManagedRulesSkipSpec.self, name: "a managed rules skip")),
                default: [], "Exceptions: requests that skip managed rulesets or some of their rules."),
            ranges: r.ranges)
    }
}
