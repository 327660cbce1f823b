import Foundation
import Testing
@testable import EdgeCore

private let source = SourceFile(name: "edge.yaml", text: "version: 1\nzone:\n  plan: pr\n")
private let diagnostic = Diagnostic(
    "E0104", .error, "'pr' is not one of: free, pro", at: SourceRange(file: "edge.yaml", start: SourceLocation(line: 3, column: 9), end: SourceLocation(line: 3, column: 11)),
    notes: [DiagnosticNote("zone starts here", at: SourceRange(file: "edge.yaml", at: SourceLocation(line: 2, column: 1)))],
    help: "did you mean 'pro'?")

@Test func textRendererQuotesTheLineWithACaretUnderTheSpan() {
    let text = DiagnosticTextRenderer(sources: [source], colored: false).render(diagnostic)
    #expect(text.hasPrefix("edge.yaml:3:9: error: 'pr' is not one of: free, pro [E0104]\n 3 |   plan: pr\n   |         ^~\n"))
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
    #expect(DiagnosticGitHubRenderer.render([multiLine])
        == "::error file=edge.yaml,line=3,col=9,endLine=3,endColumn=11,title=E0104::50%25 off%0Anext line (did you mean 'pro'?)\n")
}

@Test func sizesAndPercentagesParseAndPrint() throws {
    #expect(try ByteSize.parse("256mb").get().bytes == 268_435_456)
    #expect(try ByteSize.parse("1GB").get().description == "1gb")
    #expect(ByteSize.parse("1.5gb").failureValue == .fractional)
    #expect(Percentage.parse("12.5%")?.description == "12.5%")
    #expect(Percentage.parse("0.1%")?.fraction == 0.001)
    #expect(Percentage.parse("12.5") == nil)
}

@Test func sha256MatchesTheKnownVector() {
    #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
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
