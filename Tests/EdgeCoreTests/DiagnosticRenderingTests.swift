import Foundation
import Testing

@testable import EdgeCore

private let source = SourceFile(name: "edge.yaml", text: "version: 1\nzone:\n  plan: pr\n")
private let diagnostic = Diagnostic(
    "E0104", .error, "'pr' is not one of: free, pro",
    at: SourceRange(
        file: "edge.yaml", start: SourceLocation(line: 3, column: 9), end: SourceLocation(line: 3, column: 11)),
    notes: [
        DiagnosticNote("zone starts here", at: SourceRange(file: "edge.yaml", at: SourceLocation(line: 2, column: 1)))
    ],
    help: "did you mean 'pro'?")

@Test func textRendererQuotesTheLineWithACaretUnderTheSpan() {
    let text = DiagnosticTextRenderer(sources: [source]).render(diagnostic)
    #expect(
        text.hasPrefix(
            "edge.yaml:3:9: error: 'pr' is not one of: free, pro [E0104]\n 3 |   plan: pr\n   |         ^~\n"))
    #expect(text.contains("edge.yaml:2:1: note: zone starts here\n 2 | zone:\n   | ^\n"))
    #expect(text.hasSuffix("  = help: did you mean 'pro'?\n"))
}

@Test func jsonRendererWritesOneParsableDocument() throws {
    let json = DiagnosticJSONRenderer.render([diagnostic], file: "edge.yaml")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["errors"] == 1 && summary["warnings"] == 0)
    let first = try #require((object["diagnostics"] as? [[String: Any]])?.first)
    #expect(first["id"] as? String == "E0104")
    #expect(((first["range"] as? [String: Any])?["start"] as? [String: Int])?["column"] == 9)
}

@Test func githubRendererEscapesWorkflowCommandData() {
    var multiLine = diagnostic
    multiLine.message = "50% off\nnext line"
    #expect(
        DiagnosticGitHubRenderer.render([multiLine])
            == "::error file=edge.yaml,line=3,col=9,endLine=3,endColumn=11,title=E0104::50%25 off%0Anext line (did "
            + "you mean 'pro'?)\n"
    )
}

@Test func sizesAndPercentagesParseAndPrint() throws {
    #expect(try ByteSize.parse("256mb").get().bytes == 268_435_456)
    #expect(try ByteSize.parse("1GB").get().description == "1gb")
    #expect(ByteSize.parse("1.5gb").failureValue == .fractional)
    #expect(Percentage.parse("12.5%")?.description == "12.5%")
    #expect(Percentage.parse("0.1%")?.fraction == 0.001)
    #expect(Percentage.parse("12.5") == nil)
}

@Test func editDistanceCountsTranspositionsOnce() {
    #expect(editDistance("vresion", "version") == 1)
    #expect(editDistance("plna", "plan") == 1)
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(bestSuggestion(for: "vresion", among: ["zone", "version", "waf"]) == "version")
    #expect(bestSuggestion(for: "zzzzzz", among: ["zone", "version"]) == nil)
}

@Test func sourceFileMapsOffsetsAndLocations() {
    let file = SourceFile(name: "x", text: "ab\nçd\n")
    #expect(file.location(ofByteOffset: 5) == SourceLocation(line: 2, column: 2))
    #expect(file.byteOffset(of: SourceLocation(line: 2, column: 2)) == 5)
    #expect(file.line(2) == "çd")
}

extension Result {
    var failureValue: Failure? { if case let .failure(error) = self { return error } else { return nil } }
}

@Test func githubRendererEscapesCarriageReturnsAndPropertySeparators() {
    var injected = diagnostic
    injected.range.file = "dir:a,b/edge.yaml"
    injected.message = "key\r\n::error file=x::forged 100%"
    injected.help = nil
    let rendered = DiagnosticGitHubRenderer.render([injected])
    #expect(
        rendered
            == "::error file=dir%3Aa%2Cb/edge.yaml,line=3,col=9,endLine=3,endColumn=11,title=E0104::key%0D%0A::error "
            + "file=x::forged 100%25\n"
    )
    #expect(
        rendered.unicodeScalars.filter { $0 == "\r" || $0 == "\n" }.count == 1, "one workflow command per diagnostic")
}

@Test func quotedLinesAndLongMessagesAreBoundedAndMarkedAsElided() {
    let long = String(repeating: "x", count: 200_000)
    let file = SourceFile(name: "edge.yaml", text: "zone:\n  plan: " + long + "tail\n")
    let value = Diagnostic(
        "E0104", .error, "'\(long)tail' is not one of: free, pro",
        at: SourceRange(
            file: "edge.yaml", start: SourceLocation(line: 2, column: 9), end: SourceLocation(line: 2, column: 200_013))
    )
    let far = Diagnostic(
        "E0001", .error, "the spec is too large",
        at: SourceRange(file: "edge.yaml", at: SourceLocation(line: 2, column: 150_000)))
    let text = DiagnosticTextRenderer(sources: [file]).render([value, far], summaryFor: "edge.yaml")
    #expect(text.utf8.count < 2_000)
    #expect(text.contains("characters elided] …"))
    #expect(text.contains(" 2 |   plan: xxxx"), "the start of the line is kept when the span starts there")
    #expect(text.contains(" 2 | …xxxx"), "a span far into the line is shown with the text before it elided")
    let caretLine = text.split(separator: "\n").first { $0.hasPrefix("   | ") && $0.contains("^") && !$0.contains("~") }
    #expect(caretLine.map { $0.count < 200 } == true)
    #expect(DiagnosticJSONRenderer.render([value, far], file: "edge.yaml").utf8.count < 3_000)
    #expect(DiagnosticGitHubRenderer.render([value, far]).utf8.count < 1_500)
}

@Test func quotedLinesShowControlCharactersAsReplacementCharacters() {
    let file = SourceFile(name: "edge.yaml", text: "name: a\u{1B}[2Jb\n")
    let at = Diagnostic(
        "E0107", .error, "bad name",
        at: SourceRange(
            file: "edge.yaml", start: SourceLocation(line: 1, column: 7), end: SourceLocation(line: 1, column: 13)))
    let text = DiagnosticTextRenderer(sources: [file]).render(at)
    #expect(text.contains(" 1 | name: a\u{FFFD}[2Jb\n   |       ^~~~~~\n"))
}
