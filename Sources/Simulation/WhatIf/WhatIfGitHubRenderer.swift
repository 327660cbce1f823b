import Foundation

/// Renders what-if results as GitHub workflow commands (`whatif --format github`): an error per broken threshold,
/// a warning per what-if warning (a plan limit crossed), per setting the first scenario did not simulate and per
/// field not in the trace, a notice with each scenario's OWASP Core Ruleset actions, then one notice a scenario.
public enum WhatIfGitHubRenderer {
    /// The workflow commands, one a line.
    public static func render(_ results: [ScenarioResult], warnings: [String], thresholds: ThresholdStatus? = nil)
        -> String
    {
        var out = SimulationGitHub.thresholds(thresholds)
        out += warnings.map { SimulationGitHub.command(.warning, title: "What-if", $0) }.joined()
        if let reference = results.first?.summary {
            out += SimulationGitHub.notSimulated(
                reference.notSimulated, SettingReachCounts(reference), spec: "the first scenario")
        }
        out += SimulationGitHub.fieldsNotInTrace(WhatIfTable.unsuppliedFields(results))
        if let line = WhatIfTable.owaspLine(results) {
            out += SimulationGitHub.command(.notice, title: OWASPSummaryRenderer.title, line)
        }
        for result in results {
            out += SimulationGitHub.command(
                .notice, title: "EdgeProof what-if \(result.name)",
                "\(ReplayGitHubRenderer.summaryLine(result.summary)); \(result.machinesNeeded) machines needed, "
                    + String(format: "$%.0f", result.monthlyCost) + " a month")
        }
        return out
    }
}
