import EdgeCore

/// A command's result that has every `--format` and carries the spec's findings: `build`'s and `test`'s reports.
protocol FormattedResult {
    /// The checker's and compiler's findings, sorted.
    var diagnostics: [Diagnostic] { get }
    /// The terminal text.
    var text: String { get }
    /// The versioned JSON document (`docs/command-line.md`).
    var json: JSONValue { get }
    /// GitHub workflow commands and the outcome line.
    var github: String { get }
    /// The pull-request comment, under `MarkdownText.commentLimit` characters.
    var markdown: String { get }
}

extension FormattedResult {
    /// Whether the spec has errors.
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The result in `format`.
    func render(_ format: OutputFormat) -> String {
        switch format {
        case .text: text
        case .json: json.pretty
        case .github: github
        case .markdown: markdown
        }
    }
}
