import EdgeCompiler
import EdgeCore

/// One use, in a spec, of a setting the edge model leaves out.
public struct NotSimulatedUse: Sendable, Equatable {
    /// The setting's schema path (`cache[].respect_strong_etags`, `managed_rules.*`).
    public let path: String
    /// The rule that uses it; nil for a section-wide setting.
    public let rule: String?
    /// Which requests it could have touched.
    public let reach: SettingReach
}

/// The settings a spec uses that replays do not simulate, and how `replay`, `whatif`, `diff` and `test` report them
/// (`docs/decisions/0014-nothing-the-spec-says-is-silently-ignored.md`).
public enum NotSimulatedSettings {
    /// Every use in `edge` of a not-simulated setting, in registry order.
    public static func uses(in edge: CompiledEdge) -> [NotSimulatedUse] {
        SpecSettingRegistry.settings.flatMap { setting -> [NotSimulatedUse] in
            guard case .notSimulated(let notSimulated) = setting.treatment else { return [] }
            return notSimulated.uses(edge).map {
                NotSimulatedUse(path: setting.path, rule: $0, reach: notSimulated.reach)
            }
        }
    }

    /// The report's lines (empty when there is nothing to report), each with the requests the use could have touched;
    /// `spec` names the spec when a command simulates two.
    public static func text(_ uses: [NotSimulatedUse], _ counts: SettingReachCounts, spec: String? = nil) -> String {
        guard !uses.isEmpty else { return "" }
        var out = "\nNot simulated\(spec.map { " in \($0)" } ?? ""):\n"
        for use in uses { out += "  \(name(use)): \(reach(use, counts))\n" }
        return out
    }

    /// `deployed but not simulated for 1,234 requests (those that reached the managed rules)`: what every result
    /// format says of one use.
    static func reach(_ use: NotSimulatedUse, _ counts: SettingReachCounts) -> String {
        let requests = counts.requests(use.reach, rule: use.rule)
        return "deployed but not simulated for \(ReportFormat.count(requests)) "
            + "\(requests == 1 ? "request" : "requests") (\(use.reach.requestsDescription))"
    }

    /// The report as JSON: one object per use with `setting`, `rule` and `requests`.
    public static func json(_ uses: [NotSimulatedUse], _ counts: SettingReachCounts) -> JSONValue {
        .array(
            uses.map { use in
                .object([
                    ("setting", .string(use.path)),
                    ("rule", use.rule.map(JSONValue.string) ?? .null),
                    ("requests", .int(Int64(counts.requests(use.reach, rule: use.rule)))),
                ])
            })
    }

    /// `cache[].respect_strong_etags` in rule `assets` reads `cache[assets].respect_strong_etags`.
    static func name(_ use: NotSimulatedUse) -> String {
        let path = use.path.hasSuffix(".*") ? String(use.path.dropLast(2)) : use.path
        guard let rule = use.rule, let brackets = path.range(of: "[]") else { return path }
        return path.replacingCharacters(in: brackets, with: "[\(rule)]")
    }
}
