/// The rules that decided most requests: a horizontal bar per rule and a table with counts and shares.
enum TopRulesSection {
    /// Rules drawn as bars.
    static let chartedRules = 15
    /// Rules listed in the table.
    static let listedRules = 30

    /// The rules of `summary`; nil when no rule decided a request.
    static func section(_ summary: ReplaySummary) -> ReportSection? {
        guard !summary.byRule.isEmpty else { return nil }
        let ranked = summary.byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let charted = ranked.prefix(chartedRules)
        let ids = charted.map { ruleID($0.key) }
        let bars = charted.map { rule, count in
            let share = ReportFormat.percent(count, of: summary.requests)
            let id = ruleID(rule)
            return HorizontalBarChart.Row(
                label: ids.filter { $0 == id }.count == 1 ? id : rule,
                segments: [
                    .init(
                        series: rule, value: Double(count), color: ChartPalette.blue,
                        tooltip: "\(rule): \(ReportFormat.count(count)) requests (\(share))")
                ],
                note: "\(ReportFormat.compact(Double(count))) (\(share))")
        }
        let chart = HorizontalBarChart(
            name: "top-rules", title: "Requests decided by each rule", valueTitle: "requests", valueFormat: .number,
            rows: bars)
        var rows = ranked.prefix(listedRules).map { rule, count in
            HTMLTable.Row([
                .token(ruleID(rule)), .text(phase(rule) ?? "–"),
                .number(ReportFormat.count(count)), .number(ReportFormat.percent(count, of: summary.requests)),
            ])
        }
        let rest = ranked.dropFirst(listedRules)
        if !rest.isEmpty {
            let count = rest.reduce(0) { $0 + $1.value }
            rows.append(
                HTMLTable.Row(
                    [
                        .text("\(rest.count) more rules"), .text(""), .number(ReportFormat.count(count)),
                        .number(ReportFormat.percent(count, of: summary.requests)),
                    ], cssClass: "muted"))
        }
        let decided = ranked.reduce(0) { $0 + $1.value }
        rows.append(
            HTMLTable.Row(
                [
                    .text("no deciding rule"), .text(""), .number(ReportFormat.count(summary.requests - decided)),
                    .number(ReportFormat.percent(summary.requests - decided, of: summary.requests)),
                ], cssClass: "muted"))
        let table = HTMLTable(
            headers: ["rule", "phase", "requests", "share"], numericColumns: [2, 3], rows: rows, name: "top-rules")
        let captions = [
            "Requests by the rule that decided them; shares are of all \(ReportFormat.count(summary.requests)) "
                + "requests."
        ]
        return ReportSection(
            id: "rules", title: "Top rules", captions: captions, body: ReportSection.figure(chart.svg()) + table.html())
    }

    /// The rule id of a `phase/rule` key (the whole key when it has no phase).
    private static func ruleID(_ key: String) -> String {
        guard let slash = key.firstIndex(of: "/") else { return key }
        return String(key[key.index(after: slash)...])
    }

    /// The phase of a `phase/rule` key.
    private static func phase(_ key: String) -> String? { key.firstIndex(of: "/").map { String(key[..<$0]) } }
}
