import EdgeCore
import Rainbow

/// The terminal colours of text diagnostics: bold location and message, red errors, yellow warnings, cyan notes,
/// a green caret.
enum DiagnosticColors {
    /// `text` in the colour of `part`.
    @Sendable static func paint(_ text: String, _ part: DiagnosticTextPart) -> String {
        switch part {
        case .location, .message: text.bold
        case .error: text.red
        case .warning: text.yellow
        case .note: text.cyan
        case .caret: text.green
        }
    }

    /// A renderer quoting `sources`, coloured when the console's standard output is a terminal.
    static func renderer(_ sources: [SourceFile]) -> DiagnosticTextRenderer {
        Console.current.outputIsTerminal
            ? DiagnosticTextRenderer(sources: sources, style: paint) : DiagnosticTextRenderer(sources: sources)
    }
}
