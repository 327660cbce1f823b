/// Monthly cost per scenario: a stacked bar of its cost lines by service, and a table with how each figure was
/// reached.
enum CostBreakdownSection {
    /// The breakdown of `scenarios`; nil when none has a cost line.
    static func section(_ scenarios: [ScenarioResult]) -> ReportSection? {
        guard scenarios.contains(where: { !$0.costs.isEmpty }) else { return nil }
        var services: [String] = []
        for line in scenarios.flatMap(\.costs) where !services.contains(line.service) { services.append(line.service) }
        func color(_ service: String) -> String { ChartPalette.category(services.firstIndex(of: service) ?? 0) }
        let bars = scenarios.map { scenario in
            HorizontalBarChart.Row(
                label: WhatIfSection.name(scenario),
                segments: scenario.costs.map { line in
                    .init(
                        series: line.service, value: line.monthly, color: color(line.service),
                        tooltip: "\(line.service): \(ReportFormat.dollars(line.monthly))/month (\(line.detail))")
                }, note: ReportFormat.dollars(scenario.monthlyCost))
        }
        let chart = HorizontalBarChart(
            name: "cost-breakdown", title: "Monthly cost by service per scenario", valueTitle: "USD per month",
            valueFormat: .dollars, rows: bars,
            legend: services.map { .init(label: $0, color: color($0), swatch: .area) })
        var rows: [HTMLTable.Row] = []
        for scenario in scenarios {
            for (index, line) in scenario.costs.enumerated() {
                rows.append(
                    HTMLTable.Row([
                        .text(index == 0 ? WhatIfSection.name(scenario) : ""), .text(line.service), .text(line.detail),
                        .number(ReportFormat.dollars(line.monthly)),
                    ]))
            }
            rows.append(
                HTMLTable.Row(
                    [
                        .text(scenario.costs.isEmpty ? WhatIfSection.name(scenario) : ""), .text("total"), .text(""),
                        .number(ReportFormat.dollars(scenario.monthlyCost)),
                    ], cssClass: "total"))
        }
        let table = HTMLTable(
            headers: ["scenario", "service", "how", "monthly"], numericColumns: [3], rows: rows, name: "costs")
        return ReportSection(
            id: "costs", title: "Monthly cost", captions: ["Monthly cost in USD by service for each scenario."],
            body: ReportSection.figure(chart.svg()) + table.html())
    }
}
