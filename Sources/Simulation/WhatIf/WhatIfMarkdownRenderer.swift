import EdgeCore
import Foundation

/// Renders what-if results as a Markdown pull-request comment (`whatif --format markdown`): the scenarios' table as
/// the terminal shows it, each scenario's OWASP Core Ruleset actions and costs, the warnings, what the first
/// scenario did not simulate and the fields not in the trace, always under `MarkdownText.commentLimit` characters.
public enum WhatIfMarkdownRenderer {
    /// The summary, with the spec's planned cost beside each row when `plannedColumn` is set.
    public static func render(
        _ results: [ScenarioResult], warnings: [String], plannedColumn: [String]? = nil,
        thresholds: ThresholdStatus? = nil
    ) -> String {
        var out = "### EdgeProof what-if: \(results.count) \(results.count == 1 ? "scenario" : "scenarios")\n\n"
        let incidents = WhatIfTable.countsIncidents(results)
        let headers =
            [
                "Scenario", "Requests", "Blocked", "Challenged", "Rate-limited", "Cache hit", "Peak origin rps",
                "Machines", "Min > hard", "Redis cmds/day",
            ] + (incidents ? ["Incidents/mo"] : []) + ["Monthly"] + (plannedColumn == nil ? [] : ["Planned"])
        out += MarkdownText.table(
            headers, rightAligned: Set(1..<headers.count),
            rows: results.enumerated().map { index, result in
                let s = result.summary
                var row = [
                    SimulationMarkdown.code(result.name), ReportFormat.count(s.requests),
                    TextFormatting.percent(s.rate(of: "block")),
                    TextFormatting.percent(s.metric("challenge_rate") ?? 0),
                    TextFormatting.percent(s.metric("rate_limited_rate") ?? 0), TextFormatting.percent(s.cacheHitRatio),
                    "\(s.peakOriginPerSecond)", "\(result.machinesNeeded)", "\(result.minutesOverHardLimit)",
                    CostModel.count(result.redisCommandsPerDay),
                ]
                if incidents { row.append(CostModel.count(WhatIfTable.incidentsPerMonth(result))) }
                row.append(MarkdownText.cell(String(format: "$%.0f", result.monthlyCost)))
                if let plannedColumn {
                    row.append(MarkdownText.cell(index < plannedColumn.count ? plannedColumn[index] : ""))
                }
                return row
            })
        if let line = WhatIfTable.owaspLine(results) { out += "\n" + MarkdownText.cell(line) + "\n" }
        out += "\n**Monthly costs**\n\n"
        for result in results {
            let lines = result.costs
                .map { "\($0.service) $\(String(format: "%.2f", $0.monthly)) (\($0.detail))" }
            out +=
                "- \(SimulationMarkdown.code(result.name)): "
                + MarkdownText.cell(lines.isEmpty ? "nothing" : lines.joined(separator: ", ")) + "\n"
        }
        if !warnings.isEmpty {
            out += "\n**Warnings**\n\n" + warnings.map { "- \(SimulationMarkdown.cell($0, limit: 300))\n" }.joined()
        }
        if let reference = results.first?.summary {
            out += SimulationMarkdown.notSimulated(
                reference.notSimulated, SettingReachCounts(reference), spec: "the first scenario")
        }
        out += SimulationMarkdown.fieldsNotInTrace(WhatIfTable.unsuppliedFields(results))
        out += SimulationMarkdown.thresholds(thresholds)
        return SimulationMarkdown.fitted(out, fullResult: "edgeproof whatif")
    }
}
