import EdgeCore
import Foundation
import Testing

@testable import RulesLanguage

@Suite("Diagnostics")
struct DiagnosticsTests {
    @Test("an uppercase header key warns with a fix-it to the lowercase key and still parses")
    func headerKeyWarning() throws {
        let text = #"http.request.headers["Content-Type"][0] eq "application/json""#
        let (expression, diagnostics) = parse(text)
        #expect(expression != nil)
        let warning = try #require(diagnostics.first)
        #expect(warning.id == "E0647")
        #expect(warning.severity == .warning)
        #expect(warning.range.start.column == 22)
        #expect(warning.range.end.column == 36)
        #expect(warning.fixIt?.replacement == #""content-type""#)
        #expect(warning.fixIt?.range == warning.range)
        let (lowercase, quiet) = parse(#"http.request.headers["content-type"][0] eq "application/json""#)
        #expect(lowercase != nil && quiet.isEmpty)
    }

    @Test("has_key on a header map with an uppercase key warns too")
    func hasKeyHeaderWarning() {
        let (_, diagnostics) = parse(#"has_key(http.request.headers, "Authorization")"#)
        #expect(diagnostics.map(\.id) == ["E0647"])
        #expect(diagnostics.first?.fixIt?.replacement == #""authorization""#)
    }

    @Test("4,096 characters are accepted, 4,097 are not")
    func lengthLimit() {
        let base = #"http.host eq """#
        let fits = #"http.host eq ""# + String(repeating: "é", count: 4096 - base.count) + "\""
        #expect(fits.unicodeScalars.count == 4096)
        #expect(parse(fits).0 != nil)
        let tooLong = #"http.host eq ""# + String(repeating: "é", count: 4097 - base.count) + "\""
        let (expression, diagnostics) = parse(tooLong)
        #expect(expression == nil)
        #expect(diagnostics.map(\.id) == ["E0602"])
        #expect(diagnostics.first?.range.start.column == 4097)
    }

    @Test("unknown fields and functions suggest the closest name")
    func didYouMean() {
        let (_, fieldDiagnostics) = parse(#"http.user_agnet contains "x""#)
        #expect(fieldDiagnostics.first?.help == "did you mean `http.user_agent`?")
        #expect(fieldDiagnostics.first?.fixIt?.replacement == "http.user_agent")
        let (_, functionDiagnostics) = parse(#"starts_wth(http.host, "a")"#)
        #expect(functionDiagnostics.first?.id == "E0619")
        #expect(functionDiagnostics.first?.help == "did you mean `starts_with`?")
        let (_, listDiagnostics) = parse("ip.src in $offices")
        #expect(listDiagnostics.first?.help == "did you mean `$office`?")
    }

    @Test("regex errors are located inside the expression, through escapes")
    func regexErrorPosition() {
        let (_, diagnostics) = parse(#"http.host matches "\"ab)""#)
        // The pattern is `"ab)`; the unmatched `)` is pattern offset 3, expression column 24 (after `\"`).
        #expect(diagnostics.first?.id == "E0661")
        #expect(diagnostics.first?.range.start.column == 24)
    }

    @Test("positions go through the caller's mapping")
    func customLocator() {
        let options = ParseOptions(locate: { range in
            SourceRange(
                file: "edge.yaml", start: SourceLocation(line: 12, column: 12 + range.lowerBound),
                end: SourceLocation(line: 12, column: 12 + range.upperBound))
        })
        let (_, diagnostics) = RulesParser.parse(#"http.host eq "a" and http.hots eq "b""#, options: options)
        #expect(diagnostics.first?.range.file == "edge.yaml")
        #expect(diagnostics.first?.range.start == SourceLocation(line: 12, column: 33))
    }

    @Test("multi-line expressions report line and column")
    func multiLine() {
        let (_, diagnostics) = parse("true and\n  http.hots eq \"a\"")
        #expect(diagnostics.first?.range.start == SourceLocation(line: 2, column: 3))
    }

    @Test("a tab gets a fix-it to a space")
    func tabFixIt() {
        let (_, diagnostics) = parse("true and\ttrue")
        #expect(diagnostics.first?.fixIt?.replacement == " ")
    }

    @Test("gating errors are all reported, not just the first")
    func collectsGatingErrors() {
        let (expression, diagnostics) = parse(
            #"http.request.cookies["a"][0] eq "b" and http.user_agent matches "x""#, plan: .free)
        #expect(expression == nil)
        #expect(diagnostics.map(\.id) == ["E0621", "E0625"])
    }

    @Test("deprecated fields and cf.threat_score warn")
    func fieldCaveats() {
        let (expression, diagnostics) = parse(#"ip.geoip.country eq "SG" and cf.threat_score gt 10"#)
        #expect(expression != nil)
        #expect(diagnostics.map(\.id) == ["E0648", "E0648"])
        #expect(diagnostics.first?.fixIt?.replacement == "ip.src.country")
    }

    @Test("cf.colo.id explains that it is a rate limiting characteristic")
    func coloMessage() {
        let (_, diagnostics) = parse("cf.colo.id eq 5")
        #expect(diagnostics.first?.message.contains("rate limiting characteristic") == true)
    }
}

@Suite("Diagnostic documentation")
struct DiagnosticDocumentationTests {
    @Test("every id in RulesDiagnosticID is documented once in docs/diagnostics-rules.md, in order")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/RulesLanguage/Parsing/RulesDiagnosticID.swift"),
            encoding: .utf8)
        let docs = try String(contentsOf: root.appendingPathComponent("docs/diagnostics-rules.md"), encoding: .utf8)
        let used = source.matches(of: /"(E06\d\d)"/).map { String($0.1) }
        let documented = docs.matches(of: /^\| (E06\d\d) \|/.anchorsMatchLineEndings()).map { String($0.1) }
        let expected: [String] = (1...49).map { number in number < 10 ? "E060\(number)" : "E06\(number)" }
        #expect(used == expected)
        #expect(documented == used)
    }
}
