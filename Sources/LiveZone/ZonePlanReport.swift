import CloudflareAPI
import EdgeCore

/// `plan`'s result: text for a terminal (a `+`, `-`, `~` or `↕` line per rule, changed fields below it, expressions
/// as a word diff) or one JSON document for CI (`docs/live-zone.md`).
public enum ZonePlanReport {
    /// The plan as text.
    public static func text(_ plan: ZonePlan, zone: CloudflareZone) -> String {
        let changing = plan.phases.filter { !$0.changes.isEmpty }
        var out = "Plan for zone \(zone.name) (\(zone.id)): "
        out += changing.isEmpty ? "no changes\n" : "\(changing.count) of \(plan.phases.count) phases change\n"
        for phase in plan.phases {
            out += "\n\(phase.phase.rawValue) (\(phase.phase.section)): \(summary(phase))\n"
            for change in phase.changes {
                switch change.kind {
                case .added: out += "  + \(change.rule) (rule \(change.position))\n"
                case .moved: out += "  ↕ \(change.rule) moves to rule \(change.position)\n"
                case .removed:
                    out += "  - \(change.rule) (rule \(change.position) on the zone)"
                    out +=
                        change.writtenByEdgeProof
                        ? "\n" : "; not written by EdgeProof: apply removes it only with --adopt\n"
                case .changed:
                    out += "  ~ \(change.rule) (rule \(change.position))\n"
                    for field in change.fields { out += "      \(field.field): \(describe(field))\n" }
                }
            }
        }
        return out
    }

    /// The plan as one JSON document.
    public static func json(_ plan: ZonePlan, zone: CloudflareZone) -> JSONValue {
        .object([
            ("version", 1),
            ("zone", .object([("id", .string(zone.id)), ("name", .string(zone.name))])),
            ("changes", .bool(plan.hasChanges)),
            (
                "phases",
                .array(
                    plan.phases.map { phase in
                        .object([
                            ("phase", .string(phase.phase.rawValue)), ("entrypoint", .bool(phase.hasEntrypoint)),
                            ("ruleset_id", phase.rulesetID.map(JSONValue.string) ?? .null),
                            (
                                "rules",
                                .array(
                                    phase.changes.map { change in
                                        .object([
                                            ("change", .string(change.kind.rawValue)), ("rule", .string(change.rule)),
                                            ("position", .int(Int64(change.position))),
                                            ("written_by_edgeproof", .bool(change.writtenByEdgeProof)),
                                            (
                                                "fields",
                                                .array(
                                                    change.fields.map { field in
                                                        .object([
                                                            ("field", .string(field.field)),
                                                            ("live", field.live ?? .null),
                                                            ("compiled", field.compiled ?? .null),
                                                        ])
                                                    })
                                            ),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    private static func summary(_ phase: ZonePlan.Phase) -> String {
        guard !phase.changes.isEmpty else { return "no changes" }
        let counts: [(ZonePlan.Kind, String)] = [
            (.added, "added"), (.changed, "changed"), (.moved, "moved"), (.removed, "removed"),
        ]
        return counts.compactMap { kind, word in
            let count = phase.changes.count { $0.kind == kind }
            return count == 0 ? nil : "\(count) \(word)"
        }.joined(separator: ", ")
    }

    /// `old → new`, or a word diff for two texts.
    private static func describe(_ field: ZonePlan.FieldChange) -> String {
        if case let .string(old)? = field.live, case let .string(new)? = field.compiled {
            return WordDiff.render(old: old, new: new)
        }
        return (field.live?.compact ?? "(absent)") + " → " + (field.compiled?.compact ?? "(absent)")
    }
}
