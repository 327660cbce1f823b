/// Origin load over time against capacity: origin requests per second and origin concurrency, with the soft and
/// hard concurrency limits of all machines as horizontal lines.
enum OriginLoadSection {
    /// The chart of `timeline` against `capacity`; nil when no request reached the origin.
    static func section(_ timeline: ReplayTimeline, capacity: CapacityLine?) -> ReportSection? {
        guard let time = TimeAxis(timeline), timeline.originRequests.contains(where: { $0 > 0 }) else { return nil }
        let perSecond = timeline.originRequests.map { Double($0) / 60 }
        let series = [
            ChartSeries(
                id: "origin-rps", label: "origin requests/s", color: ChartPalette.blue, style: .line,
                values: time.buckets.maxima(perSecond)),
            ChartSeries(
                id: "origin-concurrency", label: "origin concurrency (requests in flight)", color: ChartPalette.purple,
                style: .line,
                values: time.buckets.maxima(timeline.originConcurrency)),
        ]
        var references: [ReferenceLine] = []
        var captions = [
            "Origin requests per second (each minute's origin requests ÷ 60) and origin concurrency (by Little's law: "
                + "the minute's summed origin latency ÷ 60 s, the requests in flight on average)."
        ]
        if time.buckets.minutesPerBucket > 1 {
            captions.append(
                "Each point is the busiest minute of its \(time.buckets.minutesPerBucket)-minute span, so that peaks "
                    + "stay visible."
            )
        }
        if let capacity {
            let machines = "\(ReportFormat.count(capacity.machines)) machine\(capacity.machines == 1 ? "" : "s")"
            references.append(
                ReferenceLine(
                    id: "soft-limit",
                    label: "soft limit \(ReportFormat.count(capacity.softLimitPerMachine)) × \(machines) = "
                        + ReportFormat.count(capacity.softTotal), color: ChartPalette.orange, value: capacity.softTotal)
            )
            let peak = timeline.originConcurrency.filter(\.isFinite).max() ?? 0
            var caption =
                "The busiest minute has \(ReportFormat.compact(peak)) requests in flight, "
                + "\(capacity.softTotal > 0 ? ReportFormat.percent(peak / capacity.softTotal, decimals: 2) : "–") of "
                + "the soft limit of all machines. "
                + "Concurrency is above the soft limit in \(minutesAbove(capacity.softTotal, timeline)) minutes"
            if let hard = capacity.hardLimitPerMachine {
                let total = capacity.hardTotal ?? 0
                references.append(
                    ReferenceLine(
                        id: "hard-limit",
                        label: "hard limit \(ReportFormat.count(hard)) × \(machines) = "
                            + ReportFormat.count(total), color: ChartPalette.red, value: total))
                caption += " and above the hard limit in \(minutesAbove(total, timeline)) minutes"
            }
            captions.append(caption + " (Fly counts requests in flight against these limits).")
        }
        let chart = TimeSeriesChart(
            name: "origin-load", title: "Origin load against capacity", time: time,
            valueTitle: "requests/s · requests in flight", valueFormat: .number,
            series: series, references: references)
        return ReportSection(
            id: "origin", title: "Origin load and capacity", captions: captions, body: ReportSection.figure(chart.svg())
        )
    }

    /// Minutes whose origin concurrency exceeds `limit`.
    private static func minutesAbove(_ limit: Double, _ timeline: ReplayTimeline) -> String {
        ReportFormat.count(timeline.originConcurrency.filter { $0 > limit }.count)
    }
}
