import EdgeCore
import Simulation

/// How `whatif` prints its result in each `--format` (`docs/whatif-and-diff-output.md`, "The result on standard
/// output").
enum WhatIfResultOutput {
    /// What the planned column is and how the computed bill differs from it, under the text table of the tiers.
    static let plannedNote = """

        planned: the estimates in the spec's app.tiers, beside the bill computed from the replay. The bill prices \
        LLM tokens from the app's routes, Redis from its commands per request, and machines from the replay's p99 \
        origin concurrency against the soft limit (never fewer than the configured machines).
        """

    /// A line said before the scenarios run (the trace's own incidents a month): on the result's stream for text,
    /// on standard error otherwise, so that a document stays alone on its stream.
    static func writeNote(_ line: String, format: OutputFormat, to stream: ResultStream) {
        if format == .text { stream.write(line + "\n") } else { StandardError.write(line + "\n") }
    }

    /// The scenarios in `format`: the terminal table with costs, not-simulated settings, the planned-cost note and
    /// the warnings; the `--report` JSON document; workflow commands; or a Markdown comment. `planned` is the spec's
    /// planned cost per scenario when the scenarios are its tiers; `thresholds` go into the last two.
    static func write(
        _ results: [ScenarioResult], warnings: [String], planned: [String]?, thresholds: ThresholdStatus?,
        format: OutputFormat, to stream: ResultStream
    ) {
        switch format {
        case .text:
            stream.write(WhatIfTable.text(results, plannedColumn: planned))
            if let reference = results.first?.summary {
                stream.write(
                    NotSimulatedSettings.text(
                        reference.notSimulated, SettingReachCounts(reference), spec: "the first scenario"))
            }
            if planned != nil { stream.write(plannedNote + "\n") }
            for warning in warnings { stream.write("warning: \(warning)\n") }
        case .json: stream.write(document(results, warnings: warnings, thresholds: thresholds).pretty)
        case .github: stream.write(WhatIfGitHubRenderer.render(results, warnings: warnings, thresholds: thresholds))
        case .markdown:
            stream.write(
                WhatIfMarkdownRenderer.render(
                    results, warnings: warnings, plannedColumn: planned, thresholds: thresholds))
        }
    }

    /// The JSON document of `--format json` and `--report FILE.json`: the scenarios, with the thresholds when any
    /// were applied.
    static func document(_ results: [ScenarioResult], warnings: [String], thresholds: ThresholdStatus?) -> JSONValue {
        ThresholdStatus.adding(thresholds, to: WhatIfTable.json(results, warnings: warnings))
    }

    /// The thresholds' lines that follow the result, as replay prints them (`ReplayResultOutput.writeThresholds`).
    static func writeThresholds(_ status: ThresholdStatus?, format: OutputFormat, to stream: ResultStream) {
        ReplayResultOutput.writeThresholds(status, format: format, to: stream)
    }
}
