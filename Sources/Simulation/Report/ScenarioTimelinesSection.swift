/// The charts over time of every what-if scenario: requests by outcome, cache hit ratio and origin load, one
/// `<details>` element per scenario with the first one open. A reader opens the scenario to look at; the switch
/// needs no script, and a browser without styles shows every scenario's charts.
enum ScenarioTimelinesSection {
    /// The charts of `scenarios`, origin load against `capacity`; nil with fewer than two scenarios (one scenario's
    /// charts are the report's own timeline sections).
    static func section(_ scenarios: [ScenarioResult], capacity: CapacityLine?) -> ReportSection? {
        guard scenarios.count > 1 else { return nil }
        let panels = scenarios.enumerated().map { index, scenario in
            panel(scenario, capacity: capacity, open: index == 0)
        }
        let captions = [
            "Each scenario's requests, cache hit ratio and origin load over the trace's time; open a scenario to see "
                + "its charts (the first is open)."
        ]
        return ReportSection(
            id: "scenario-timelines", title: "What if, over time", captions: captions, body: panels.joined())
    }

    /// The charts of one scenario in a `<details data-scenario="…">`, its summary line naming the scenario and its
    /// headline figures.
    static func panel(_ scenario: ScenarioResult, capacity: CapacityLine?, open: Bool) -> String {
        let summary = scenario.summary
        let name = WhatIfSection.name(scenario)
        let figures =
            "\(ReportFormat.count(summary.requests)) requests, "
            + "\(ReportFormat.percent(summary.metric("block_rate") ?? 0, decimals: 2)) blocked, peak "
            + "\(ReportFormat.count(summary.peakOriginPerSecond)) origin requests/s"
        let charts = [
            RequestsChartSection.section(summary.timeline),
            CacheChartSection.section(summary),
            OriginLoadSection.section(summary.timeline, capacity: capacity),
        ].compactMap { $0 }
        let body =
            charts.isEmpty
            ? "<p class=\"empty\">No request has a time to chart.</p>" : charts.map { $0.nestedHTML() }.joined()
        return "<details class=\"scenario\" data-scenario=\"\(HTMLText.escape(name))\"\(open ? " open" : "")>"
            + "<summary>\(HTMLText.escape(name)) <span>\(HTMLText.escape(figures))</span></summary>\(body)</details>"
    }
}
