import Testing

@testable import RulesLanguage

@Suite("Explain")
struct ExplainTests {
    @Test("every node with its result and the compared value, outermost first")
    func steps() throws {
        let (parsed, _) = parse(#"http.host eq "www.example.com" and (ip.src.asnum lt 100 or not ssl)"#)
        let explanation = explain(try #require(parsed), RequestContext(sampleRequest))
        #expect(explanation.result == false)
        #expect(
            explanation.steps.map(\.canonical) == [
                #"http.host eq "www.example.com" and (ip.src.asnum lt 100 or not ssl)"#,
                #"http.host eq "www.example.com""#,
                "(ip.src.asnum lt 100 or not ssl)",
                "ip.src.asnum lt 100 or not ssl",
                "ip.src.asnum lt 100",
                "not ssl",
                "ssl",
            ])
        #expect(explanation.steps.map(\.result) == [false, true, false, false, false, false, true])
        #expect(explanation.steps.map(\.depth) == [0, 1, 1, 2, 3, 3, 4])
        #expect(explanation.steps[1].value == #""www.example.com""#)
        #expect(explanation.steps[4].value == "13335")
        #expect(explanation.description.contains(#"false  ip.src.asnum lt 100  [left side = 13335]"#))
    }

    @Test("missing values are shown as missing")
    func missing() throws {
        let (parsed, _) = parse(#"http.request.headers["x-nope"][0] eq "a""#)
        let explanation = explain(try #require(parsed), RequestContext(sampleRequest))
        #expect(explanation.steps.first?.value == "missing")
    }
}
