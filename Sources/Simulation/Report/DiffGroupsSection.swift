/// Groups of requests whose outcome changes between two specs: a table of the groups, then each group with the
/// breakdowns `edgeproof diff` prints, in its order (requests, top paths, top clients, top user agents, examples).
enum DiffGroupsSection {
    /// Examples listed per group.
    static let examplesPerGroup = 5
    /// Characters of a top value shown, as in the terminal report; longer values end in "…".
    static let valueLength = 50

    /// The table and the groups of `groups`; nil when there are none.
    static func section(_ groups: [DiffGroupRow]) -> ReportSection? {
        guard !groups.isEmpty else { return nil }
        let rows = groups.enumerated().map { index, group in
            HTMLTable.Row([
                .markup("<a href=\"#diff-group-\(index + 1)\">\(change(group))</a>"),
                .markup(group.rule.map { "<code>\(HTMLText.escape($0))</code>" } ?? "–"),
                .number(ReportFormat.count(group.requests)),
                .number(ReportFormat.percent(group.share, decimals: 2)),
            ])
        }
        let table = HTMLTable(
            headers: ["change", "rule", "requests", "share"], numericColumns: [2, 3], rows: rows, name: "diff-groups")
        let changed = groups.reduce(0.0) { $0 + Double(max(0, $1.requests)) }
        return ReportSection(
            id: "diff", title: "Changed outcomes",
            captions: [
                "Requests whose outcome differs between the two specs, grouped by change and deciding rule: "
                    + "\(ReportFormat.count(changed)) in all. Each group below lists its most frequent paths, clients "
                    + "and user agents, and example requests with secrets redacted."
            ],
            body: table.html() + groups.enumerated().map { group(number: $0 + 1, $1) }.joined())
    }

    /// "`old` → `new`", each outcome one unbreakable token.
    private static func change(_ group: DiffGroupRow) -> String {
        "<code>\(HTMLText.escape(group.from))</code> → <code>\(HTMLText.escape(group.to))</code>"
    }

    /// One group as `<article class="diff-group" id="diff-group-N">`.
    private static func group(number: Int, _ group: DiffGroupRow) -> String {
        var out = "<article class=\"diff-group\" id=\"diff-group-\(number)\"><h3>\(change(group))"
        if let rule = group.rule { out += " <span class=\"count\">rule</span> <code>\(HTMLText.escape(rule))</code>" }
        out += "</h3><p>\(ReportFormat.count(group.requests)) requests (\(ReportFormat.percent(group.share))"
        out += " of all)</p><dl class=\"breakdown\">"
        out += "<dt>top paths</dt><dd>\(top(group.topPaths, name: "paths", token: true))</dd>"
        out += "<dt>top clients</dt><dd>\(top(group.topClients, name: "clients", token: true))</dd>"
        out += "<dt>top user agents</dt><dd>\(top(group.topUserAgents, name: "user-agents", token: false))</dd>"
        let examples = group.examples.prefix(examplesPerGroup).map {
            "<li><code class=\"example\">\(HTMLText.breakable($0))</code></li>"
        }.joined()
        let more =
            group.examples.count > examplesPerGroup
            ? "<li class=\"muted\">\(group.examples.count - examplesPerGroup) more</li>" : ""
        if !examples.isEmpty { out += "<dt>examples</dt><dd><ul class=\"examples\">\(examples)\(more)</ul></dd>" }
        return out + "</dl></article>"
    }

    /// The values of `counts` as `<ol class="top" data-top="name">`, each with its count; tokens (paths, addresses)
    /// in `<code>`, which never wraps, other text wrapping at spaces.
    private static func top(_ counts: [DiffGroupRow.Count], name: String, token: Bool) -> String {
        guard !counts.isEmpty else { return "–" }
        let items = counts.map { count in
            let value =
                count.value.isEmpty
                ? "(none)"
                : count.value.count > valueLength ? String(count.value.prefix(valueLength)) + "…" : count.value
            let shown = token ? "<code>\(HTMLText.escape(value))</code>" : HTMLText.escape(value)
            return "<li>\(shown) <span class=\"count\">(\(ReportFormat.count(count.requests)))</span></li>"
        }
        return "<ol class=\"top\" data-top=\"\(name)\">\(items.joined())</ol>"
    }
}
