/// Groups of requests whose outcome changes between two specs, with examples.
enum DiffGroupsSection {
    /// Examples listed per group.
    static let examplesPerGroup = 5

    /// The table of `groups`; nil when there are none.
    static func section(_ groups: [DiffGroupRow]) -> ReportSection? {
        guard !groups.isEmpty else { return nil }
        let rows = groups.map { group in
            let examples = group.examples.prefix(examplesPerGroup).map {
                "<li><code>\(HTMLText.escape($0))</code></li>"
            }.joined()
            let more =
                group.examples.count > examplesPerGroup
                ? "<li class=\"muted\">\(group.examples.count - examplesPerGroup) more</li>" : ""
            return HTMLTable.Row([
                .text("\(group.from) → \(group.to)"), .text(group.rule ?? "–"),
                .number(ReportFormat.count(group.requests)),
                .number(ReportFormat.percent(group.share, decimals: 2)),
                .markup(examples.isEmpty ? "" : "<ul class=\"examples\">\(examples)\(more)</ul>"),
            ])
        }
        let table = HTMLTable(
            headers: ["change", "rule", "requests", "share", "examples"], numericColumns: [2, 3], rows: rows,
            name: "diff-groups")
        let changed = groups.reduce(0.0) { $0 + Double(max(0, $1.requests)) }
        return ReportSection(
            id: "diff", title: "Changed outcomes",
            captions: [
                "Requests whose outcome differs between the two specs, grouped by change and deciding rule: "
                    + "\(ReportFormat.count(changed)) in all."
            ],
            body: table.html())
    }
}
