import EdgeCore
@preconcurrency import Rainbow
import Testing

@testable import EdgeProofCLI

/// Coloured diagnostics: the same text as the plain rendering, with the severity, location and caret painted.
@Suite(.serialized) struct DiagnosticColorsTests {
    private let source = SourceFile(name: "edge.yaml", text: "version: 1\nzone:\n  plan: pr\n")
    private let diagnostic = Diagnostic(
        "E0104", .error, "'pr' is not one of: free, pro",
        at: SourceRange(
            file: "edge.yaml", start: SourceLocation(line: 3, column: 9), end: SourceLocation(line: 3, column: 11)),
        help: "did you mean 'pro'?")

    @Test func colouredTextIsThePlainTextWithTerminalStyles() {
        let previous = (Rainbow.enabled, Rainbow.outputTarget)
        Rainbow.enabled = true
        Rainbow.outputTarget = .console
        defer { (Rainbow.enabled, Rainbow.outputTarget) = previous }
        let plain = DiagnosticTextRenderer(sources: [source]).render(diagnostic)
        let coloured = DiagnosticTextRenderer(sources: [source], style: DiagnosticColors.paint).render(diagnostic)
        #expect(coloured != plain)
        #expect(coloured.contains("\u{1B}[31merror\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32m^~\u{1B}[0m"))
        #expect(Rainbow.extractEntry(for: coloured).plainText == plain)
    }

    @Test func aConsoleThatIsNoTerminalGetsPlainText() {
        let console = Console(writeOutput: { _ in }, writeError: { _ in }, outputIsTerminal: false)
        let rendered = Console.$current.withValue(console) { DiagnosticColors.renderer([source]).render(diagnostic) }
        #expect(rendered == DiagnosticTextRenderer(sources: [source]).render(diagnostic))
        #expect(!rendered.contains("\u{1B}["))
    }
}
