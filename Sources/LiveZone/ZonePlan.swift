import EdgeCore

/// What `apply` would change on a zone: for each of the four phases, the live entrypoint's rules against the
/// compiled ones, matched by `ref` (the spec id EdgeProof writes), in the compiled order.
public struct ZonePlan: Sendable {
    /// One field of a rule that differs.
    public struct FieldChange: Sendable, Equatable {
        /// The member's path, e.g. `expression`, `action_parameters.response.status_code`.
        public var field: String
        /// The live value; nil when the live rule lacks it.
        public var live: JSONValue?
        /// The compiled value; nil when the compiled rule lacks it.
        public var compiled: JSONValue?
    }

    /// What happens to one rule.
    public enum Kind: String, Sendable {
        /// In the spec, not on the zone.
        case added
        /// On the zone, not in the spec.
        case removed
        /// In both, with fields that differ.
        case changed
        /// In both and the same, at another place in the order.
        case moved
    }

    /// One rule's change.
    public struct RuleChange: Sendable {
        /// What happens.
        public var kind: Kind
        /// The rule's spec id (its `ref`), or its description or Cloudflare id when EdgeProof did not write it.
        public var rule: String
        /// Its 1-based position: in the compiled rules, or in the live ones for a removed rule.
        public var position: Int
        /// Whether EdgeProof wrote the live rule (its `ref` is the `[id]` its description starts with); true for
        /// an added rule.
        public var writtenByEdgeProof: Bool
        /// The fields that differ (for `changed`).
        public var fields: [FieldChange]
    }

    /// One phase's plan.
    public struct Phase: Sendable {
        /// The phase.
        public var phase: RulesetPhase
        /// Whether the zone has an entrypoint for it.
        public var hasEntrypoint: Bool
        /// The live entrypoint ruleset's id (for Terraform `import` blocks); nil without one.
        public var rulesetID: String?
        /// The body `apply` would `PUT`: the compiled one, or an empty rule list when the spec has none.
        public var body: JSONValue
        /// The rule changes, in the order of the compiled rules, removed ones last.
        public var changes: [RuleChange]
    }

    /// The phases, in the order the spec lists their sections.
    public var phases: [Phase]

    /// Whether anything would change.
    public var hasChanges: Bool { phases.contains { !$0.changes.isEmpty } }

    /// The members of a rule the API adds and that say nothing about what it does.
    static let bookkeeping: Set<String> = ["id", "version", "last_updated", "categories"]

    /// The plan from the compiled bodies (by phase name) and the live entrypoints (nil: none). A live rule
    /// EdgeProof wrote is matched by its `ref`; any other by the id `import` gives it, so a rule imported into the
    /// spec is the same rule, not one removed and one added.
    public init(compiled: [String: JSONValue], live: [RulesetPhase: JSONValue], specName: String) {
        let imported = ZoneImport.identities(live)
        phases = RulesetPhase.allCases.compactMap { phase -> Phase? in
            let body = compiled[phase.rawValue]
            let entrypoint = live[phase]
            guard body != nil || entrypoint != nil else { return nil }
            let wanted = body?["rules"]?.arrayValue ?? []
            let running = entrypoint?["rules"]?.arrayValue ?? []
            let liveKeys: [String?] = running.enumerated().map { index, rule in
                Self.isWrittenByEdgeProof(rule) ? rule["ref"]?.stringValue : imported[phase]?[index]?.id
            }
            let empty: JSONValue = .object([
                ("description", .string("Emptied by EdgeProof: \(specName) has no rules for this phase")),
                ("rules", .array([])),
            ])
            return Phase(
                phase: phase, hasEntrypoint: entrypoint != nil, rulesetID: entrypoint?["id"]?.stringValue,
                body: body ?? empty,
                changes: Self.changes(compiled: wanted, live: running, liveKeys: liveKeys))
        }
    }

    /// Whether a live rule carries the marks EdgeProof writes: a `ref` equal to the `[id]` its description starts with.
    public static func isWrittenByEdgeProof(_ rule: JSONValue) -> Bool {
        guard let ref = rule["ref"]?.stringValue, let description = rule["description"]?.stringValue,
            let (id, _) = RuleIdentity.Allocator.prefixed(description)
        else { return false }
        return ref == id
    }

    /// The key a rule is matched by: its `ref`.
    private static func key(_ rule: JSONValue) -> String? { rule["ref"]?.stringValue }

    private static func name(_ rule: JSONValue, index: Int) -> String {
        key(rule) ?? rule["description"]?.stringValue ?? rule["id"]?.stringValue ?? "rule \(index + 1)"
    }

    private static func changes(compiled: [JSONValue], live: [JSONValue], liveKeys: [String?]) -> [RuleChange] {
        var liveByKey: [String: (index: Int, rule: JSONValue)] = [:]
        for (index, rule) in live.enumerated() {
            if let key = liveKeys[index], liveByKey[key] == nil { liveByKey[key] = (index, rule) }
        }
        var changes: [RuleChange] = []
        var matched: Set<Int> = []
        var matchedOrder: [(compiled: Int, live: Int)] = []
        for (index, rule) in compiled.enumerated() {
            guard let key = key(rule), let found = liveByKey[key] else {
                changes.append(
                    RuleChange(
                        kind: .added, rule: name(rule, index: index), position: index + 1, writtenByEdgeProof: true,
                        fields: []))
                continue
            }
            matched.insert(found.index)
            matchedOrder.append((index, found.index))
            let fields = fieldChanges(live: found.rule, compiled: rule, prefix: "")
            if !fields.isEmpty {
                changes.append(
                    RuleChange(
                        kind: .changed, rule: key, position: index + 1,
                        writtenByEdgeProof: isWrittenByEdgeProof(found.rule), fields: fields))
            }
        }
        // Rules in both whose relative order differs: those off the longest run already in order.
        let inOrder = longestIncreasing(matchedOrder.map(\.live))
        for (offset, pair) in matchedOrder.enumerated() where !inOrder.contains(offset) {
            let rule = compiled[pair.compiled]
            if changes.contains(where: { $0.kind == .changed && $0.position == pair.compiled + 1 }) { continue }
            changes.append(
                RuleChange(
                    kind: .moved, rule: name(rule, index: pair.compiled), position: pair.compiled + 1,
                    writtenByEdgeProof: isWrittenByEdgeProof(live[pair.live]), fields: []))
        }
        changes.sort { $0.position < $1.position }
        for (index, rule) in live.enumerated() where !matched.contains(index) {
            changes.append(
                RuleChange(
                    kind: .removed, rule: name(rule, index: index), position: index + 1,
                    writtenByEdgeProof: isWrittenByEdgeProof(rule), fields: []))
        }
        return changes
    }

    /// The members that differ between a live and a compiled object, descending into objects; bookkeeping members
    /// of the rule itself are left out.
    static func fieldChanges(live: JSONValue, compiled: JSONValue, prefix: String) -> [FieldChange] {
        guard let liveMembers = live.objectMembers, let compiledMembers = compiled.objectMembers else {
            return live == compiled ? [] : [FieldChange(field: prefix, live: live, compiled: compiled)]
        }
        var names = compiledMembers.map(\.0)
        for (name, _) in liveMembers where !names.contains(name) { names.append(name) }
        var changes: [FieldChange] = []
        for name in names where !(prefix.isEmpty && bookkeeping.contains(name)) {
            let path = prefix.isEmpty ? name : prefix + "." + name
            switch (live[name], compiled[name]) {
            case let (a?, b?) where a.objectMembers != nil && b.objectMembers != nil:
                changes += fieldChanges(live: a, compiled: b, prefix: path)
            case let (a?, nil) where isEmptyDefault(a):
                // A member the API fills in with an empty value where the body left it out is not a change.
                break
            case let (a, b) where !sameValue(a, b):
                changes.append(FieldChange(field: path, live: a, compiled: b))
            default: break
            }
        }
        return changes
    }

    /// Whether a value is what an API answer holds for a setting left unset: `""`, `false`, `[]`, `{}` or `null`.
    private static func isEmptyDefault(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false): true
        case let .string(text): text.isEmpty
        case let .array(values): values.isEmpty
        case let .object(members): members.isEmpty
        default: false
        }
    }

    /// Values compared as the API means them: object members in any order.
    private static func sameValue(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return canonical(a) == canonical(b)
        default: return false
        }
    }

    private static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members): .object(members.map { ($0.0, canonical($0.1)) }.sorted { $0.0 < $1.0 })
        case let .array(values): .array(values.map(canonical))
        default: value
        }
    }

    /// The offsets of one longest strictly increasing subsequence of `values`.
    private static func longestIncreasing(_ values: [Int]) -> Set<Int> {
        guard !values.isEmpty else { return [] }
        var length = [Int](repeating: 1, count: values.count)
        var previous = [Int](repeating: -1, count: values.count)
        for i in values.indices {
            for j in 0..<i where values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1
                previous[i] = j
            }
        }
        var index = length.indices.max { length[$0] < length[$1] } ?? 0
        var result: Set<Int> = []
        while index >= 0 {
            result.insert(index)
            index = previous[index]
        }
        return result
    }
}
