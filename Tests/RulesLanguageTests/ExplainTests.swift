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

    @Test("an and stops at its first false operand, an or at its first true one; xor evaluates every operand")
    func shortCircuit() throws {
        let (parsed, _) = parse(
            #"(http.host eq "nope" and not ssl) or (ssl xor http.host eq "nope") or ip.src.asnum eq 13335 or ssl"#)
        let explanation = explain(try #require(parsed), RequestContext(sampleRequest))
        #expect(
            explanation.steps.map(\.canonical) == [
                #"(http.host eq "nope" and not ssl) or (ssl xor http.host eq "nope") or ip.src.asnum eq 13335 or ssl"#,
                #"(http.host eq "nope" and not ssl)"#, #"http.host eq "nope" and not ssl"#, #"http.host eq "nope""#,
                "not ssl", "ssl",
                #"(ssl xor http.host eq "nope")"#, #"ssl xor http.host eq "nope""#, "ssl", #"http.host eq "nope""#,
                "ip.src.asnum eq 13335", "ssl",
            ])
        #expect(
            explanation.steps.map(\.result) == [
                true, false, false, false, nil, nil, true, true, true, false, nil, nil,
            ])
        #expect(explanation.steps[3].value == #""www.example.com""#)
        #expect(explanation.steps[10].value == nil)
        #expect(explanation.steps[10].left == "ip.src.asnum")
        #expect(explanation.description.contains("    not evaluated  not ssl"))
    }

    @Test("a comparison names the fields its left side reads, with the key it indexes")
    func fieldReads() throws {
        let (parsed, _) = parse(#"lower(http.request.headers["authorization"][0]) eq "a" and http.cookie ne """#)
        let explanation = explain(try #require(parsed), RequestContext(sampleRequest))
        #expect(explanation.steps[1].reads == [FieldRead(field: "http.request.headers", key: "authorization")])
        #expect(explanation.steps[1].left == #"lower(http.request.headers["authorization"][0])"#)
        #expect(explanation.steps[2].reads == [FieldRead(field: "http.cookie", key: nil)])
        #expect(explanation.steps[0].reads.isEmpty)
    }
}
