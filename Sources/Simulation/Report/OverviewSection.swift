/// The report's first section: headline figures of a replay (requests, outcomes, cache, origin, record quality,
/// agreement with recorded outcomes).
enum OverviewSection {
    /// The overview of `summary`.
    static func section(_ summary: ReplaySummary) -> ReportSection {
        let challenged = ["challenge", "managed_challenge", "js_challenge"].reduce(0) {
            $0 + summary.byAction[$1, default: 0]
        }
        let rateLimited = summary.rateLimitTriggers.values.reduce(0, +)
        var figures: [(String, String)] = [
            ("requests", ReportFormat.count(summary.requests)),
            ("allowed", ReportFormat.percent(summary.byAction["allow", default: 0], of: summary.requests)),
            ("blocked", ReportFormat.percent(summary.byAction["block", default: 0], of: summary.requests)),
            ("challenged", ReportFormat.percent(challenged, of: summary.requests)),
            ("rate-limited", ReportFormat.percent(rateLimited, of: summary.requests)),
            ("cache hit ratio", ReportFormat.percent(summary.cacheHitRatio)),
            ("origin requests", ReportFormat.count(summary.originRequests)),
            (
                "peak origin",
                "\(ReportFormat.count(summary.peakOriginPerSecond))/s · "
                    + "\(ReportFormat.count(summary.peakOriginPerMinute))/min"
            ),
        ]
        if let agreement = summary.actionAgreementRatio {
            figures.append(("agreement (actions)", ReportFormat.percent(agreement)))
        }
        if let agreement = summary.cacheAgreementRatio {
            figures.append(("agreement (cache)", ReportFormat.percent(agreement)))
        }
        var captions: [String] = []
        if let axis = TimeAxis(summary.timeline) { captions.append("Virtual time \(axis.coverage).") }
        captions.append(
            "Records: \(ReportFormat.count(summary.lateRecords)) late (processed at the current virtual time), "
                + "\(ReportFormat.count(summary.malformedRecords)) malformed, "
                + "\(ReportFormat.count(summary.repairedRecords)) repaired."
        )
        let reach = SettingReachCounts(summary)
        for use in summary.notSimulated {
            captions.append(
                "\(NotSimulatedSettings.name(use)) is deployed but not simulated for "
                    + "\(ReportFormat.count(reach.requests(use.reach, rule: use.rule))) requests "
                    + "(\(use.reach.requestsDescription))."
            )
        }
        let body =
            "<dl class=\"figures\">"
            + figures.map { "<div><dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd></div>" }.joined()
            + "</dl>"
        return ReportSection(id: "overview", title: "Overview", captions: captions, body: body)
    }
}
