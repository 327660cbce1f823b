import Foundation
import Testing

/// `replay`: decisions, reports, thresholds, and damaged traces.
@Suite struct ReplayCommandTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    @Test func replayWritesOneDecisionPerRecordAndAJSONReportWithTheCounts() throws {
        let result = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--decisions", scratch.path("d.jsonl"),
            "--report", scratch.path("r.json"))
        #expect(result.exitCode == 0)
        #expect(try scratch.read("d.jsonl").split(separator: "\n").count == 600)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("r.json"))))
                as? [String: Any])
        #expect(report["requests"] as? Int == 600)
        #expect((report["rate_limit_triggers"] as? [String: Any])?["api-per-ip"] as? Int == 500)
    }

    /// The Cloudflare Managed Ruleset stays unsimulated; it could have touched every request that reached the managed
    /// rules phase, which in the example is every request the OWASP Core Ruleset evaluated (the decision lines that
    /// carry an `owasp` object), not only those left unevaluated.
    @Test func theUnsimulatedCloudflareRulesetCountsEveryRequestThatReachedTheManagedPhase() throws {
        let result = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--decisions", scratch.path("d.jsonl"),
            "--report", scratch.path("r.json"))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let evaluated = try scratch.read("d.jsonl").split(separator: "\n").filter { $0.contains(#""owasp":{"#) }.count
        #expect(evaluated > 0)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("r.json"))))
                as? [String: Any])
        #expect(report["managed_rules_not_simulated"] as? Int == evaluated)
        let uses = try #require(report["not_simulated"] as? [[String: Any]])
        let cloudflare = try #require(
            uses.first { ($0["setting"] as? String)?.hasPrefix("managed_rules.cloudflare") == true })
        #expect(cloudflare["requests"] as? Int == evaluated)
        #expect(!uses.contains { ($0["setting"] as? String)?.hasPrefix("managed_rules.owasp") == true })
    }

    @Test func failOnNamesTheBrokenThresholdAndJUnitRecordsIt() throws {
        let result = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--fail-on", "block_rate<0.1%", "--junit",
            scratch.path("t.xml"))
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("block_rate = 83.33% breaks block_rate < 0.1%"))
        #expect(try scratch.read("t.xml").contains(#"failures="1""#))
    }

    @Test func aBareFailOnAppliesTheSpecsThresholds() {
        #expect(
            edgeproof("replay", exampleSpec, "--trace", "traces/agenticverz-day.jsonl.gz", "--fail-on").exitCode == 0)
        let broken = edgeproof(
            "replay", exampleSpec, "--trace", "traces/cache-warm-up.jsonl", "--fail-on", "--decisions",
            scratch.path("x.jsonl"))
        #expect(broken.exitCode == 1)
        #expect(broken.stdout.contains("cache_hit_ratio = 88.02% breaks cache_hit_ratio >= 90%"))
    }

    @Test func aMissingTraceIsExit2() {
        let result = edgeproof("replay", exampleSpec, "--trace", scratch.path("nope.jsonl"))
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("error: "))
    }

    @Test func garbagePastMaxErrorsIsExit2() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: URL(fileURLWithPath: scratch.path("garbage.log")))
        #expect(
            edgeproof("replay", exampleSpec, "--trace", scratch.path("garbage.log"), "--max-errors", "1").exitCode == 2)
    }

    @Test func aRegexSearchPastItsBudgetIsReported() throws {
        // A child process: the count of undecided searches belongs to the process.
        let spec = try scratch.write(
            "budget.yaml",
            """
            version: 1
            zone: {name: example.com, plan: business}
            waf:
              - id: long-ua
                description: a pattern that keeps thousands of threads alive
                when: http.user_agent matches ".{4079}!"
                action: block

            """)
        let record =
            #"{"ts": "2025-12-20T14:00:00Z", "ip": "192.0.2.1", "method": "GET", "host": "example.com", "path": "/","#
            + #" "ua": ""#
            + String(repeating: "x", count: 100_000) + "?\"}\n"
        let trace = try scratch.write("long-ua.jsonl", record)
        let result = try edgeproofProcess(["replay", spec, "--trace", trace])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("warning: 1 regex search ran past the match budget"))
    }

    @Test func anEndlessLineStopsWithExit2() {
        #expect(edgeproof("replay", exampleSpec, "--trace", "/dev/zero").exitCode == 2)
    }

    @Test func aFIFOTraceWithoutAWriterStopsWithExit2() {
        let fifo = scratch.path("fifo.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(edgeproof("replay", exampleSpec, "--trace", fifo).exitCode == 2)
    }
}
