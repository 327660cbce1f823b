import EdgeCore
import Foundation

/// Renders a spec diff as text, JSON (`{"requests":…,"changed":…,"groups":[…]}`) and JUnit.
public enum SpecDiffRenderer {
    /// The terminal report.
    public static func text(_ result: SpecDiffResult) -> String {
        var out = "Compared \(result.requests) requests: \(result.changed) changed outcome (\(share(result.changed, result.requests)))\n"
        for group in result.groups {
            out += "\n  \(group.from)  →  \(group.to)" + (group.rule.map { "   [rule \($0)]" } ?? "") + "\n"
            out += "    \(group.requests) requests (\(share(group.requests, result.requests)))\n"
            out += "    top paths: \(top(group.paths))\n    top clients: \(top(group.clients))\n    top user agents: \(top(group.userAgents))\n"
            for example in group.examples { out += "    e.g. \(example)\n" }
        }
        return out
    }

    /// The JSON report.
    public static func json(_ result: SpecDiffResult) -> JSONValue {
        func top(_ table: [String: Int]) -> JSONValue {
            .array(sortedTop(table).map { .object([("value", .string($0.key)), ("requests", .int(Int64($0.value)))]) })
        }
        return .object([
            ("requests", .int(Int64(result.requests))),
            ("changed", .int(Int64(result.changed))),
            ("groups", .array(result.groups.map { group in
                .object([
                    ("from", .string(group.from)), ("to", .string(group.to)), ("rule", group.rule.map(JSONValue.string) ?? .null),
                    ("requests", .int(Int64(group.requests))),
                    ("share", .double(result.requests == 0 ? 0 : Double(group.requests) / Double(result.requests))),
                    ("top_paths", top(group.paths)), ("top_clients", top(group.clients)), ("top_user_agents", top(group.userAgents)),
                    ("examples", .array(group.examples.map(JSONValue.string))),
                ])
            })),
        ])
    }

    /// JUnit: one failing test case per changed group, or one passing case when nothing changed.
    public static func junit(_ result: SpecDiffResult, suite: String) -> String {
        let escape = TextFormatting.xmlEscaped
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"\(escape(suite))\" tests=\"\(max(1, result.groups.count))\" failures=\"\(result.groups.count)\">\n"
        if result.groups.isEmpty { out += "  <testcase classname=\"\(escape(suite))\" name=\"no outcome changed\"/>\n" }
        for group in result.groups {
            let name = "\(group.from) → \(group.to)" + (group.rule.map { " [\($0)]" } ?? "")
            out += "  <testcase classname=\"\(escape(suite))\" name=\"\(escape(name))\">\n    <failure message=\"\(group.requests) requests changed\">\(escape(group.examples.joined(separator: "\n")))</failure>\n  </testcase>\n"
        }
        return out + "</testsuite>\n"
    }

    private static func sortedTop(_ table: [String: Int]) -> [(key: String, value: Int)] {
        Array(table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5))
    }

    private static func top(_ table: [String: Int]) -> String {
        sortedTop(table).map { "\($0.key.isEmpty ? "(none)" : String($0.key.prefix(50))) (\($0.value))" }.joined(separator: ", ")
    }

    private static func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "0%" : String(format: "%.2f%%", Double(part) / Double(whole) * 100)
    }
}
