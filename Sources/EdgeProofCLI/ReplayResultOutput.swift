import EdgeCore
import Simulation

/// How `replay` prints its result in each `--format` (`docs/replay-output.md`, "The result on standard output").
enum ReplayResultOutput {
    /// The summary in `format`: the terminal report, the `--report` JSON document, workflow commands, or a
    /// Markdown comment (the last two with the thresholds).
    static func write(
        _ summary: ReplaySummary, format: OutputFormat, thresholds: ThresholdStatus?, to stream: ResultStream
    ) {
        switch format {
        case .text: stream.write(SummaryRenderer.text(summary))
        case .json: stream.write(document(summary, thresholds: thresholds).pretty)
        case .github: stream.write(ReplayGitHubRenderer.render(summary, thresholds: thresholds))
        case .markdown: stream.write(ReplayMarkdownRenderer.render(summary, thresholds: thresholds))
        }
    }

    /// The JSON document of `--format json` and `--report FILE.json`: the summary, with the thresholds when any
    /// were applied.
    static func document(_ summary: ReplaySummary, thresholds: ThresholdStatus?) -> JSONValue {
        ThresholdStatus.adding(thresholds, to: SummaryRenderer.json(summary))
    }

    /// The thresholds' lines that follow the result: on the result's stream for text, on standard error for JSON
    /// (the document stays alone and carries them as its `thresholds` member); `github` and `markdown` carry them in
    /// the result itself.
    static func writeThresholds(_ status: ThresholdStatus?, format: OutputFormat, to stream: ResultStream) {
        guard let status, status.applied > 0 else { return }
        switch format {
        case .text: stream.write("\n" + status.text + "\n")
        case .json: StandardError.write(status.text + "\n")
        case .github, .markdown: break
        }
    }
}
