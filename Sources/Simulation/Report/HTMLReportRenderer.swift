/// Renders an `HTMLReport` as one self-contained HTML document: an inline style sheet and inline SVG charts, no
/// script and nothing fetched from anywhere (a Content-Security-Policy forbids it). The same report always renders
/// to the same bytes.
public enum HTMLReportRenderer {
    /// The HTML document of `report`.
    public static func render(_ report: HTMLReport) -> String {
        let sections = sections(report)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:\">\n"
        out +=
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" "
            + "content=\"light\">\n"
        out += "<meta name=\"generator\" content=\"edgeproof\">\n"
        out +=
            "<title>\(HTMLText.escape(report.title))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>"
            + "\n<main>\n"
        out += "<header><h1>\(HTMLText.escape(report.title))</h1>"
        if let subtitle = report.subtitle { out += "<p class=\"subtitle\">\(HTMLText.escape(subtitle))</p>" }
        if sections.count > 1 {
            out +=
                "<nav><ul>"
                + sections.map { "<li><a href=\"#\(HTMLText.escape($0.id))\">\(HTMLText.escape($0.title))</a></li>" }
                .joined() + "</ul></nav>"
        }
        out += "</header>\n"
        if sections.isEmpty { out += "<p class=\"empty\">Nothing to report.</p>\n" }
        for section in sections { out += section.html() + "\n" }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The sections whose data the report has, in reading order. With two or more scenarios the charts over time
    /// are drawn per scenario, after the what-if table, instead of once for the summary.
    static func sections(_ report: HTMLReport) -> [ReportSection] {
        var sections: [ReportSection?] = []
        let perScenario = ScenarioTimelinesSection.section(report.scenarios, capacity: report.capacity)
        if let summary = report.summary {
            sections.append(OverviewSection.section(summary))
            if perScenario == nil {
                sections += [
                    RequestsChartSection.section(summary.timeline),
                    CacheChartSection.section(summary),
                    OriginLoadSection.section(summary.timeline, capacity: report.capacity),
                ]
            }
            sections += [
                RateLimitSection.section(summary), TopRulesSection.section(summary),
                ManagedRulesSection.section(summary),
            ]
        }
        sections += [
            WhatIfSection.section(report.scenarios),
            perScenario,
            CostBreakdownSection.section(report.scenarios),
            DiffGroupsSection.section(report.diffGroups),
        ]
        return sections.compactMap { $0 }
    }
}
