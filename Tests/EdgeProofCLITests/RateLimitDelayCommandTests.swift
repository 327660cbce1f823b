import Foundation
import Testing

/// `--rate-limit-delay` and the spec's `replay.rate_limit_delay`: what passes because counters lag, in each report.
@Suite struct RateLimitDelayCommandTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    private func jsonReport(_ name: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path(name))))
                as? [String: Any])
    }

    @Test func aDelayLetsTheScraperThroughForAWhileAndEveryReportCountsIt() throws {
        let exact = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--report", scratch.path("e.json"))
        #expect(exact.exitCode == 0)
        #expect(!exact.stdout.contains("rate-limit counter delay"))
        let exactReport = try jsonReport("e.json")
        #expect(exactReport["rate_limit_delay_ms"] as? Int == 0)
        #expect(exactReport["passed_through_rate_limit_delay"] is NSNull)

        let delayed = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--rate-limit-delay", "2s", "--report",
            scratch.path("d.json"))
        #expect(delayed.exitCode == 0)
        let report = try jsonReport("d.json")
        #expect(report["rate_limit_delay_ms"] as? Int == 2000)
        // The scraper sends 5 requests a second; its 101st to 109th arrive before the 100th is counted 2 s later.
        let passed = try #require(report["passed_through_rate_limit_delay"] as? Int)
        #expect(passed >= 9)
        let allowed = (report["actions"] as? [String: Any])?["allow"] as? Int
        let exactAllowed = (exactReport["actions"] as? [String: Any])?["allow"] as? Int
        #expect(allowed == exactAllowed.map { $0 + passed })
        #expect(
            delayed.stdout.contains(
                "With a rate-limit counter delay of 2s, \(passed) requests (\(percent(passed, of: 600))) passed that "
                    + "counters without delay would have stopped."))

        let html = edgeproof(
            "replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--rate-limit-delay", "2s", "--report",
            scratch.path("d.html"))
        #expect(html.exitCode == 0)
        #expect(try scratch.read("d.html").contains("With a rate-limit counter delay of 2s, \(passed) requests"))
    }

    @Test func theSpecSetsTheDelayAndTheFlagOverridesIt() throws {
        let example = try String(contentsOfFile: exampleSpec, encoding: .utf8)
        let spec = try scratch.write("edge.yaml", example + "\nreplay:\n  rate_limit_delay: 2s\n")
        let fromSpec = edgeproof("replay", spec, "--trace", "traces/scraper.jsonl", "--report", scratch.path("s.json"))
        #expect(fromSpec.exitCode == 0, "\(fromSpec.stderr)")
        #expect(try jsonReport("s.json")["rate_limit_delay_ms"] as? Int == 2000)
        let overridden = edgeproof(
            "replay", spec, "--trace", "traces/scraper.jsonl", "--rate-limit-delay", "0s", "--report",
            scratch.path("o.json"))
        #expect(overridden.exitCode == 0)
        #expect(try jsonReport("o.json")["rate_limit_delay_ms"] as? Int == 0)
        #expect(!overridden.stdout.contains("rate-limit counter delay"))
    }

    @Test func aDelayOutsideZeroToSixtySecondsIsAUsageError() {
        for command in [
            ["replay", exampleSpec, "--trace", "traces/scraper.jsonl"],
            ["whatif", exampleSpec, "--trace", "traces/scraper.jsonl"],
            ["diff", exampleSpec, exampleSpec, "--trace", "traces/scraper.jsonl"], ["test", exampleSpec],
        ] {
            let result = edgeproof(command + ["--rate-limit-delay", "2m"])
            #expect(result.exitCode == 2, "\(command[0])")
            #expect(result.stderr.contains("--rate-limit-delay must be between 0s and 1m, not 2m"), "\(command[0])")
        }
        #expect(edgeproof("test", exampleSpec, "--rate-limit-delay", "0s").exitCode == 0)
    }

    @Test func testRunsTheSpecsSequencesWithTheDelay() {
        // The example's 101st request at 50 s is blocked with exact counters; 2 s behind, the counters hold 97.
        let delayed = edgeproof("test", exampleSpec, "--rate-limit-delay", "2s")
        #expect(delayed.exitCode == 1)
        #expect(delayed.stdout.contains("FAIL the 101st API request within a minute from one address is rate limited"))
        #expect(edgeproof("test", exampleSpec).exitCode == 0)
    }

    private func percent(_ part: Int, of whole: Int) -> String {
        String(format: "%.2f%%", Double(part) / Double(whole) * 100)
    }
}
