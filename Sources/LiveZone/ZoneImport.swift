import EdgeCore
import Yams

/// The four phases EdgeProof emits, in the order the spec lists their sections.
public enum RulesetPhase: String, CaseIterable, Sendable {
    /// WAF custom rules (`waf`).
    case custom = "http_request_firewall_custom"
    /// Managed rules (`managed_rules`).
    case managed = "http_request_firewall_managed"
    /// Rate limiting rules (`rate_limits`).
    case rateLimit = "http_ratelimit"
    /// Cache rules (`cache`).
    case cache = "http_request_cache_settings"

    /// The spec section the phase's rules go to.
    public var section: String {
        switch self {
        case .custom: "waf"
        case .managed: "managed_rules"
        case .rateLimit: "rate_limits"
        case .cache: "cache"
        }
    }
}

/// A rule `import` could not write in the spec: where it was and why. The rule is kept in the output as a comment.
public struct ImportNote: Sendable, Equatable, CustomStringConvertible {
    /// The phase the rule is in.
    public var phase: RulesetPhase
    /// The rule: its description, else its ref, else its position.
    public var rule: String
    /// What the spec lacks.
    public var reason: String

    /// `http_ratelimit rule 'name': reason`.
    public var description: String { "\(phase.rawValue) rule '\(rule)': \(reason)" }
}

/// Writes a spec from a zone's entrypoint rulesets: custom rules, rate limits, cache rules and managed rulesets
/// with their exceptions, keeping ids (the `[id]` description prefix EdgeProof writes, else one made from the
/// description) and expressions as they are. A rule the spec cannot hold is reported and kept as a comment.
public enum ZoneImport {
    /// The spec text and the rules left out.
    public struct Result: Sendable {
        /// The spec, YAML.
        public var text: String
        /// The rules kept only as comments, in phase order.
        public var notes: [ImportNote]
        /// How many rules the spec holds.
        public var imported: Int
    }

    /// The spec for zone `zoneName` on `plan` from each phase's ruleset (nil: the phase has no entrypoint).
    /// `source` says where the rulesets came from, for the header comment.
    public static func spec(
        rulesets: [RulesetPhase: JSONValue], zoneName: String, plan: String, source: String
    ) -> Result {
        let identities = Self.identities(rulesets)
        var notes: [ImportNote] = []
        var imported = 0
        var sections: [(phase: RulesetPhase, node: Node?, comments: [String])] = []
        for phase in RulesetPhase.allCases {
            let rules = rulesets[phase]?["rules"]?.arrayValue ?? []
            var entries: [Node] = []
            var comments: [String] = []
            var managed = ManagedRulesImport()
            for (index, rule) in rules.enumerated() {
                let description = rule["description"]?.stringValue
                let name = SecretPatterns.redacted(
                    description.flatMap { $0.isEmpty ? nil : $0 } ?? rule["ref"]?.stringValue ?? "rule \(index + 1)")
                let identity = identities[phase]?[index] ?? nil
                do throws(Unrepresentable) {
                    if let credential = SecretPatterns.matchesInLine(rule.compact).first {
                        throw Unrepresentable(
                            "the rule holds \(credential.kind); a spec never holds a credential, so it stays on the "
                                + "zone and out of the spec")
                    }
                    switch phase {
                    case .managed:
                        try managed.add(rule, identity: identity)
                    case .custom:
                        entries.append(try CustomRuleImport.entry(rule, identity: try Self.require(identity)))
                    case .rateLimit:
                        entries.append(try RateLimitImport.entry(rule, identity: try Self.require(identity)))
                    case .cache:
                        entries.append(try CacheRuleImport.entry(rule, identity: try Self.require(identity)))
                    }
                    imported += 1
                } catch {
                    notes.append(ImportNote(phase: phase, rule: name, reason: error.reason))
                    comments.append("Not imported: rule '\(name)': \(error.reason).")
                    comments.append("  " + SecretPatterns.redacted(rule.compact))
                }
            }
            let node = phase == .managed ? managed.section : (entries.isEmpty ? nil : SpecNode.list(entries))
            sections.append((phase, node, comments))
        }
        var text = "# Imported by EdgeProof from \(source).\n"
        text +=
            notes.isEmpty ? "" : "# \(notes.count) rule(s) could not be written in the spec: see the comments below.\n"
        text += yaml(
            SpecNode.mapping([
                ("version", SpecNode.integer(1)),
                ("zone", SpecNode.mapping([("name", SpecNode.text(zoneName)), ("plan", SpecNode.text(plan))])),
            ]))
        for section in sections {
            if !section.comments.isEmpty {
                text += "\n# \(section.phase.rawValue) (\(section.phase.section)):\n"
                text += section.comments.map { "# " + $0.replacingNewlines + "\n" }.joined()
            }
            if let node = section.node { text += yaml(SpecNode.mapping([(section.phase.section, node)])) }
        }
        return Result(text: text, notes: notes, imported: imported)
    }

    /// The spec identity of each rule of each phase, as `spec` gives them (nil for the managed phase's `execute`
    /// rules, which become settings rather than rules): ids are unique across the spec, given in phase order.
    public static func identities(_ rulesets: [RulesetPhase: JSONValue]) -> [RulesetPhase: [RuleIdentity?]] {
        let ids = RuleIdentity.Allocator()
        var identities: [RulesetPhase: [RuleIdentity?]] = [:]
        for phase in RulesetPhase.allCases {
            identities[phase] = (rulesets[phase]?["rules"]?.arrayValue ?? []).enumerated().map { index, rule in
                if phase == .managed, rule["action"]?.stringValue != "skip" { return nil }
                return ids.identity(
                    description: rule["description"]?.stringValue, ref: rule["ref"]?.stringValue,
                    fallback: "\(phase.section.replacingUnderscores)-\(index + 1)")
            }
        }
        return identities
    }

    private static func require(_ identity: RuleIdentity?) throws(Unrepresentable) -> RuleIdentity {
        guard let identity else { throw Unrepresentable("the rule has no id") }
        return identity
    }

    /// YAML text of a node the importer built (only strings, integers, booleans, lists and mappings, which libyaml
    /// always serialises).
    private static func yaml(_ node: Node) -> String {
        let text = (try? SpecNode.yaml(node)) ?? ""
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
    fileprivate var replacingNewlines: String { String(map { $0 == "\n" || $0 == "\r" ? " " : $0 }) }
}
