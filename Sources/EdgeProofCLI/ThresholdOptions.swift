import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Simulation

/// The thresholds replay and whatif check after a run: `--threshold` (k6's word and meaning: the condition must
/// hold, else exit 1), `--spec-thresholds` (the spec's `thresholds`), their former names `--fail-on` and
/// `--fail-on-spec` (a bare `--fail-on`), which still work and warn, and `--junit`.
struct ThresholdOptions: ParsableArguments {
    @Option(
        name: .customLong("threshold"),
        help: ArgumentHelp(
            "A condition that must hold, e.g. 'block_rate<1%' (repeatable); exit 1 when one does not. whatif also "
                + "takes SCENARIO:CONDITION, e.g. '10x:peak_origin_rps<800'.", valueName: "condition"))
    var conditions: [String] = []

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Deprecated: the former name of --threshold, with the same meaning (the condition must hold).",
            valueName: "condition"))
    var failOn: [String] = []

    @Flag(name: .customLong("spec-thresholds"), help: "Also check the spec's thresholds section.")
    var specThresholds = false

    @Flag(
        name: .customLong("fail-on-spec"),
        help: "Deprecated: the former name of --spec-thresholds (a bare --fail-on means the same).")
    var failOnSpec = false

    @Option(help: "Write the thresholds as a JUnit report (one test case per threshold and run).")
    var junit: String?

    /// The conditions given on the command line, read before the run so a mistake costs no replay; warns on
    /// standard error once for each former option name used. `scoped`: whether `SCENARIO:` prefixes and the
    /// scenario metrics are allowed (whatif).
    func given(scoped: Bool) throws -> [ScopedThreshold] {
        if !failOn.isEmpty {
            StandardError.write(
                "warning: --fail-on is deprecated and will be removed in the next release; write --threshold "
                    + "(same meaning: the condition must hold)\n")
        }
        if failOnSpec {
            StandardError.write(
                "warning: a bare --fail-on and --fail-on-spec are deprecated and will be removed in the next "
                    + "release; write --spec-thresholds\n")
        }
        return try conditions.map { try ScopedThreshold.parse($0, option: "--threshold", scoped: scoped) }
            + failOn.map { try ScopedThreshold.parse($0, option: "--fail-on", scoped: scoped) }
    }

    /// The thresholds checked after a run: what the result shows, and the JUnit cases `finish` writes.
    struct Outcome {
        /// How many were applied and the broken ones, for the result in every `--format`.
        let status: ThresholdStatus
        /// One case per threshold and run.
        let cases: [JUnitReport.Case]
    }

    /// Checks `given` and, with `--spec-thresholds`, the spec's thresholds against each run (replay has one,
    /// unnamed; whatif one per scenario).
    func evaluate(
        _ given: [ScopedThreshold], spec: CompiledEdge, runs: [(name: String?, metric: (String) -> Double?)]
    ) -> Outcome {
        let applied =
            given + (specThresholds || failOnSpec ? spec.thresholds.map { ScopedThreshold(scenario: nil, $0) } : [])
        var cases: [JUnitReport.Case] = []
        for run in runs {
            let prefix = run.name.map { "\($0): " } ?? ""
            for scoped in applied where scoped.scenario == nil || scoped.scenario == run.name {
                let threshold = scoped.threshold
                cases.append(
                    JUnitReport.Case(
                        name: prefix + ThresholdCheck.condition(of: threshold),
                        failure: ThresholdCheck.failure(of: threshold, value: run.metric(threshold.metric))
                            .map { prefix + $0 }))
            }
        }
        return Outcome(status: ThresholdStatus(applied: cases.count, broken: cases.compactMap(\.failure)), cases: cases)
    }

    /// Writes `--junit` and exits 1 when any threshold of `outcome` is broken.
    func finish(_ outcome: Outcome, suite: String) throws {
        if let junit { try CommandOutput.write(JUnitReport(suite: suite, cases: outcome.cases).xml, to: junit) }
        if !outcome.status.broken.isEmpty { throw ExitCode(1) }
    }
}
