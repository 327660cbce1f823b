import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// A small trace of SQL injection and XSS probes and benign requests, replayed through real libmodsecurity and CRS
/// 3.3.4: a UNION SELECT probe scores 20 at paranoia level 1 and 40 at level 2, a script tag 15 and 25, a benign
/// request 0 (`ModSecurityEngineTests`).
@Suite(.enabled(if: OWASPTrace.crsInstalled, OWASPTrace.skipMessage))
struct OWASPReportTests {
    @Test("At paranoia level 2 with the high threshold every probe is blocked, counted by rule, path and score")
    func replayCountsBlocksByRuleAndPath() throws {
        let summary = try OWASPTrace.replay(paranoiaLevel: 2, threshold: "high")
        let owasp = try #require(summary.owasp)
        #expect(owasp.deployment == OWASPDeployment(paranoiaLevel: 2, scoreThreshold: 25, action: "block"))
        #expect(owasp.evaluated == OWASPTrace.lines.count)
        #expect(owasp.reachedThreshold == 12 && owasp.belowThreshold == 0)
        #expect(summary.byRule["http_request_firewall_managed/owasp"] == 12)
        #expect(summary.byAction["block"] == 12)
        #expect(owasp.rules[942100]?.matched == 7 && owasp.rules[942100]?.reachedThreshold == 7)
        #expect(owasp.rules[941100]?.matched == 5 && owasp.rules[941100]?.reachedThreshold == 5)
        #expect(owasp.rankedPaths.map(\.path) == ["/v1/incidents", "/v1/search"])
        #expect(owasp.pathsReachingThreshold == ["/v1/incidents": 7, "/v1/search": 5])
        let bands = Dictionary(
            uniqueKeysWithValues: owasp.scoreHistogram.indices.map {
                (OWASPSummary.bandLabel($0), owasp.scoreHistogram[$0])
            })
        #expect(bands["0"] == 3 && bands["25–39"] == 5 && bands["40–59"] == 7)
        #expect(owasp.scoreHistogram.reduce(0, +) == owasp.evaluated)
        #expect(owasp.bodyRulesNotEvaluated == owasp.evaluated, "no record of the trace carries a body")
        // Ten kept out of twelve: the seven UNION SELECT probes (40), then the first three script tags (25).
        #expect(owasp.topRequests.count == 10)
        #expect(owasp.topRequests.map(\.score) == Array(repeating: 40, count: 7) + Array(repeating: 25, count: 3))
        #expect(owasp.topRequests.map(\.line) == OWASPTrace.sqlLines + OWASPTrace.xssLines.prefix(3))
        #expect(owasp.topRequests[0].ruleIDs.prefix(4) == [942100, 942190, 942270, 942360])
    }

    @Test("At paranoia level 1 with the medium threshold the probes match but stay below the threshold")
    func replayCountsMatchesBelowTheThreshold() throws {
        let owasp = try #require(try OWASPTrace.replay(paranoiaLevel: 1, threshold: "medium").owasp)
        #expect(owasp.reachedThreshold == 0 && owasp.belowThreshold == 12)
        #expect(owasp.rules[942100]?.matched == 7 && owasp.rules[942100]?.reachedThreshold == 0)
        #expect(owasp.rules.keys.sorted() == [941100, 941110, 941160, 942100, 942190, 942270, 942360])
        #expect(owasp.pathsReachingThreshold.isEmpty && owasp.topRequests.isEmpty)
        #expect(OWASPSummary.topPath(try #require(owasp.rules[941160]))?.path == "/v1/search")
    }

    @Test("Every result format names the rules and paths, and never shows a redacted query value")
    func renderersShowTheReviewAndRedact() throws {
        let summary = try OWASPTrace.replay(paranoiaLevel: 2, threshold: "high")
        let text = SummaryRenderer.text(summary)
        #expect(text.contains("Managed rules (OWASP Core Ruleset): paranoia level 2, threshold 25, action block\n"))
        #expect(text.contains("12 requests reached the threshold (block), 0 matched below it, of 15 evaluated"))
        #expect(text.contains("942100  SQL injection"))
        #expect(text.contains("score 40 (942100 942190 942270 942360"))
        let markdown = ReplayMarkdownRenderer.render(summary)
        #expect(markdown.contains("| `942100` | SQL injection | 7 | 7 | `/v1/incidents` |"))
        #expect(markdown.contains("| `/v1/search` | 5 |"))
        let github = ReplayGitHubRenderer.render(summary)
        #expect(github.contains("::notice title=Managed rules (OWASP Core Ruleset)::paranoia level 2"))
        let html = HTMLReportRenderer.render(HTMLReport(title: "t", summary: summary))
        let tree = try HTMLElement.parse(html)
        let section = try #require(tree.first("section", "id", "owasp"))
        #expect(section.first("table", "data-table", "owasp-rules") != nil)
        #expect(section.first("table", "data-table", "owasp-paths") != nil)
        #expect(section.first("table", "data-table", "owasp-top-requests") != nil)
        let json = SummaryRenderer.json(summary).compact
        for output in [text, markdown, github, html, json] {
            #expect(!output.contains("s3cr3t"), "the token's value is redacted")
        }
        #expect(text.contains("token=REDACTED"))

        // An independent parser reads the documented keys.
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let owasp = try #require(document["owasp"] as? [String: Any])
        #expect(owasp["paranoia_level"] as? Int == 2 && owasp["score_threshold"] as? Int == 25)
        #expect(owasp["reached_threshold"] as? Int == 12 && owasp["matched_below_threshold"] as? Int == 0)
        let rules = try #require(owasp["rules"] as? [[String: Any]])
        #expect(rules.first?["id"] as? Int == 942100 && rules.first?["matched"] as? Int == 7)
        #expect((owasp["top_requests"] as? [Any])?.count == 10)
        let paths = try #require(owasp["paths"] as? [[String: Any]])
        #expect(paths.map { $0["path"] as? String } == ["/v1/incidents", "/v1/search"])
    }

    @Test("A spec without the OWASP Core Ruleset has no managed-rules section and a null owasp member")
    func noRulesetNoSection() throws {
        let spec = try OWASPTrace.compile(owasp: nil)
        let summary = try OWASPTrace.withFile {
            try Replay.run(spec, paths: [$0], options: ReplayOptions(), diagnostics: DiagnosticCollector())
        }
        #expect(summary.owasp == nil)
        #expect(!SummaryRenderer.text(summary).contains("OWASP"))
        #expect(SummaryRenderer.json(summary).compact.contains(#""owasp":null"#))
        let html = try HTMLElement.parse(HTMLReportRenderer.render(HTMLReport(title: "t", summary: summary)))
        #expect(html.first("section", "id", "owasp") == nil)
    }

    @Test("diff from level 1 (medium) to level 2 (high) lists the newly blocked requests by rule and path")
    func diffShowsNewlyBlockedRequests() throws {
        let base = try OWASPTrace.compile(owasp: (1, "medium")), head = try OWASPTrace.compile(owasp: (2, "high"))
        func diff(_ base: CompiledEdge, _ head: CompiledEdge) throws -> SpecDiffResult {
            try OWASPTrace.withFile {
                try SpecDiff.run(
                    base: base, head: head, paths: [$0], options: OWASPTrace.options(),
                    diagnostics: DiagnosticCollector())
            }
        }
        let result = try diff(base, head)
        let owasp = try #require(result.owasp)
        #expect(owasp.settingsDescription == "paranoia level 1 → 2, threshold 40 → 25, action block")
        #expect(owasp.newlyReached.requests == 12 && owasp.noLongerReached.requests == 0)
        #expect(owasp.newlyReached.rules[942100] == 7 && owasp.newlyReached.rules[941100] == 5)
        #expect(owasp.newlyReached.paths == ["/v1/incidents": 7, "/v1/search": 5])
        #expect(result.changed == 12)
        let text = SpecDiffRenderer.text(result)
        #expect(text.contains("Managed rules (OWASP Core Ruleset): paranoia level 1 → 2, threshold 40 → 25"))
        #expect(text.contains("12 requests newly reach the threshold"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SpecDiffRenderer.json(result).compact.utf8)) as? [String: Any])
        let member = try #require(json["owasp"] as? [String: Any])
        let newly = try #require(member["newly_reached"] as? [String: Any])
        #expect(newly["requests"] as? Int == 12)
        #expect((newly["rules"] as? [[String: Any]])?.first?["id"] as? Int == 942100)

        let back = try diff(head, base)
        #expect(back.owasp?.noLongerReached.requests == 12 && back.owasp?.newlyReached.requests == 0)
        #expect(back.owasp?.noLongerReached.rules[941160] == 5)
        let same = try diff(head, head)
        #expect(same.owasp?.newlyReached.requests == 0 && same.owasp?.noLongerReached.requests == 0)
    }

    @Test("whatif reports each scenario's OWASP blocks")
    func whatIfReportsBlocksPerScenario() throws {
        let spec = try OWASPTrace.compile(owasp: (2, "high"))
        let (results, _) = try OWASPTrace.withFile {
            try WhatIf.run(
                spec, trace: [$0],
                scenarios: [WhatIfScenario(name: "1x", scale: 1), WhatIfScenario(name: "2x", scale: 2)],
                options: OWASPTrace.options(), diagnostics: DiagnosticCollector())
        }
        #expect(results.map { $0.summary.owasp?.reachedThreshold } == [12, 24])
        #expect(results[1].summary.owasp?.topRequests.count == 10, "a replica's line is kept once")
        let text = WhatIfTable.text(results)
        #expect(text.contains("OWASP Core Ruleset (paranoia level 2, threshold 25, action block): 1x 12 of 15"))
        #expect(WhatIfTable.json(results, warnings: []).compact.contains(#""owasp":{"paranoia_level":2"#))
    }
}

/// The probe trace and the specs the tests replay it through.
enum OWASPTrace {
    /// Whether Debian's CRS package is installed (`CRSInstallation.debian`).
    static let crsInstalled = FileManager.default.fileExists(atPath: "/usr/share/modsecurity-crs/rules")
    static let skipMessage: Comment =
        "the OWASP Core Rule Set is not installed at /usr/share/modsecurity-crs (run scripts/ensure-system-packages.sh)"

    static let union = "q=1%27%20UNION%20SELECT%20password%20FROM%20users--"
    static let script = "q=%3Cscript%3Ealert(1)%3C/script%3E&token=s3cr3t"

    /// Path and query of each record: 7 UNION SELECT probes, 5 script tags and 3 benign requests.
    static let lines: [(path: String, query: String)] = [
        ("/v1/incidents", "page=2"), ("/v1/incidents", union), ("/v1/search", script), ("/v1/incidents", union),
        ("/health", ""), ("/v1/search", script), ("/v1/incidents", union), ("/v1/incidents", union),
        ("/v1/search", script), ("/v1/incidents", union), ("/v1/search", script), ("/v1/incidents", "limit=50"),
        ("/v1/incidents", union), ("/v1/search", script), ("/v1/incidents", union),
    ]
    /// The trace lines (1-based) of the UNION SELECT probes and of the script tags.
    static let sqlLines = lines.indices.filter { lines[$0].query == union }.map { $0 + 1 }
    static let xssLines = lines.indices.filter { lines[$0].query == script }.map { $0 + 1 }

    /// `body` given the path of the trace, written to a temporary file removed afterwards.
    static func withFile<T>(_ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "edgeproof-owasp-probes-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text =
            lines.enumerated().map { index, line in
                #"{"ts":\#(1_766_188_800 + index),"ip":"192.0.2.\#(index + 1)","method":"GET","#
                    + #""host":"api.example.com","path":"\#(line.path)","query":"\#(line.query)","#
                    + #""ua":"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0","headers":{"accept":"application/json"}}"#
            }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try body(path)
    }

    /// Options whose redactor hides the `token` query parameter.
    static func options() -> ReplayOptions {
        var options = ReplayOptions()
        options.redactor = Redactor(queryParameters: ["token"])
        return options
    }

    /// A spec with the OWASP Core Ruleset at `owasp` (level, threshold name), or without it.
    static func compile(owasp: (level: Int, threshold: String)?) throws -> CompiledEdge {
        var text = "version: 1\nzone: { name: example.com, plan: pro }\n"
        if let owasp {
            text +=
                "managed_rules:\n  owasp:\n    enabled: true\n    paranoia_level: \(owasp.level)\n"
                + "    score_threshold: \(owasp.threshold)\n    action: block\n"
        }
        let diagnostics = DiagnosticCollector()
        let checked = try #require(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics))
        return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    }

    /// The trace replayed through a spec with the ruleset at `paranoiaLevel` and `threshold`.
    static func replay(paranoiaLevel: Int, threshold: String) throws -> ReplaySummary {
        let spec = try compile(owasp: (paranoiaLevel, threshold))
        return try withFile {
            try Replay.run(spec, paths: [$0], options: options(), diagnostics: DiagnosticCollector())
        }
    }
}
