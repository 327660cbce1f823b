/// What the OWASP Core Ruleset did: a bar per CRS rule (requests that reached the threshold and requests that stayed
/// below it), the false-positive review table (each rule's family, requests and top path), the paths of requests that
/// reached the threshold, the score distribution and the top requests, redacted. Example requests appear only in the
/// top requests' table: beside four other columns, an unbreakable query would push the review table past 1,024 px.
enum ManagedRulesSection {
    /// Rules drawn as bars.
    static let chartedRules = 15
    /// Rules and paths listed in the tables.
    static let listed = 20
    /// The characters of a path shown in a cell (paths are tokens and do not wrap).
    static let pathCharacters = 40

    /// The section of `summary`; nil when the spec does not deploy the OWASP Core Ruleset.
    static func section(_ summary: ReplaySummary) -> ReportSection? {
        guard let s = summary.owasp else { return nil }
        var captions = [
            "The OWASP Core Ruleset at \(s.deployment.description): "
                + OWASPSummaryRenderer.reachedLine(s) + " (of \(ReportFormat.count(summary.requests)) requests)."
        ]
        if let note = OWASPSummaryRenderer.bodyNote(s) { captions.append(note) }
        var body = ""
        let rules = s.rankedRules
        if !rules.isEmpty {
            captions.append(
                "False-positive review: the rules that added points, by requests matched. A rule that matches many "
                    + "ordinary requests on one path is a candidate for an exception or an override.")
            body += ReportSection.figure(chart(rules.prefix(chartedRules)).svg())
            body += reviewTable(rules).html()
        }
        if !s.rankedPaths.isEmpty { body += pathsTable(s).html() }
        body += scoresTable(s).html()
        if !s.topRequests.isEmpty { body += topRequestsTable(s).html() }
        return ReportSection(id: "owasp", title: OWASPSummaryRenderer.title, captions: captions, body: body)
    }

    /// A bar per rule: the requests that reached the threshold, then those below it.
    private static func chart(_ rules: ArraySlice<(id: Int, counts: OWASPSummary.RuleCounts)>) -> HorizontalBarChart {
        let reached = "reached the threshold", below = "below the threshold"
        return HorizontalBarChart(
            name: "owasp-rules", title: "Requests matched by each CRS rule", valueTitle: "requests",
            valueFormat: .number,
            rows: rules.map { id, counts in
                let under = counts.matched - counts.reachedThreshold
                return HorizontalBarChart.Row(
                    label: "\(id) \(CRSRuleFamily.name(of: id))",
                    segments: [
                        .init(
                            series: reached, value: Double(counts.reachedThreshold), color: ChartPalette.red,
                            tooltip: "\(id): \(ReportFormat.count(counts.reachedThreshold)) requests \(reached)"),
                        .init(
                            series: below, value: Double(under), color: ChartPalette.grey,
                            tooltip: "\(id): \(ReportFormat.count(under)) requests \(below)"),
                    ],
                    note: ReportFormat.compact(Double(counts.matched)))
            },
            legend: [
                .init(label: reached, color: ChartPalette.red, swatch: .area),
                .init(label: below, color: ChartPalette.grey, swatch: .area),
            ])
    }

    /// The false-positive review: rule, family, requests matched and reaching the threshold, top path.
    private static func reviewTable(_ rules: [(id: Int, counts: OWASPSummary.RuleCounts)]) -> HTMLTable {
        var rows = rules.prefix(listed).map { id, counts in
            HTMLTable.Row([
                .token(String(id)), .text(CRSRuleFamily.name(of: id)), .number(ReportFormat.count(counts.matched)),
                .number(ReportFormat.count(counts.reachedThreshold)),
                OWASPSummary.topPath(counts).map {
                    .markup(
                        "<code>\(HTMLText.escape(String($0.path.prefix(pathCharacters))))</code> "
                            + "<span class=\"count\">\(ReportFormat.count($0.requests))</span>")
                } ?? .text("–"),
            ])
        }
        if rules.count > listed {
            rows.append(
                HTMLTable.Row(
                    [
                        .text("\(rules.count - listed) more rules"), .text(""), .text(""), .text(""), .text(""),
                    ],
                    cssClass: "muted"))
        }
        return HTMLTable(
            headers: ["rule", "family", "matched", "reached threshold", "top path"],
            numericColumns: [2, 3], rows: rows, name: "owasp-rules")
    }

    /// The paths of the requests that reached the threshold.
    private static func pathsTable(_ s: OWASPSummary) -> HTMLTable {
        let paths = s.rankedPaths
        var rows = paths.prefix(listed).map { path, requests in
            HTMLTable.Row([
                .token(String(path.prefix(pathCharacters * 2))), .number(ReportFormat.count(requests)),
                .number(ReportFormat.percent(requests, of: s.reachedThreshold)),
            ])
        }
        if paths.count > listed {
            rows.append(
                HTMLTable.Row([.text("\(paths.count - listed) more paths"), .text(""), .text("")], cssClass: "muted"))
        }
        return HTMLTable(
            headers: ["path reaching the threshold", "requests", "share"], numericColumns: [1, 2], rows: rows,
            name: "owasp-paths")
    }

    /// Evaluated requests per score band at the deployed level.
    private static func scoresTable(_ s: OWASPSummary) -> HTMLTable {
        HTMLTable(
            headers: ["score at paranoia level \(s.deployment.paranoiaLevel)", "requests", "share"],
            numericColumns: [1, 2],
            rows: s.scoreHistogram.indices.map { index in
                let low = OWASPSummary.scoreBands[index]
                return HTMLTable.Row(
                    [
                        .text(OWASPSummary.bandLabel(index)), .number(ReportFormat.count(s.scoreHistogram[index])),
                        .number(ReportFormat.percent(s.scoreHistogram[index], of: s.evaluated)),
                    ], cssClass: low >= s.deployment.scoreThreshold ? "total" : nil)
            }, name: "owasp-scores")
    }

    /// The highest-scoring requests that reached the threshold, redacted.
    private static func topRequestsTable(_ s: OWASPSummary) -> HTMLTable {
        HTMLTable(
            headers: ["score", "rules", "request"], numericColumns: [0],
            rows: s.topRequests.map { request in
                HTMLTable.Row([
                    .number(String(request.score)), .text(OWASPSummaryRenderer.ids(request.ruleIDs)),
                    .markup(
                        "<code class=\"example\">\(HTMLText.breakable("line \(request.line): \(request.request)"))"
                            + "</code>"),
                ])
            }, name: "owasp-top-requests")
    }
}
