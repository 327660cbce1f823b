import EdgeCore

/// Renders a spec diff as a Markdown pull-request comment (`diff --format markdown`): how many requests changed
/// outcome, one table row per group (old → new outcome, rule, requests, share, top paths, clients and user agents as
/// the terminal shows them), redacted examples, the OWASP Core Ruleset's changes, and what either spec did not
/// simulate, always under `MarkdownText.commentLimit` characters.
public enum SpecDiffMarkdownRenderer {
    /// The most groups listed; the rest are counted.
    static let maxGroups = 50
    /// The characters of a top value shown, as in the terminal report.
    static let topValueCharacters = 50

    /// The summary; `failOnChange` says that a changed outcome fails the run.
    public static func render(_ result: SpecDiffResult, failOnChange: Bool = false) -> String {
        var out =
            "### EdgeProof diff: \(ReportFormat.count(result.changed)) of \(ReportFormat.count(result.requests)) "
            + "requests change outcome "
            + "(\(TextFormatting.percent(Double(result.changed), of: Double(result.requests))))\n"
        if failOnChange, result.changed > 0 { out += "\nChanged outcomes fail this run (`--fail-on-change`).\n" }
        let shown = result.groups.prefix(maxGroups)
        if !shown.isEmpty {
            out += "\n"
            out += MarkdownText.table(
                ["From", "To", "Rule", "Requests", "Share", "Top paths", "Top clients", "Top user agents"],
                rightAligned: [3, 4],
                rows: shown.map { group in
                    [
                        SimulationMarkdown.code(group.from), SimulationMarkdown.code(group.to),
                        group.rule.map { SimulationMarkdown.code($0) } ?? "", ReportFormat.count(group.requests),
                        TextFormatting.percent(Double(group.requests), of: Double(result.requests)),
                        top(group.paths), top(group.clients), top(group.userAgents),
                    ]
                })
            if shown.count < result.groups.count {
                out += "\n… and \(result.groups.count - shown.count) more groups\n"
            }
            out += "\n**Examples**\n\n"
            for group in shown {
                for example in group.examples {
                    out +=
                        "- \(SimulationMarkdown.code(group.from)) → \(SimulationMarkdown.code(group.to)): "
                        + "\(SimulationMarkdown.cell(example, limit: 300))\n"
                }
            }
        }
        out += OWASPDiffRenderer.markdown(result.owasp)
        out += SimulationMarkdown.notSimulated(result.baseNotSimulated, result.baseReach, spec: "the base spec")
        out += SimulationMarkdown.notSimulated(result.headNotSimulated, result.headReach, spec: "the head spec")
        out += SimulationMarkdown.fieldsNotInTrace(result.unsuppliedFields)
        return SimulationMarkdown.fitted(out, fullResult: "edgeproof diff")
    }

    /// The top values of a group's table as a cell: each value as code (`(none)` for an empty one) with its count.
    private static func top(_ table: [String: Int]) -> String {
        SpecDiffRenderer.sortedTop(table).map {
            ($0.key.isEmpty ? "(none)" : SimulationMarkdown.code($0.key, limit: topValueCharacters)) + " \($0.value)"
        }.joined(separator: ", ")
    }
}
