import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

private typealias Support = HTMLReportTestSupport

/// The example spec with `block-bad-bots` disabled: the scanners it blocked are allowed or challenged instead.
private func exampleWithoutBadBotRule() throws -> CompiledEdge {
    let text = try String(
        contentsOf: Support.root.appendingPathComponent("examples/agenticverz/edge.yaml"), encoding: .utf8)
    let start = try #require(text.range(of: "  - id: block-bad-bots"))
    let action = try #require(text.range(of: "    action: block\n", range: start.upperBound..<text.endIndex))
    let edited = text.replacingCharacters(in: action, with: "    action: block\n    enabled: false\n")
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(edited.utf8), file: "edge.yaml", diagnostics: diagnostics))
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

/// Scanner requests from IPv6 and IPv4 clients with long paths, a bearer token and a sensitive query parameter.
private func scannerTrace() throws -> String {
    let clients = ["2001:db8:85a3::8a2e:370:7334", "2001:db8::1", "203.0.113.250", "2001:db8::1", "fd00::42"]
    let paths = ["/api/v1/incidents/open/escalations/by-team/platform/weekly-summary", "/.env", "/api/v1/keys"]
    let agents = ["sqlmap/1.7.2#stable (https://sqlmap.org)", "Nuclei - Open-source project", "masscan/1.3"]
    let lines = (0..<60).map { n in
        "{\"ts\":\(1_766_188_800 + n * 7),\"ip\":\"\(clients[n % clients.count])\",\"host\":\"api.agenticverz.com\","
            + "\"path\":\"\(paths[n % paths.count])\",\"query\":\"token=sk_live_hidden\(n)&page=\(n)\","
            + "\"ua\":\"\(agents[n % agents.count])\",\"headers\":{\"authorization\":\"Bearer hidden.jwt.value\"},"
            + "\"country\":\"US\",\"asn\":64500,\"colo\":\"SIN\"}"
    }
    let path = NSTemporaryDirectory() + "edgeproof-diff-report-\(UUID().uuidString).jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite struct HTMLReportScenarioTimelineTests {
    @Test func everyScenarioHasItsOwnChartsOverTimeInADetailsElement() throws {
        let example = try Support.example()
        let warmUp = Support.root.appendingPathComponent("traces/cache-warm-up.jsonl").path
        let login = Support.root.appendingPathComponent("traces/login-brute-force.jsonl").path
        let (scenarios, _) = try WhatIf.run(
            example, trace: [warmUp],
            scenarios: [
                WhatIfScenario(name: "1x", scale: 1), WhatIfScenario(name: "3x", scale: 3),
                WhatIfScenario(name: "+logins", scale: 1, addedTrace: login, addedProfile: "logins"),
            ], options: ReplayOptions(), diagnostics: DiagnosticCollector())
        #expect(scenarios.count == 3)
        let html = HTMLReportRenderer.render(
            HTMLReport(
                title: "What if", summary: scenarios.first?.summary, scenarios: scenarios,
                capacity: try Support.capacity()))
        let document = try HTMLElement.parse(html)
        let section = try #require(document.first("section", "id", "scenario-timelines"))
        let panels = section.all("details", "data-scenario")
        #expect(panels.map { $0.attributes["data-scenario"] } == ["1×", "3×", "1× + logins"])
        #expect(panels.map { $0.attributes["open"] != nil } == [true, false, false], "the first scenario is open")
        var requestCharts: [String] = []
        for (panel, scenario) in zip(panels, scenarios) {
            let summary = try #require(panel.children("summary").first)
            #expect(summary.text.contains("\(ReportFormat.count(scenario.summary.requests)) requests"))
            let charts = panel.all("svg", "data-chart").compactMap { $0.attributes["data-chart"] }
            #expect(charts == ["requests-per-minute", "cache-hit-ratio", "origin-load"], "\(charts)")
            let requests = try #require(panel.first("svg", "data-chart", "requests-per-minute"))
            let shapes = requests.all { $0.attributes["data-series"] != nil }
            #expect(!shapes.isEmpty && shapes.allSatisfy { ($0.attributes["d"] ?? "").contains("M") })
            requestCharts.append(shapes.compactMap { $0.attributes["d"] }.joined(separator: "|"))
            let origin = try #require(panel.first("svg", "data-chart", "origin-load"))
            #expect(!origin.all("line", "data-reference", "soft-limit").isEmpty || origin.text.contains("soft limit"))
        }
        #expect(Set(requestCharts).count == 3, "each scenario draws its own traffic")
        #expect(document.first("section", "id", "requests") == nil, "no second copy of the first scenario's charts")
        let ids = document.all { $0.attributes["id"] != nil }.compactMap { $0.attributes["id"] }
        #expect(ids.count == Set(ids).count, "no id repeats: \(ids)")
        #expect(
            html
                == HTMLReportRenderer.render(
                    HTMLReport(
                        title: "What if", summary: scenarios.first?.summary, scenarios: scenarios,
                        capacity: try Support.capacity())))
    }

    @Test func oneScenarioKeepsTheReplayChartSections() throws {
        let scenario = try Support.scenario("scraper", trace: "scraper.jsonl")
        let document = try HTMLElement.parse(
            HTMLReportRenderer.render(HTMLReport(title: "t", summary: scenario.summary, scenarios: [scenario])))
        #expect(document.first("section", "id", "scenario-timelines") == nil)
        #expect(document.first("section", "id", "requests")?.first("svg", "data-chart", "requests-per-minute") != nil)
    }

    @Test func scenarioNamesSayEachThingOnce() throws {
        let summary = try Support.replay("scraper.jsonl")
        func named(_ name: String, scale: Double, profile: String? = nil) -> String {
            WhatIfSection.name(
                ScenarioResult(
                    name: name, scale: scale, addedProfile: profile, summary: summary, machinesNeeded: 1,
                    minutesOverHardLimit: 0, redisCommandsPerDay: 0, costs: []))
        }
        #expect(named("2x", scale: 2) == "2×")
        #expect(named("+bot-wave", scale: 1, profile: "bot-wave") == "1× + bot-wave")
        #expect(named("", scale: 0.5) == "0.50×")
        #expect(named("launch week", scale: 3) == "launch week (3×)")
    }
}

@Suite struct HTMLReportDiffGroupTests {
    @Test func eachGroupShowsTheTerminalBreakdownsInTheTerminalOrder() throws {
        let trace = try scannerTrace()
        defer { try? FileManager.default.removeItem(atPath: trace) }
        var options = ReplayOptions()
        options.redactor = Redactor(queryParameters: ["token"])
        let result = try SpecDiff.run(
            base: try Support.example(), head: try exampleWithoutBadBotRule(), paths: [trace], options: options,
            diagnostics: DiagnosticCollector())
        #expect(result.groups.count >= 2, "allowed and challenged scanners")
        let html = HTMLReportRenderer.render(
            HTMLReport(
                title: "Diff", diffGroups: result.groups.map { DiffGroupRow($0, totalRequests: result.requests) }))
        let document = try HTMLElement.parse(html)
        let section = try #require(document.first("section", "id", "diff"))
        let rows = try #require(section.first("table", "data-table", "diff-groups")?.first("tbody")).children("tr")
        let articles = section.all("article")
        #expect(rows.count == result.groups.count && articles.count == result.groups.count)
        let terminal = SpecDiffRenderer.text(result).components(separatedBy: "\n")
        for (index, (group, article)) in zip(result.groups, articles).enumerated() {
            #expect(article.attributes["id"] == "diff-group-\(index + 1)")
            #expect(rows[index].first("a")?.attributes["href"] == "#diff-group-\(index + 1)")
            #expect(
                article.first("h3")?.all("code").map(\.text) == [group.from, group.to] + (group.rule.map { [$0] } ?? [])
            )
            let list = try #require(article.first("dl"))
            #expect(list.children("dt").map(\.text) == ["top paths", "top clients", "top user agents", "examples"])
            // The terminal's "top clients: a (3), b (2)" line for this group, item for item.
            let header = try #require(terminal.firstIndex { $0.hasPrefix("  \(group.from)  →  \(group.to)") })
            for (label, name) in [("paths", "paths"), ("clients", "clients"), ("user agents", "user-agents")] {
                let line = try #require(terminal[header...].first { $0.hasPrefix("    top \(label): ") })
                let items = try #require(list.first("ol", "data-top", name)).children("li").map(\.text)
                // The terminal cuts long values without a mark; the report ends them in "…".
                let shown = items.map { $0.replacingOccurrences(of: "…", with: "") }
                #expect(shown.joined(separator: ", ") == line.dropFirst("    top \(label): ".count).description)
            }
            let examples = try #require(list.first("ul")).children("li").map(\.text)
            #expect(examples == group.examples)
            #expect(group.examples.allSatisfy { $0.contains("token=") })
        }
        let clients = articles.flatMap { $0.first("ol", "data-top", "clients")?.all("code") ?? [] }.map(\.text)
        #expect(clients.contains("2001:db8:85a3::8a2e:370:7334") && clients.contains("2001:db8::1"))
        for secret in ["sk_live_hidden", "hidden.jwt.value"] {
            #expect(!html.contains(secret), "the report shows \(secret)")
        }
    }

    @Test func longValuesAreCutAsInTheTerminalAndEmptyOnesNamed() throws {
        let long = "/" + String(repeating: "segment/", count: 10)
        let row = DiffGroupRow(
            from: "allow", to: "block", rule: "r", requests: 2, share: 1,
            topPaths: [DiffGroupRow.Count(value: long, requests: 2)],
            topClients: [DiffGroupRow.Count(value: "2001:db8::7", requests: 2)],
            topUserAgents: [DiffGroupRow.Count(value: "", requests: 2)], examples: [])
        let document = try HTMLElement.parse(HTMLReportRenderer.render(HTMLReport(title: "t", diffGroups: [row])))
        let article = try #require(document.first("article"))
        #expect(article.first("ol", "data-top", "paths")?.first("code")?.text == String(long.prefix(50)) + "…")
        #expect(article.first("ol", "data-top", "user-agents")?.first("li")?.text == "(none) (2)")
        #expect(article.first("dl")?.children("dt").map(\.text) == ["top paths", "top clients", "top user agents"])
    }

    @Test func ruleIdsInTheReplayTablesAreTokens() throws {
        let day = try Support.day.get()
        let document = try HTMLElement.parse(HTMLReportRenderer.render(HTMLReport(title: "t", summary: day)))
        let rules = try #require(document.first("table", "data-table", "top-rules")?.first("tbody")).children("tr")
            .compactMap { $0.children("td").first?.first("code")?.text }
        #expect(Set(rules) == Set(day.byRule.keys.map { String($0.split(separator: "/").last ?? "") }))
        #expect(rules.contains("block-missing-user-agent"))
        let limited = try #require(document.first("table", "data-table", "rate-limit-rules")?.first("tbody"))
        #expect(limited.children("tr").compactMap { $0.children("td").first?.first("code")?.text } == ["api-per-ip"])
    }

    @Test func examplesBreakOnlyAfterURLSeparators() {
        #expect(
            HTMLText.breakable("GET a.com/v1/x?token=REDACTED&page=2 from 2001:db8::1 <b>")
                == "GET a.com/<wbr>v1/<wbr>x?<wbr>token=REDACTED&amp;<wbr>page=2 from 2001:db8::1 &lt;b&gt;")
        #expect(ReportStyle.css.contains("code{font:12px ui-monospace"))
        #expect(!ReportStyle.css.contains("break-all"), "no rule breaks a token at any character")
    }
}
