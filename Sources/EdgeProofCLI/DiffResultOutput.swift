import EdgeCore
import Simulation

/// How `diff` prints its result in each `--format` (`docs/whatif-and-diff-output.md`, "The result on standard
/// output").
enum DiffResultOutput {
    /// The changed groups in `format`: the terminal report, the `--report` JSON document, workflow commands (errors
    /// when `failOnChange`), or a Markdown comment.
    static func write(_ result: SpecDiffResult, format: OutputFormat, failOnChange: Bool, to stream: ResultStream) {
        switch format {
        case .text: stream.write(SpecDiffRenderer.text(result))
        case .json: stream.write(SpecDiffRenderer.json(result).pretty)
        case .github: stream.write(SpecDiffGitHubRenderer.render(result, failOnChange: failOnChange))
        case .markdown: stream.write(SpecDiffMarkdownRenderer.render(result, failOnChange: failOnChange))
        }
    }
}
