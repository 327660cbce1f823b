import Foundation
import Testing

/// `--threshold` on replay and whatif: the condition must hold (k6's meaning), else exit 1; `--fail-on` is its
/// former name and warns; a malformed threshold is a usage error.
@Suite struct ThresholdCommandTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    private let replay = ["replay", exampleSpec, "--trace", "traces/scraper.jsonl"]
    private let whatif = ["whatif", exampleSpec, "--trace", "traces/scraper.jsonl", "--scale", "1,10"]

    @Test func aReplayThresholdThatHoldsIsExit0AndOneThatDoesNotIsExit1() {
        // The scraper trace: 500 of 600 requests blocked (83.33%).
        let holds = edgeproof(replay + ["--threshold", "block_rate<90%"])
        #expect(holds.exitCode == 0)
        #expect(holds.stdout.hasSuffix("\nThresholds: all 1 hold\n"))
        #expect(!holds.stderr.contains("--"), "no warning about options: \(holds.stderr)")
        let broken = edgeproof(replay + ["--threshold", "block_rate<1%", "--threshold", "allow_rate>=10%"])
        #expect(broken.exitCode == 1)
        #expect(broken.stdout.hasSuffix("\nThresholds broken:\n  block_rate = 83.33% breaks block_rate < 1%\n"))
    }

    @Test func failOnIsTheFormerNameOfThresholdWithTheSameMeaningAndAOneLineWarning() {
        for (condition, code) in [("block_rate<90%", Int32(0)), ("block_rate<1%", 1)] {
            let threshold = edgeproof(replay + ["--threshold", condition])
            let failOn = edgeproof(replay + ["--fail-on", condition])
            #expect(threshold.exitCode == code)
            #expect(failOn.exitCode == code)
            #expect(failOn.stdout == threshold.stdout)
            // Only the first line: regex searches other tests of this process ran past their budget may follow.
            #expect(
                failOn.stderr.split(separator: "\n").first.map(String.init)
                    == "warning: --fail-on is deprecated and will be removed in the next release; write --threshold "
                    + "(same meaning: the condition must hold)")
            #expect(!threshold.stderr.contains("deprecated"))
        }
    }

    @Test func specThresholdsAppliesTheSpecsSectionAndABareFailOnStillDoesWithAWarning() {
        // The example spec's thresholds ask for cache_hit_ratio >= 90%; the cache warm-up trace reaches 88.02%.
        let warmUp = ["replay", exampleSpec, "--trace", "traces/cache-warm-up.jsonl"]
        let spec = edgeproof(warmUp + ["--spec-thresholds"])
        #expect(spec.exitCode == 1)
        #expect(spec.stdout.contains("  cache_hit_ratio = 88.02% breaks cache_hit_ratio >= 90%\n"))
        #expect(!spec.stderr.contains("deprecated"))
        let bare = edgeproof(warmUp + ["--fail-on"])
        #expect(bare.exitCode == 1)
        #expect(bare.stdout == spec.stdout)
        #expect(bare.stderr.contains("warning: a bare --fail-on and --fail-on-spec are deprecated"))
        #expect(edgeproof(warmUp).exitCode == 0)
    }

    @Test func aSpecStillWritingFailOnIsReadWithAWarningNamingThresholds() throws {
        let text = try String(contentsOfFile: exampleSpec, encoding: .utf8)
        let path = try scratch.write(
            "edge.yaml", text.replacingOccurrences(of: "\nthresholds:\n", with: "\nfail_on:\n"))
        let result = edgeproof("replay", path, "--trace", "traces/cache-warm-up.jsonl", "--spec-thresholds")
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("cache_hit_ratio = 88.02% breaks cache_hit_ratio >= 90%"))
        #expect(result.stderr.contains("warning: `fail_on` is now called `thresholds`"))
        #expect(result.stderr.contains("[W0121]"))
    }

    @Test func aMalformedThresholdIsExit2NamingTheOptionWithAnExample() {
        let cases: [(arguments: [String], message: String)] = [
            (
                ["--threshold", "block_rate"],
                "--threshold 'block_rate': write METRIC<VALUE, e.g. --threshold 'block_rate<1%'"
            ),
            (
                ["--threshold", "blok_rate<1%"],
                "--threshold 'blok_rate<1%': unknown metric 'blok_rate'; did you mean 'block_rate'?"
            ),
            (["--fail-on", "block_rate<lots"], "--fail-on 'block_rate<lots': 'lots' is not a percentage"),
            (["--threshold", "block_rate=>1%"], "does not start with <, <=, >, >= or =="),
            (["--threshold", "10x:block_rate<1%"], "only whatif has scenarios to name before ':'"),
            (["--threshold", "monthly_cost<100"], "'monthly_cost' is a what-if scenario's metric (whatif only)"),
        ]
        for (arguments, message) in cases {
            let result = edgeproof(replay + arguments)
            #expect(result.exitCode == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): a usage error replays nothing")
        }
    }

    @Test func aWhatIfThresholdWithoutAScenarioAppliesToEveryScenario() {
        let holds = edgeproof(whatif + ["--threshold", "block_rate<90%"])
        #expect(holds.exitCode == 0)
        #expect(holds.stdout.hasSuffix("\nThresholds: all 2 hold\n"))
        let broken = edgeproof(whatif + ["--threshold", "block_rate<50%"])
        #expect(broken.exitCode == 1)
        #expect(
            broken.stdout.hasSuffix(
                "\nThresholds broken:\n  1x: block_rate = 83.33% breaks block_rate < 50%\n"
                    + "  10x: block_rate = 83.33% breaks block_rate < 50%\n"))
    }

    @Test func aScopedWhatIfThresholdAppliesToItsScenarioOnly() throws {
        // Peak origin load: 5 requests a second at 1x, 50 at 10x.
        let holds = edgeproof(whatif + ["--threshold", "1x:peak_origin_rps<20"])
        #expect(holds.exitCode == 0)
        #expect(holds.stdout.hasSuffix("\nThresholds: all 1 hold\n"))
        let broken = edgeproof(
            whatif + [
                "--threshold", "10x:peak_origin_rps<20", "--threshold", "1x:peak_origin_rps<20", "--junit",
                scratch.path("w.xml"),
            ])
        #expect(broken.exitCode == 1)
        #expect(
            broken.stdout.hasSuffix("\nThresholds broken:\n  10x: peak_origin_rps = 50 breaks peak_origin_rps < 20\n"))
        let junit = try scratch.read("w.xml")
        #expect(junit.contains(#"<testsuite name="edgeproof whatif" tests="2" failures="1">"#))
        #expect(junit.contains(#"<testcase classname="edgeproof whatif" name="1x: peak_origin_rps &lt; 20"/>"#))
        #expect(junit.contains(#"<failure message="10x: peak_origin_rps = 50 breaks peak_origin_rps &lt; 20">"#))
    }

    @Test func whatIfChecksTheSpecsThresholdsInEveryScenario() {
        // The example spec: block_rate < 12%, which the scraper trace breaks at any scale.
        let result = edgeproof(whatif + ["--spec-thresholds"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("\n  1x: block_rate = 83.33% breaks block_rate < 12%\n"))
        #expect(result.stdout.contains("\n  10x: block_rate = 83.33% breaks block_rate < 12%\n"))
        #expect(edgeproof(whatif).exitCode == 0)
    }

    @Test func everyWhatIfScenarioMetricHasAValue() {
        let metrics = [
            "requests", "machines_needed", "minutes_over_hard_limit", "redis_commands_per_day", "incidents_per_month",
            "monthly_cost",
        ]
        let result = edgeproof(whatif + metrics.flatMap { ["--threshold", "\($0)>=0"] })
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("\nThresholds: all 12 hold\n"))
        let cost = edgeproof(whatif + ["--threshold", "10x:requests==6000", "--threshold", "1x:monthly_cost<1"])
        #expect(cost.exitCode == 1)
        #expect(cost.stdout.contains("  1x: monthly_cost = "))
        #expect(!cost.stdout.contains("10x: requests"))
    }

    @Test func aWhatIfThresholdNamingAnUnknownScenarioIsExit2WithDidYouMean() {
        let result = edgeproof(whatif + ["--threshold", "20x:block_rate<1%"])
        #expect(result.exitCode == 2)
        #expect(
            result.stderr.contains(
                "--threshold: no scenario '20x'; did you mean '10x'? the scenarios are '1x', '10x'"))
        #expect(result.stdout.isEmpty)
    }
}
