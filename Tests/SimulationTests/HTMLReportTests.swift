import Foundation
import Testing

@testable import Simulation

private typealias Support = HTMLReportTestSupport

/// Writes `lines` (native JSONL) to a fresh temporary file and returns its path.
private func temporaryTrace(_ lines: [String]) throws -> String {
    let path = NSTemporaryDirectory() + "edgeproof-report-\(UUID().uuidString).jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A native trace line at `second` seconds after 2025-12-20 00:00 UTC.
private func request(_ second: Int, path: String, host: String = "console.agenticverz.com", ip: String = "100.64.0.9")
    -> String
{
    "{\"ts\":\(1_766_188_800 + second),\"ip\":\"\(ip)\",\"host\":\"\(host)\",\"path\":\"\(path)\","
        + "\"ua\":\"Mozilla/5.0\",\"colo\":\"SIN\"}"
}

@Suite struct HTMLReportTests {
    @Test func theExampleDayReportHasEveryChartWithDrawnSeries() throws {
        let html = HTMLReportRenderer.render(try Support.exampleReport())
        for name in Support.chartNames {
            let svg = try #require(Support.chart(name, in: html), "chart \(name) missing")
            let shapes = Support.seriesShapes(in: svg)
            #expect(!shapes.isEmpty, "chart \(name) has no data-series shapes")
            #expect(shapes.allSatisfy(Support.drawsSomething), "chart \(name) has an empty data-series shape")
        }
        let requests = try #require(Support.chart("requests-per-minute", in: html))
        let series = Set(
            Support.seriesShapes(in: requests).compactMap { Support.attribute("data-series", in: $0).map(String.init) })
        let day = try Support.day.get()
        let groups = [
            "allow": ["allow"], "block": ["block"], "challenges": ["challenge", "managed_challenge", "js_challenge"],
            "log": ["log"],
        ]
        let expected = Set(groups.filter { $0.value.contains { day.byAction[$0, default: 0] > 0 } }.keys)
        #expect(series == expected, "one band per outcome the day has")
        #expect(expected.isSuperset(of: ["allow", "block"]))
        let origin = try #require(Support.chart("origin-load", in: html))
        #expect(origin.contains("data-reference=\"soft-limit\"") && origin.contains("data-reference=\"hard-limit\""))
        #expect(
            origin.contains("soft limit 200 × 3 machines = 600")
                && origin.contains("hard limit 250 × 3 machines = 750")
        )
        #expect(
            origin.contains("data-off-scale=\"true\""),
            "the day's origin load is far below the limits, which are named above the chart")
        for table in ["top-rules", "rate-limit-rules", "what-if", "costs", "diff-groups"] {
            #expect(html.contains("<table data-table=\"\(table)\">"), "table \(table) missing")
        }
    }

    @Test func theReportFetchesNothing() throws {
        let html = HTMLReportRenderer.render(try Support.exampleReport())
        for forbidden in [
            "http://", "https://", "@import", "url(", "<script", "<link", "<img", "<iframe", "<object", "<embed",
            " src=",
        ] {
            #expect(!html.lowercased().contains(forbidden), "the report contains \(forbidden)")
        }
        let links = html.components(separatedBy: "href=\"").dropFirst()
        #expect(!links.isEmpty, "the table of contents links to its sections")
        #expect(links.allSatisfy { $0.hasPrefix("#") }, "every link stays inside the document")
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        var summary = try Support.replay("scraper.jsonl")
        let hostile = "<script>alert('x')</script>"
        summary.byRule["http_request_firewall_custom/\(hostile)"] = summary.requests
        summary.rateLimitTriggers[hostile] = 3
        let scenario = ScenarioResult(
            name: hostile, scale: 2, addedProfile: "\"><svg onload=x>", summary: summary, machinesNeeded: 1,
            minutesOverHardLimit: 0, redisCommandsPerDay: 10,
            costs: [CostLine(service: hostile, detail: "a & b", monthly: 5)])
        let report = HTMLReport(
            title: hostile, subtitle: hostile, summary: summary, scenarios: [scenario],
            diffGroups: [
                DiffGroupRow(
                    from: hostile, to: "block", rule: hostile, requests: 1, share: 0.5,
                    topPaths: [DiffGroupRow.Count(value: hostile, requests: 1)],
                    topClients: [DiffGroupRow.Count(value: hostile, requests: 1)],
                    topUserAgents: [DiffGroupRow.Count(value: hostile, requests: 1)], examples: [hostile])
            ])
        let html = HTMLReportRenderer.render(report)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<svg onload"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(
            html.contains(
                "data-series=\"http_request_firewall_custom/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""))
        #expect(html.contains("a &amp; b"))
    }

    @Test func renderingIsDeterministic() throws {
        let report = try Support.exampleReport()
        let first = HTMLReportRenderer.render(report)
        #expect(first == HTMLReportRenderer.render(report))
        // The same counts inserted in a different order (so dictionaries iterate differently) render the same bytes.
        var forwards = try Support.replay("scraper.jsonl"), backwards = forwards
        let rules = (0..<200).map { ("http_request_firewall_custom/rule-\($0)", $0 % 7 + 1) }
        forwards.byRule = [:]
        backwards.byRule = [:]
        for (rule, count) in rules { forwards.byRule[rule] = count }
        for (rule, count) in rules.reversed() { backwards.byRule[rule] = count }
        #expect(
            HTMLReportRenderer.render(HTMLReport(title: "t", summary: forwards))
                == HTMLReportRenderer.render(HTMLReport(title: "t", summary: backwards)))
    }

    @Test func aReportWithOnlyScenariosStillHasTheWhatIfTable() throws {
        let scraper = try Support.replay("scraper.jsonl")
        let scenarios = [
            try Support.scenario("scraper", trace: "scraper.jsonl"),
            try Support.scenario("login brute force", trace: "login-brute-force.jsonl"),
        ]
        let html = HTMLReportRenderer.render(HTMLReport(title: "What if", scenarios: scenarios))
        let table = try #require(html.range(of: "<table data-table=\"what-if\">").map { html[$0.lowerBound...] })
        let body = try #require(table.range(of: "</table>").map { table[..<$0.lowerBound] })
        #expect(body.components(separatedBy: "<tr>").count - 1 == 3, "a header row and one row per scenario")
        #expect(body.contains("<td>scraper (1×)</td>") && body.contains("<td>login brute force (1×)</td>"))
        #expect(body.contains("<td class=\"num\">\(ReportFormat.count(scraper.requests))</td>"))
        #expect(
            body.contains(
                "<td class=\"num\">\(ReportFormat.percent(scraper.metric("rate_limited_rate") ?? -1, decimals: 2))</td>"
            ))
        #expect(body.contains("<td class=\"num\">\(ReportFormat.dollars(scenarios[0].monthlyCost))</td>"))
        #expect(Support.chart("cost-breakdown", in: html) != nil)
        #expect(Support.chart("requests-per-minute", in: html) != nil, "each scenario's charts over time")
        #expect(!html.contains("<section id=\"overview\""), "no summary, no overview")
    }

    @Test func cacheRatioBreaksWhereNothingIsCacheable() throws {
        let trace = try temporaryTrace([
            request(1, path: "/guard/assets/app.js"), request(2, path: "/guard/assets/app.js"),
            request(70, path: "/guard"), request(130, path: "/guard"),
            request(190, path: "/guard/assets/app.js"), request(200, path: "/guard/assets/app.js"),
        ])
        let summary = try Support.replay(trace)
        #expect(summary.timeline.cacheable == [2, 0, 0, 2])
        let svg = try #require(
            Support.chart("cache-hit-ratio", in: HTMLReportRenderer.render(HTMLReport(title: "t", summary: summary))))
        let path = try #require(Support.seriesShapes(in: svg).first.flatMap { Support.attribute("d", in: $0) })
        #expect(path.filter { $0 == "M" }.count == 2, "two runs separated by the uncacheable minutes: \(path)")
    }

    @Test func aOneMinuteReplayStillDrawsItsCharts() throws {
        let summary = try Support.replay(
            try temporaryTrace([request(5, path: "/guard/assets/app.js"), request(6, path: "/guard/assets/app.js")]))
        let html = HTMLReportRenderer.render(
            HTMLReport(
                title: "t", summary: summary,
                capacity: CapacityLine(softLimitPerMachine: 1, hardLimitPerMachine: nil, machines: 1)))
        for name in ["requests-per-minute", "cache-hit-ratio", "origin-load"] {
            let svg = try #require(Support.chart(name, in: html), "chart \(name) missing")
            #expect(Support.seriesShapes(in: svg).contains(where: Support.drawsSomething))
        }
        #expect(html.contains("No rate-limit rule acted during the replay."))
    }

    @Test func referenceLinesNearTheDataAreDrawnAndFarOnesNamed() throws {
        let summary = try Support.replay(try temporaryTrace([request(5, path: "/guard")]))
        let time = try #require(TimeAxis(summary.timeline))
        let series = [ChartSeries(id: "load", label: "load", color: ChartPalette.blue, style: .line, values: [2])]
        let near = ReferenceLine(id: "near", label: "near", color: ChartPalette.orange, value: 5)
        let far = ReferenceLine(id: "far", label: "far", color: ChartPalette.red, value: 50)
        let svg = TimeSeriesChart(
            name: "c", title: "c", time: time, valueTitle: "v", valueFormat: .number, series: series,
            references: [near, far]
        ).svg()
        #expect(svg.contains("<line data-reference=\"near\""))
        #expect(!svg.contains("<line data-reference=\"far\""))
        #expect(svg.contains("data-reference=\"far\" data-off-scale=\"true\""))
        #expect(svg.contains("(above the chart, 25× its peak)"))
        #expect(
            svg.contains(">6</text>") && !svg.contains(">50</text>"),
            "the value axis (0, 2, 4, 6) reaches the near line only")
    }

    @Test func longTimelinesAreSummedIntoAtMostSevenHundredTwentyPoints() throws {
        let day = try Support.day.get()
        let buckets = TimeBuckets(minutes: day.timeline.minutes)
        #expect(day.timeline.minutes > TimeBuckets.maxPoints)
        #expect(buckets.count <= TimeBuckets.maxPoints)
        for (action, perMinute) in day.timeline.requestsByAction {
            #expect(
                buckets.sums(perMinute).reduce(0, +) == Double(day.byAction[action, default: 0]),
                "sums keep every \(action) request")
        }
        #expect(TimeBuckets(minutes: 10_080).minutesPerBucket == 14)
        #expect(TimeBuckets(minutes: 5).maxima([1, 7, 3, 2, 9]) == [1, 7, 3, 2, 9])
        #expect(TimeBuckets(minutes: 5, maxPoints: 2).sums([1, 2, 3, 4, 5]) == [6, 9])
        #expect(TimeBuckets(minutes: 5, maxPoints: 2).maxima([1, 2, 3, 4, 5]) == [3, 5])
    }

    @Test func anEmptyReportSaysSo() {
        let html = HTMLReportRenderer.render(HTMLReport(title: "Nothing"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("Nothing to report."))
        #expect(!html.contains("<svg"))
    }

    @Test func extremeInputsRenderWithoutTrapping() throws {
        let summary = try Support.replay("scraper.jsonl")
        let scenario = ScenarioResult(
            name: "", scale: .greatestFiniteMagnitude, addedProfile: nil, summary: summary, machinesNeeded: Int.min,
            minutesOverHardLimit: Int.max,
            redisCommandsPerDay: .nan,
            costs: [
                CostLine(service: "x", detail: "", monthly: .infinity),
                CostLine(service: "y", detail: "", monthly: -5),
            ])
        let empty = try Support.replay(try temporaryTrace([]))
        let idle = ScenarioResult(
            name: "idle", scale: 0, addedProfile: nil, summary: empty, machinesNeeded: 0, minutesOverHardLimit: 0,
            redisCommandsPerDay: 0, costs: [])
        let html = HTMLReportRenderer.render(
            HTMLReport(
                title: "", summary: summary, scenarios: [scenario, idle],
                capacity: CapacityLine(softLimitPerMachine: Int.max, hardLimitPerMachine: Int.min, machines: Int.max),
                diffGroups: [
                    DiffGroupRow(
                        from: "", to: "", rule: nil, requests: Int.max, share: .nan,
                        topPaths: [DiffGroupRow.Count(value: "", requests: Int.min)],
                        topClients: [DiffGroupRow.Count(value: String(repeating: "9", count: 10_000), requests: 0)],
                        examples: [])
                ]))
        #expect(html.contains("<table data-table=\"what-if\">"))
        #expect(html.contains(ReportFormat.count(Int.min)))
        let document = try HTMLElement.parse(html)
        let idlePanel = try #require(document.first("details", "data-scenario", "idle (0×)"))
        #expect(idlePanel.first("svg") == nil && idlePanel.text.contains("No request has a time to chart."))
        #expect(document.first("ol", "data-top", "paths")?.text == "(none) (\(ReportFormat.count(Int.min)))")
    }
}

@Suite struct HTMLReportFormattingTests {
    @Test func numbersFormatExactly() {
        #expect(ReportFormat.count(46_120) == "46,120")
        #expect(ReportFormat.count(-1_000) == "-1,000")
        #expect(ReportFormat.count(999) == "999")
        #expect(ReportFormat.fixed(2.345, 1) == "2.3")
        #expect(ReportFormat.fixed(-0.04, 1) == "0.0")
        #expect(ReportFormat.fixed(-1.25, 2) == "-1.25")
        #expect(ReportFormat.fixed(.nan, 1) == "–")
        #expect(ReportFormat.percent(0.12345) == "12.3%")
        #expect(ReportFormat.percent(3, of: 0) == "0.0%")
        #expect(ReportFormat.dollars(1234.5) == "$1,234.50")
        #expect(ReportFormat.dollars(0.004) == "$0.00")
        #expect(ReportFormat.compact(950) == "950")
        #expect(ReportFormat.compact(12_345) == "12.3k")
        #expect(ReportFormat.compact(4_560_000) == "4.56M")
        #expect(ReportFormat.compact(7.5) == "7.5")
    }

    @Test func utcLabelsFollowTheCalendar() {
        #expect(UTCTime.dateTime(1_766_188_800 / 60) == "2025-12-20 00:00")
        #expect(UTCTime.dateTime(1_709_164_800 / 60 + 23 * 60 + 59) == "2024-02-29 23:59")
        #expect(UTCTime.dateTime(-1) == "1969-12-31 23:59")
        #expect(UTCTime.dateTime(0) == "1970-01-01 00:00")
    }

    @Test func valueAxesUseRoundSteps() {
        let axis = ValueAxis(maximum: 237)
        #expect(axis.top == 250 && axis.ticks == [0, 50, 100, 150, 200, 250])
        #expect(axis.label(150) == "150")
        let small = ValueAxis(maximum: 0.7)
        #expect(small.ticks.map(small.label) == ["0", "0.2", "0.4", "0.6", "0.8"])
        #expect(ValueAxis.fraction.ticks.map(ValueAxis.fraction.label) == ["0%", "25%", "50%", "75%", "100%"])
        #expect(ValueAxis(maximum: 0).top == 1)
        #expect(ValueAxis(maximum: 42_000).label(40_000) == "40k")
        #expect(ValueAxis(maximum: 12, format: .dollars).label(7.5) == "$7.5")
    }

    @Test func timeTicksFallOnRoundUTCTimes() throws {
        let day = try Support.day.get()
        let axis = try #require(TimeAxis(day.timeline))
        #expect(axis.ticks.first == TimeAxis.Tick(offset: 0, label: "00:00"))
        #expect(axis.ticks.map(\.label).contains("12:00"))
        #expect(axis.ticks.count <= 9)
        #expect(axis.title == "time (UTC) from 2025-12-20 00:00, 2-minute points")
        let days = try Support.replay(
            try temporaryTrace([request(0, path: "/guard"), request(3 * 86_400, path: "/guard")]))
        let long = try #require(TimeAxis(days.timeline))
        #expect(long.buckets.minutesPerBucket == 7 && long.buckets.count == 618)
        #expect(
            long.ticks.map(\.label) == [
                "12-20 00:00", "12-20 12:00", "12-21 00:00", "12-21 12:00", "12-22 00:00", "12-22 12:00", "12-23 00:00",
            ])
    }

    @Test func textIsEscapedForContentAndAttributes() {
        #expect(HTMLText.escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(HTMLText.escape("héllo → ✓") == "héllo → ✓")
    }
}
