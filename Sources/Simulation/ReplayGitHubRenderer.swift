/// Renders a replay summary as GitHub workflow commands (`replay --format github`): an error per broken
/// threshold, a warning per setting not simulated and per field not in the trace, a notice with what the OWASP Core
/// Ruleset did, then a one-line notice with the headline rates.
public enum ReplayGitHubRenderer {
    /// The workflow commands, one a line.
    public static func render(_ s: ReplaySummary, thresholds: ThresholdStatus? = nil) -> String {
        SimulationGitHub.thresholds(thresholds)
            + SimulationGitHub.notSimulated(s.notSimulated, SettingReachCounts(s))
            + SimulationGitHub.fieldsNotInTrace(s.unsuppliedFields)
            + OWASPSummaryRenderer.github(s.owasp)
            + SimulationGitHub.command(.notice, title: "EdgeProof replay", summaryLine(s))
    }

    /// `600 requests: 83.33% blocked, 0.00% challenged, 83.33% rate-limited, 0.00% cache hit, 100 origin requests
    /// (peak 10/s), 0 malformed records`.
    static func summaryLine(_ s: ReplaySummary) -> String {
        "\(ReportFormat.count(s.requests)) requests: \(TextFormatting.percent(s.rate(of: "block"))) blocked, "
            + "\(TextFormatting.percent(s.metric("challenge_rate") ?? 0)) challenged, "
            + "\(TextFormatting.percent(s.metric("rate_limited_rate") ?? 0)) rate-limited, "
            + "\(TextFormatting.percent(s.cacheHitRatio)) cache hit, \(ReportFormat.count(s.originRequests)) origin "
            + "requests (peak \(s.peakOriginPerSecond)/s), \(ReportFormat.count(s.malformedRecords)) malformed records"
    }
}
