/// Requests over time stacked by outcome: allow, block, challenges (all three challenge kinds) and log.
enum RequestsChartSection {
    /// An outcome group: the actions it sums and how it draws.
    private struct Outcome {
        let id: String
        let label: String
        let color: String
        let actions: [String]
    }

    private static let outcomes = [
        Outcome(id: "allow", label: "allow", color: ChartPalette.blue, actions: ["allow"]),
        Outcome(id: "block", label: "block", color: ChartPalette.red, actions: ["block"]),
        Outcome(
            id: "challenges", label: "challenges", color: ChartPalette.orange,
            actions: ["challenge", "managed_challenge", "js_challenge"]),
        Outcome(id: "log", label: "log", color: ChartPalette.teal, actions: ["log"]),
    ]

    /// The chart of `timeline`; nil when it has no minutes.
    static func section(_ timeline: ReplayTimeline) -> ReportSection? {
        guard let time = TimeAxis(timeline) else { return nil }
        let known = Set(outcomes.flatMap(\.actions))
        let others = timeline.requestsByAction.keys.filter { !known.contains($0) }.sorted()
        var groups = outcomes
        if !others.isEmpty {
            groups.append(
                Outcome(
                    id: "other", label: "other (\(others.joined(separator: ", ")))", color: ChartPalette.brown,
                    actions: others))
        }
        let series = groups.map { group in
            let sums = group.actions.map { time.buckets.sums(timeline.requestsByAction[$0] ?? []) }
            let values = (0..<time.buckets.count).map { index in sums.reduce(0) { $0 + $1[index] } }
            return ChartSeries(
                id: group.id, label: group.label, color: group.color, style: .stackedArea, values: values)
        }
        guard series.contains(where: \.hasData) else { return nil }
        let chart = TimeSeriesChart(
            name: "requests-per-minute", title: "Requests \(time.perBucket) by outcome", time: time,
            valueTitle: "requests \(time.perBucket)", valueFormat: .number, series: series)
        var captions = [
            "Requests \(time.perBucket), stacked by the edge's final action; challenges count interactive, managed and "
                + "JavaScript challenges left unsolved."
        ]
        if time.buckets.minutesPerBucket > 1 {
            captions.append(
                "Each point sums \(time.buckets.minutesPerBucket) minutes so that the chart has at most "
                    + "\(TimeBuckets.maxPoints) points."
            )
        }
        return ReportSection(
            id: "requests", title: "Requests by outcome", captions: captions, body: ReportSection.figure(chart.svg()))
    }
}
