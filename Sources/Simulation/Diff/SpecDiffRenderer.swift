import EdgeCore
import Foundation

/// Renders a spec diff as text, JSON (`{"requests":…,"changed":…,"groups":[…]}`) and JUnit.
public enum SpecDiffRenderer {
    /// The terminal report.
    public static func text(_ result: SpecDiffResult) -> String {
        var out =
            "Compared \(result.requests) requests: \(result.changed) changed outcome "
            + "(\(TextFormatting.percent(Double(result.changed), of: Double(result.requests))))\n"
        for group in result.groups {
            out += "\n  \(group.from)  →  \(group.to)" + (group.rule.map { "   [rule \($0)]" } ?? "") + "\n"
            out +=
                "    \(group.requests) requests "
                + "(\(TextFormatting.percent(Double(group.requests), of: Double(result.requests))))\n"
            out +=
                "    top paths: \(top(group.paths))\n    top clients: \(top(group.clients))\n    top user agents: "
                + "\(top(group.userAgents))\n"
            for example in group.examples { out += "    e.g. \(example)\n" }
        }
        out += OWASPDiffRenderer.text(result.owasp)
        out += NotSimulatedSettings.text(result.baseNotSimulated, result.baseReach, spec: "the base spec")
        out += NotSimulatedSettings.text(result.headNotSimulated, result.headReach, spec: "the head spec")
        return out
    }

    /// The version of the JSON document, bumped when a key changes meaning or goes away.
    public static let jsonVersion: Int64 = 1

    /// The JSON report.
    public static func json(_ result: SpecDiffResult) -> JSONValue {
        func top(_ table: [String: Int]) -> JSONValue {
            .array(sortedTop(table).map { .object([("value", .string($0.key)), ("requests", .int(Int64($0.value)))]) })
        }
        return .object([
            ("version", .int(jsonVersion)),
            ("requests", .int(Int64(result.requests))),
            ("changed", .int(Int64(result.changed))),
            ("base_not_simulated", NotSimulatedSettings.json(result.baseNotSimulated, result.baseReach)),
            ("head_not_simulated", NotSimulatedSettings.json(result.headNotSimulated, result.headReach)),
            (
                "groups",
                .array(
                    result.groups.map { group in
                        .object([
                            ("from", .string(group.from)), ("to", .string(group.to)),
                            ("rule", group.rule.map(JSONValue.string) ?? .null),
                            ("requests", .int(Int64(group.requests))),
                            (
                                "share",
                                .double(result.requests == 0 ? 0 : Double(group.requests) / Double(result.requests))
                            ),
                            ("top_paths", top(group.paths)), ("top_clients", top(group.clients)),
                            ("top_user_agents", top(group.userAgents)),
                            ("examples", .array(group.examples.map(JSONValue.string))),
                        ])
                    })
            ),
            ("owasp", OWASPDiffRenderer.json(result.owasp)),
            ("fields_not_in_trace", UnsuppliedField.json(result.unsuppliedFields)),
        ])
    }

    /// JUnit: one failing test case per changed group, or one passing case when nothing changed.
    public static func junit(_ result: SpecDiffResult, suite: String) -> String {
        let cases =
            result.groups.isEmpty
            ? [JUnitReport.Case(name: "no outcome changed")]
            : result.groups.map { group in
                JUnitReport.Case(
                    name: "\(group.from) → \(group.to)" + (group.rule.map { " [\($0)]" } ?? ""),
                    failure: "\(group.requests) requests changed", detail: group.examples.joined(separator: "\n"))
            }
        return JUnitReport(suite: suite, cases: cases).xml
    }

    /// The five most frequent values of `table`, most requests first, ties in value order.
    static func sortedTop(_ table: [String: Int]) -> [(key: String, value: Int)] {
        Array(table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5))
    }

    private static func top(_ table: [String: Int]) -> String {
        sortedTop(table).map { "\($0.key.isEmpty ? "(none)" : String($0.key.prefix(50))) (\($0.value))" }.joined(
            separator: ", ")
    }
}
