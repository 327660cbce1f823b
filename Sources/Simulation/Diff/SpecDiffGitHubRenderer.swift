/// Renders a spec diff as GitHub workflow commands (`diff --format github`): one command per changed group (an
/// error when `--fail-on-change` makes a change fail the run, a notice otherwise), a notice with the OWASP Core
/// Ruleset's changes, a warning per setting either spec does not simulate and per field not in the trace, then a
/// one-line notice with the count.
public enum SpecDiffGitHubRenderer {
    /// The workflow commands, one a line.
    public static func render(_ result: SpecDiffResult, failOnChange: Bool = false) -> String {
        var out = result.groups.map { group in
            SimulationGitHub.command(
                failOnChange ? .error : .notice, title: "Outcome changed",
                "\(group.requests) requests: \(group.from) → \(group.to)"
                    + (group.rule.map { " [rule \($0)]" } ?? "")
                    + (group.examples.first.map { ", e.g. \($0)" } ?? ""))
        }.joined()
        out += OWASPDiffRenderer.github(result.owasp)
        out += SimulationGitHub.notSimulated(result.baseNotSimulated, result.baseReach, spec: "the base spec")
        out += SimulationGitHub.notSimulated(result.headNotSimulated, result.headReach, spec: "the head spec")
        out += SimulationGitHub.fieldsNotInTrace(result.unsuppliedFields)
        out += SimulationGitHub.command(
            .notice, title: "EdgeProof diff",
            "\(ReportFormat.count(result.changed)) of \(ReportFormat.count(result.requests)) requests change outcome "
                + "(\(TextFormatting.percent(Double(result.changed), of: Double(result.requests))))")
        return out
    }
}
