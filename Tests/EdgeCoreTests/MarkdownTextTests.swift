import Testing

@testable import EdgeCore

@Test func aCellEscapesWhatWouldEndTheCellOrFormatText() {
    #expect(MarkdownText.cell("a|b *c* _d_ `e` [f](g) <h>\\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\>\\\\")
    #expect(MarkdownText.cell("two\nlines\u{07}") == "two lines")
}

@Test func inlineCodeUsesAFenceLongerThanAnyRunOfBackticksInside() {
    #expect(MarkdownText.code("/api") == "`/api`")
    #expect(MarkdownText.code("a``b") == "```a``b```")
    #expect(MarkdownText.code("`x") == "`` `x ``")
    #expect(MarkdownText.code("a|b") == "`a\\|b`")
    #expect(MarkdownText.code("a\\|b") == "a\\\\\\|b", "a backslash makes escaped text, not code")
}

@Test func aTableHasAnAlignmentRowAndOneLinePerRow() {
    let table = MarkdownText.table(["Path", "Requests"], rightAligned: [1], rows: [["`/a`", "3"], ["`/b`", "1"]])
    #expect(table == "| Path | Requests |\n| --- | ---: |\n| `/a` | 3 |\n| `/b` | 1 |\n")
}

@Test func diagnosticsInMarkdownStayUnderTheCommentLimit() {
    let many = (1...5_000).map { index in
        Diagnostic(
            "E0101", .error, "unknown key 'k\(index)' | with a pipe",
            at: SourceRange(file: "edge.yaml", at: SourceLocation(line: index, column: 1)))
    }
    let markdown = DiagnosticMarkdownRenderer.render(many, file: "edge.yaml")
    #expect(markdown.count < MarkdownText.commentLimit)
    #expect(markdown.hasPrefix("### EdgeProof check: edge.yaml: 5000 errors, 0 warnings\n"))
    #expect(markdown.contains("| error | `E0101` | `edge.yaml:1:1` | unknown key 'k1' \\| with a pipe |\n"))
    #expect(markdown.contains("more findings"))
}
