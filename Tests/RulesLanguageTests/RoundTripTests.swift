import Testing

@testable import RulesLanguage

@Suite("Canonical printing round trip")
struct RoundTripTests {
    /// parse → canonical → parse gives the same tree, canonical printing is idempotent, and both parses
    /// evaluate alike.
    private func checkRoundTrip(_ text: String) {
        let (original, diagnostics) = parse(text)
        guard let original else {
            Issue.record("did not parse: \(text) — \(diagnostics.map(\.message))")
            return
        }
        let canonical = original.canonical
        #expect(!canonical.contains("\t"))
        let (reparsed, reparseDiagnostics) = parse(canonical)
        guard let reparsed else {
            Issue.record("canonical form did not parse: \(canonical) — \(reparseDiagnostics.map(\.message))")
            return
        }
        #expect(reparsed.structure == original.structure, "\(text) → \(canonical)")
        #expect(reparsed.canonical == canonical)
        for request in [sampleRequest, bareRequest, ipv6Request] {
            #expect(CompiledExpression(original).evaluate(request) == CompiledExpression(reparsed).evaluate(request))
        }
    }

    @Test("every valid expression of the conformance table round-trips")
    func conformanceExpressions() {
        for testCase in conformanceCases {
            guard case .result = testCase.expectation, testCase.plan == .enterprise, testCase.context == nil else {
                continue
            }
            checkRoundTrip(testCase.expression)
        }
    }

    @Test("generated expressions round-trip", arguments: [UInt64(1), 7, 42, 2024, 65_537])
    func generated(seed: UInt64) {
        var generator = ExpressionGenerator(seed: seed)
        for _ in 0..<300 { checkRoundTrip(generator.expression()) }
    }

    @Test("canonical form uses English operators, decimal integers, canonical CIDRs and raw strings where needed")
    func canonicalShape() throws {
        let (expression, _) = parse(
            #"http.host=="a\"b" && ip.src.asnum==0x10 || ip.src in {10.0.0.0/8 2001:0db8::/32}   ^^ !ssl"#)
        let canonical = try #require(expression).canonical
        #expect(
            canonical
                == ##"http.host eq r#"a"b"# and ip.src.asnum eq 16 or ip.src in {10.0.0.0/8 2001:db8::/32} xor not "##
                + ##"ssl"##
        )
    }

    @Test("bytes that are not printable UTF-8 print as \\x escapes")
    func nonUTF8() throws {
        let (expression, _) = parse(#"http.host eq "\xff\x00a""#)
        #expect(try #require(expression).canonical == #"http.host eq "\xff\x00a""#)
    }

    @Test("precedence: not > and > xor > or, n-ary left-associative")
    func precedence() throws {
        let (expression, _) = parse("true or true && true and true or true ^^ true and true || true")
        #expect(
            try #require(expression).structure
                == "OR(TRUE:Bool, AND(TRUE:Bool, TRUE:Bool, TRUE:Bool), XOR(TRUE:Bool, AND(TRUE:Bool, TRUE:Bool)), "
                + "TRUE:Bool)"
        )
        let (negation, _) = parse("not true && false")
        #expect(try #require(negation).structure == "AND(NOT(TRUE:Bool), FALSE:Bool)")
    }
}
