import EdgeCore
import Testing

@testable import Simulation

/// The Markdown pieces the `replay`, `whatif` and `diff` summaries share: bounded cells and the cut to a comment's
/// size.
@Suite struct SimulationMarkdownTests {
    @Test func aSummaryOverTheLimitIsCutAtALineWithANote() {
        let lines = (0..<2_000).map { "| row \($0) | " + String(repeating: "y", count: 40) + " |" }
        let text = lines.joined(separator: "\n") + "\n"
        let fitted = SimulationMarkdown.fitted(text, fullResult: "edgeproof replay")
        #expect(fitted.utf16.count < MarkdownText.commentLimit)
        let note = "\n… cut to fit a comment; run `edgeproof replay` for the full result\n"
        #expect(fitted.hasSuffix(note))
        let kept = String(fitted.dropLast(note.count))
        #expect(text.hasPrefix(kept), "whole lines from the start, nothing rewritten")
        #expect(kept.hasSuffix(" |\n"), "no row is cut in the middle")
    }

    @Test func theLimitCountsUTF16CodeUnitsAsGitHubDoes() {
        // 40,000 characters, but 80,000 UTF-16 code units: over the limit.
        let text = (0..<400).map { _ in String(repeating: "😀", count: 100) }.joined(separator: "\n")
        #expect(text.count < MarkdownText.commentLimit)
        let fitted = SimulationMarkdown.fitted(text, fullResult: "edgeproof diff")
        #expect(fitted.utf16.count < MarkdownText.commentLimit)
        #expect(fitted.hasSuffix("for the full result\n"))
    }

    @Test func aSummaryUnderTheLimitIsKeptAsItIs() {
        let text = "### heading\n\n| a |\n| --- |\n| b |\n"
        #expect(SimulationMarkdown.fitted(text, fullResult: "edgeproof whatif") == text)
    }

    @Test func cellsAreCutAndEscaped() {
        let long = String(repeating: "a", count: 100) + "|"
        #expect(SimulationMarkdown.cell(long) == String(repeating: "a", count: 80) + "…")
        #expect(SimulationMarkdown.code("a|b") == #"`a\|b`"#)
        #expect(SimulationMarkdown.code(#"a\|b"#) == #"a\\\|b"#, "a backslash makes the value escaped text")
    }
}
