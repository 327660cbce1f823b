import Foundation
import Testing

/// `--format json|github|markdown` on `replay`, `whatif` and `diff`: one document alone on standard output, workflow
/// commands, and Markdown comments that stay under GitHub's limit whatever the trace holds.
@Suite struct SimulationResultFormatTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    /// The arguments that run `command` over the scraper trace, followed by `extra`.
    private func scraper(_ command: String, _ extra: [String] = []) -> [String] {
        let specs = command == "diff" ? [exampleSpec, exampleSpec] : [exampleSpec]
        let scale = command == "whatif" ? ["--scale", "1,2"] : []
        return [command] + specs + ["--trace", "traces/scraper.jsonl"] + scale + extra
    }

    /// A spec with one custom rule (`when`) and a rate limit keyed by address and user agent.
    private func spec(_ name: String, blocking when: String) throws -> String {
        try scratch.write(
            name,
            """
            version: 1
            zone: {name: example.com, plan: enterprise}
            waf:
              - id: block-p
                description: blocks what the test names
                when: \(when)
                action: block
            rate_limits:
              - id: per-agent
                description: one request per agent and address every 10 seconds
                when: http.request.uri.path contains "/"
                characteristics: [ip.src, 'http.request.headers["user-agent"]']
                requests: 1
                period: 10s
                timeout: 10s
                action: block

            """)
    }

    /// 20,000 records with distinct paths and 1,000-character user agents, both holding `|`, backticks and a
    /// backslash, the agents also a line break.
    private func hostileTrace() throws -> String {
        var text = ""
        for index in 0..<20_000 {
            let milliseconds = index * 10
            let time = String(
                format: "2025-12-20T14:%02d:%02d.%03dZ", milliseconds / 60_000, milliseconds / 1000 % 60,
                milliseconds % 1000)
            let userAgent = #"agent-\#(index % 7) |`tick``\\|\n| "# + String(repeating: "x", count: 1000)
            text +=
                #"{"ts":"\#(time)","ip":"10.0.\#(index % 5).\#(1 + index % 3)","method":"GET","host":"example.com","#
                + #""path":"/p/\#(index)|`x`\\|","ua":"\#(userAgent)"}"# + "\n"
        }
        return try scratch.write("hostile.jsonl", text)
    }

    /// Every Markdown table keeps the columns of its header: each row is one line starting and ending with `|`,
    /// with as many unescaped `|` as the header, counted as GitHub splits cells (a backslash escapes the next
    /// character, inside code too).
    private func expectTablesKeepTheirColumns(_ markdown: String) {
        var columns: Int?
        var rows = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            var pipes = 0
            var escaped = false
            for character in line {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    pipes += 1
                }
            }
            #expect(line.hasSuffix(" |"), "\(line.prefix(200))")
            if let columns {
                #expect(pipes == columns, "\(line.prefix(200))")
            } else {
                columns = pipes
            }
            rows += 1
        }
        #expect(rows > 0, "the summary has tables")
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func jsonIsTheReportDocumentAloneOnStandardOutput(command: String) throws {
        let result = edgeproof(scraper(command, ["--format", "json", "--report", scratch.path("r.json")]))
        #expect(result.exitCode == 0)
        #expect(result.stdout == (try scratch.read("r.json")), "the same document --report writes")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let key = ["replay": "requests", "whatif": "scenarios", "diff": "changed"][command]!
        #expect(document[key] != nil)
        #expect(!result.stderr.contains("{"), "nothing of the document on standard error")
    }

    @Test(arguments: ["replay", "whatif"])
    func aBrokenThresholdIsExit1WithTheDocumentStillAloneCarryingTheThresholds(command: String) throws {
        let report = scratch.path("\(command)-thresholds.json")
        let result = edgeproof(
            scraper(command, ["--format", "json", "--threshold", "block_rate<0.1%", "--report", report]))
        #expect(result.exitCode == 1)
        #expect(result.stdout == (try scratch.read("\(command)-thresholds.json")), "the same document --report writes")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let thresholds = try #require(document["thresholds"] as? [String: Any])
        let runs = command == "whatif" ? 2 : 1
        #expect(thresholds["applied"] as? Int == runs)
        #expect(thresholds["holds"] as? Bool == false)
        let broken = try #require(thresholds["broken"] as? [String])
        #expect(broken.count == runs)
        #expect(broken.allSatisfy { $0.contains("block_rate = 83.33% breaks block_rate < 0.1%") }, "\(broken)")
        #expect(result.stderr.contains("Thresholds broken:\n  "))
    }

    @Test func aDocumentHasNoThresholdsMemberWhenNoneWasApplied() throws {
        let result = edgeproof(scraper("replay", ["--format", "json"]))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["thresholds"] == nil)
        let holding = edgeproof(scraper("replay", ["--format", "json", "--threshold", "block_rate<99%"]))
        #expect(holding.exitCode == 0)
        let held = try #require(try JSONSerialization.jsonObject(with: Data(holding.stdout.utf8)) as? [String: Any])
        #expect((held["thresholds"] as? [String: Any])?["holds"] as? Bool == true)
    }

    @Test func aChangedOutcomeUnderFailOnChangeIsExit1WithOneDiffDocument() throws {
        let base = try spec("base.yaml", blocking: #"http.request.uri.path eq "/never""#)
        let head = try spec("head.yaml", blocking: #"http.request.uri.path contains "/v1/""#)
        let result = edgeproof(
            "diff", base, head, "--trace", "traces/scraper.jsonl", "--format", "json", "--fail-on-change")
        #expect(result.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        #expect((document["changed"] as? Int ?? 0) > 0)
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func aSpecWithErrorsIsExit1WithItsDiagnosticsAsTheOneJSONDocument(command: String) throws {
        let broken = try scratch.write("broken.yaml", "version: 1\nzone: {name: example.com, plan: business}\nwaf: 7\n")
        let specs = command == "diff" ? [exampleSpec, broken] : [broken]
        let scale = command == "whatif" ? ["--scale", "1"] : []
        let result = edgeproof([command] + specs + ["--trace", "traces/scraper.jsonl", "--format", "json"] + scale)
        #expect(result.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["diagnostics"] as? [Any])?.isEmpty == false, "docs/diagnostics-json.md's document")
    }

    @Test func replayOnGitHubReportsBrokenThresholdsAsErrorsAndEndsWithASummary() {
        let result = edgeproof(scraper("replay", ["--format", "github", "--fail-on", "block_rate<0.1%"]))
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("::") })
        #expect(lines.first == "::error title=Threshold broken::block_rate = 83.33%25 breaks block_rate < 0.1%25")
        #expect(
            lines.contains(
                "::warning title=Not simulated::managed_rules.cloudflare: deployed but not simulated for 100 requests "
                    + "(those that reached the managed rules)"))
        #expect(lines.last?.hasPrefix("::notice title=EdgeProof replay::600 requests: 83.33%25 blocked") == true)
    }

    @Test func traceFindingsOnGitHubAreWorkflowCommandsWithTheirLine() throws {
        let trace = try scratch.write(
            "one-bad.jsonl", "{\"path\": 7}\n" + String(contentsOfFile: "traces/scraper.jsonl", encoding: .utf8))
        let result = edgeproof("replay", exampleSpec, "--trace", trace, "--format", "github")
        #expect(result.exitCode == 0)
        let finding = try #require(result.stdout.split(separator: "\n").first)
        #expect(finding.hasPrefix("::warning file=\(trace),line=1,"), "a skipped line does not fail the run")
        #expect(finding.hasSuffix("title=T0101::path must be a string; line skipped"))
    }

    @Test func whatIfAndDiffOnGitHub() throws {
        let whatIf = edgeproof(scraper("whatif", ["--format", "github"]))
        #expect(whatIf.exitCode == 0)
        let notices = whatIf.stdout.split(separator: "\n").filter { $0.hasPrefix("::notice title=EdgeProof what-if") }
        #expect(notices.count == 2)
        #expect(notices.first?.hasPrefix("::notice title=EdgeProof what-if 1x::600 requests") == true)
        let base = try spec("base.yaml", blocking: #"http.request.uri.path eq "/never""#)
        let head = try spec("head.yaml", blocking: #"http.request.uri.path contains "/v1/""#)
        let diff = edgeproof(
            "diff", base, head, "--trace", "traces/scraper.jsonl", "--format", "github", "--fail-on-change")
        #expect(diff.exitCode == 1)
        let lines = diff.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("::") })
        #expect(lines.contains { $0.hasPrefix("::error title=Outcome changed::") })
        #expect(lines.last?.hasPrefix("::notice title=EdgeProof diff::") == true)
    }

    @Test func markdownOfHostileTracesStaysUnderTheLimitAndKeepsItsTables() throws {
        let trace = try hostileTrace()
        let base = try spec("base.yaml", blocking: #"http.request.uri.path eq "/never""#)
        let head = try spec("head.yaml", blocking: #"http.request.uri.path contains "/p/""#)
        let replay = edgeproof("replay", base, "--trace", trace, "--format", "markdown")
        let diff = edgeproof("diff", base, head, "--trace", trace, "--format", "markdown")
        for result in [replay, diff] {
            #expect(result.exitCode == 0)
            #expect(result.stdout.utf16.count < 65_000)
            expectTablesKeepTheirColumns(result.stdout)
            #expect(!result.stdout.contains("\n| xxxx"), "a line break in a user agent stays inside its cell")
        }
        #expect(replay.stdout.hasPrefix("### EdgeProof replay: 20,000 requests"))
        #expect(replay.stdout.contains("| `per-agent` | 19,895 |"))
        #expect(diff.stdout.hasPrefix("### EdgeProof diff: 20,000 of 20,000 requests change outcome"))
        #expect(diff.stdout.contains(#"/p/0\|\`x\`\\\|"#), "a path with a backslash is escaped text")
    }

    @Test func aWhatIfOfManyScenariosIsCutToFitAComment() {
        let scales = (1...400).map { String(Double($0) / 1000) }.joined(separator: ",")
        let result = edgeproof(
            "whatif", exampleSpec, "--trace", "traces/scraper.jsonl", "--scale", scales, "--format", "markdown")
        #expect(result.exitCode == 0)
        #expect(result.stdout.utf16.count < 65_000)
        #expect(result.stdout.hasSuffix("… cut to fit a comment; run `edgeproof whatif` for the full result\n"))
        expectTablesKeepTheirColumns(result.stdout)
    }

    @Test func markdownRedactsAsTheTextDoes() throws {
        let record =
            #"{"ts":"2025-12-20T14:00:00Z","ip":"192.0.2.1","method":"GET","host":"example.com","path":"/p/1","#
            + #""ua":"curl","headers":{"authorization":"Bearer sekret-value","cookie":"session=sekret-cookie"}}"#
        let trace = try scratch.write("secret.jsonl", record + "\n")
        let base = try spec("base.yaml", blocking: #"http.request.uri.path eq "/never""#)
        let head = try spec("head.yaml", blocking: #"http.request.uri.path contains "/p/""#)
        let diff = edgeproof("diff", base, head, "--trace", trace, "--format", "markdown")
        #expect(diff.exitCode == 0)
        #expect(diff.stdout.contains("authorization=REDACTED"), "the example shows the header, redacted")
        #expect(!diff.stdout.contains("sekret"))
        let text = edgeproof("diff", base, head, "--trace", trace)
        #expect(!text.stdout.contains("sekret"))
    }
}
