import EdgeCore

/// Renders a replay summary as a Markdown pull-request comment (`replay --format markdown`): the headline rates,
/// the actions, the deciding rules, the rate-limit triggers with their top keys, the OWASP Core Ruleset, the cache,
/// the origin, what was not simulated, the trace's quality and the thresholds, always under
/// `MarkdownText.commentLimit` characters.
public enum ReplayMarkdownRenderer {
    /// The most deciding rules and rate-limit rules listed; the rest are counted.
    static let maxRules = 20
    /// The most keys listed per rate-limit rule.
    static let maxKeys = 5

    /// The summary; `thresholds` when any were applied.
    public static func render(_ s: ReplaySummary, thresholds: ThresholdStatus? = nil) -> String {
        var out = "### EdgeProof replay: \(ReportFormat.count(s.requests)) requests"
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            out += " over \(EdgeDuration(milliseconds: max(0, last - first)))"
        }
        out += "\n\n"
        out +=
            "Blocked **\(TextFormatting.percent(s.rate(of: "block")))** · challenged "
            + "**\(TextFormatting.percent(s.metric("challenge_rate") ?? 0))** · rate-limited "
            + "**\(TextFormatting.percent(s.metric("rate_limited_rate") ?? 0))** · cache hit "
            + "**\(TextFormatting.percent(s.cacheHitRatio))** · origin **\(ReportFormat.count(s.originRequests))** "
            + "requests, peak \(s.peakOriginPerSecond)/s\n"
        out += "\n**Actions**\n\n" + countTable("Action", s.byAction, of: s.requests, limit: nil)
        if !s.byRule.isEmpty {
            out += "\n**Deciding rules**\n\n" + countTable("Rule", s.byRule, of: s.requests, limit: maxRules)
        }
        if !s.rateLimitTriggers.isEmpty { out += rateLimitSection(s) }
        if let note = s.counterDelayNote { out += "\n" + MarkdownText.cell(note) + "\n" }
        out += OWASPSummaryRenderer.markdown(s.owasp)
        out += "\n**Cache**\n\n" + countTable("Status", s.byCacheStatus, of: s.requests, limit: nil)
        out +=
            "\nHit ratio \(TextFormatting.percent(s.cacheHitRatio)) of cacheable requests, "
            + "\(TextFormatting.percent(s.cacheHitRatioByBytes)) of bytes. Origin: "
            + "\(ReportFormat.count(s.originRequests)) requests "
            + "(\(TextFormatting.percent(Double(s.originRequests), of: Double(s.requests)))), peak "
            + "\(s.peakOriginPerSecond) per second, \(s.peakOriginPerMinute) per minute.\n"
        out += SimulationMarkdown.notSimulated(s.notSimulated, SettingReachCounts(s))
        out += SimulationMarkdown.fieldsNotInTrace(s.unsuppliedFields)
        out +=
            "\nRecords: \(ReportFormat.count(s.lateRecords)) late, \(ReportFormat.count(s.malformedRecords)) "
            + "malformed, \(ReportFormat.count(s.repairedRecords)) repaired\n"
        if let agreement = SummaryRenderer.agreementLine(s) {
            out += "\n" + agreement + "\n"
            if !s.disagreements.isEmpty {
                out += "\n" + s.disagreements.map { "- \(SimulationMarkdown.cell($0, limit: 300))\n" }.joined()
            }
        }
        out += SimulationMarkdown.thresholds(thresholds)
        return SimulationMarkdown.fitted(out, fullResult: "edgeproof replay")
    }

    /// A table of counts, largest first, with each count's share of `total`; past `limit` rows, the rest counted.
    private static func countTable(_ name: String, _ counts: [String: Int], of total: Int, limit: Int?) -> String {
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let shown = limit.map { Array(sorted.prefix($0)) } ?? sorted
        var out = MarkdownText.table(
            [name, "Requests", "Share"], rightAligned: [1, 2],
            rows: shown.map {
                [
                    SimulationMarkdown.code($0.key), ReportFormat.count($0.value),
                    TextFormatting.percent(Double($0.value), of: Double(total)),
                ]
            })
        if shown.count < sorted.count { out += "\n… and \(sorted.count - shown.count) more\n" }
        return out
    }

    /// The rate-limit rules that acted, each with its requests and top keys.
    private static func rateLimitSection(_ s: ReplaySummary) -> String {
        let rules = s.rateLimitTriggers.sorted { $0.key < $1.key }
        let shown = rules.prefix(maxRules)
        var out = "\n**Rate-limit triggers**\n\n"
        out += MarkdownText.table(
            ["Rule", "Requests acted on", "Top keys"], rightAligned: [1],
            rows: shown.map { rule, triggers in
                let keys = (s.rateLimitKeys[rule] ?? [:]).sorted {
                    $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
                }.prefix(maxKeys)
                return [
                    SimulationMarkdown.code(rule), ReportFormat.count(triggers),
                    keys.map { "\(SimulationMarkdown.code($0.key)) \(ReportFormat.count($0.value))" }
                        .joined(separator: ", "),
                ]
            })
        if shown.count < rules.count { out += "\n… and \(rules.count - shown.count) more\n" }
        return out
    }
}
