/// Rate-limit triggers over time, and per rule with the key acted on most.
enum RateLimitSection {
    /// The chart and table of `summary`; nil when the replay has no minutes.
    static func section(_ summary: ReplaySummary) -> ReportSection? {
        guard let time = TimeAxis(summary.timeline) else { return nil }
        let triggers = ChartSeries(
            id: "rate-limit-triggers", label: "requests acted on by rate limiting", color: ChartPalette.red,
            style: .stackedArea, values: time.buckets.sums(summary.timeline.rateLimitTriggers))
        guard triggers.hasData else {
            return ReportSection(
                id: "rate-limits", title: "Rate-limit triggers",
                captions: ["No rate-limit rule acted during the replay."]
                    + [summary.counterDelayNote].compactMap { $0 },
                body: "")
        }
        let chart = TimeSeriesChart(
            name: "rate-limit-triggers", title: "Rate-limit triggers \(time.perBucket)", time: time,
            valueTitle: "requests \(time.perBucket)", valueFormat: .number, series: [triggers])
        let total = summary.rateLimitTriggers.values.reduce(0, +)
        let rows = summary.rateLimitTriggers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map
        { rule, count in
            let top = (summary.rateLimitKeys[rule] ?? [:]).sorted {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }.first
            return HTMLTable.Row([
                .token(rule), .number(ReportFormat.count(count)), .number(ReportFormat.percent(count, of: total)),
                .text(top.map { "\($0.key) (\(ReportFormat.count($0.value)))" } ?? "–"),
            ])
        }
        let table = HTMLTable(
            headers: ["rule", "requests acted on", "share", "top key"], numericColumns: [1, 2], rows: rows,
            name: "rate-limit-rules")
        let captions =
            [
                "Requests acted on by rate limiting rules \(time.perBucket): \(ReportFormat.count(total)) in all, "
                    + "\(ReportFormat.percent(total, of: summary.requests)) of requests."
            ] + [summary.counterDelayNote].compactMap { $0 }
        return ReportSection(
            id: "rate-limits", title: "Rate-limit triggers", captions: captions,
            body: ReportSection.figure(chart.svg()) + table.html())
    }
}
