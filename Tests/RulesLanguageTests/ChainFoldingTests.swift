import EdgeWire
import Testing

@testable import RulesLanguage

/// `or`/`and` chains of tests on one operand are compiled into one evaluator; these tests check that the folded
/// form gives exactly the results of the same chain written so that it cannot fold (De Morgan: `a or b` as
/// `not (not a and not b)`), over many requests with missing values, empty values and bytes that are not UTF-8.
@Suite("Folding of or/and chains on one operand")
struct ChainFoldingTests {
    /// A small alphabet (upper and lower case, `/`, NUL and non-UTF-8 bytes) so that literals match often.
    private static let alphabet: [UInt8] = [0x61, 0x62, 0x41, 0x42, 0x2F, 0x00, 0xFF, 0xC3]

    /// Operands of type Bytes: plain fields, case-mapped fields, and values that are missing when the header or
    /// argument is absent.
    private static let operands = [
        "http.user_agent", "lower(http.user_agent)", "upper(http.referer)", "http.request.headers[\"x-a\"][0]",
        "lower(http.request.headers[\"x-a\"][0])", "http.request.uri.args[\"q\"][0]", "http.request.uri.path",
    ]

    private struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(state: state) }
        mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        mutating func bytes(maxLength: Int) -> [UInt8] {
            (0..<below(maxLength + 1)).map { _ in ChainFoldingTests.alphabet[below(ChainFoldingTests.alphabet.count)] }
        }
    }

    /// A quoted string literal written with `\x` escapes, so any byte survives.
    private static func literal(_ bytes: [UInt8]) -> String {
        "\""
            + bytes.map { byte in
                let hex = String(byte, radix: 16)
                return "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }.joined() + "\""
    }

    /// One test of `operand` against a literal, in the shape of `test`.
    private static func term(_ test: Int, _ operand: String, _ literal: [UInt8]) -> String {
        switch test {
        case 0: return operand + " contains " + Self.literal(literal)
        case 1: return "starts_with(" + operand + ", " + Self.literal(literal) + ")"
        case 2: return "ends_with(" + operand + ", " + Self.literal(literal) + ")"
        default: return operand + " eq " + Self.literal(literal)
        }
    }

    private static func requests(_ random: inout Random, count: Int) -> [HTTPRequest] {
        (0..<count).map { _ in
            var request = HTTPRequest()
            var headers: [HTTPHeader] = []
            if random.below(5) != 0 {
                headers.append(HTTPHeader(name: Array("User-Agent".utf8), value: random.bytes(maxLength: 10)))
            }
            if random.below(2) == 0 {
                headers.append(HTTPHeader(name: Array("X-A".utf8), value: random.bytes(maxLength: 6)))
            }
            if random.below(2) == 0 {
                headers.append(HTTPHeader(name: Array("Referer".utf8), value: random.bytes(maxLength: 6)))
            }
            request.headers = headers
            request.path = [0x2F] + random.bytes(maxLength: 6)
            if random.below(2) == 0 {
                request.query = Array("q=".utf8) + random.bytes(maxLength: 5).filter { $0 != 0x26 }
            }
            return request
        }
    }

    private static func compile(_ text: String, _ missing: MissingValuePolicy) -> CompiledExpression? {
        let (expression, diagnostics) = parse(text, missing: missing)
        guard let expression else {
            Issue.record("did not parse: \(text) — \(diagnostics.map(\.message))")
            return nil
        }
        return CompiledExpression(expression)
    }

    @Test("folded chains agree with their unfoldable De Morgan forms", arguments: [UInt64(3), 17, 99, 4242])
    func foldedMatchesUnfolded(seed: UInt64) {
        var random = Random(state: seed)
        let requests = Self.requests(&random, count: 150)
        let context = RequestContext(HTTPRequest())
        for _ in 0..<60 {
            let operand = Self.operands[random.below(Self.operands.count)]
            let test = random.below(4)
            let isOr = test == 3 || random.below(3) != 0
            let terms = (0..<(2 + random.below(5))).map { _ in Self.term(test, operand, random.bytes(maxLength: 3)) }
            // An unrelated term in the middle keeps the chain from being all one group.
            var chainTerms = terms
            if random.below(2) == 0 {
                chainTerms.insert(random.below(2) == 0 ? "ssl" : "not ssl", at: random.below(terms.count + 1))
            }
            let folded = chainTerms.joined(separator: isOr ? " or " : " and ")
            let unfolded =
                "not (" + chainTerms.map { "not (" + $0 + ")" }.joined(separator: isOr ? " and " : " or ") + ")"
            for missing in [MissingValuePolicy.cloudflare, .wirefilter] {
                guard let foldedExpression = Self.compile(folded, missing),
                    let unfoldedExpression = Self.compile(unfolded, missing)
                else { return }
                for request in requests {
                    context.reset(to: request)
                    let expected = unfoldedExpression.evaluate(context)
                    #expect(foldedExpression.evaluate(context) == expected, "\(folded) on \(request.headers)")
                }
            }
        }
    }

    @Test("terms on one operand become one evaluator; other terms and operands stay separate")
    func grouping() throws {
        let (expression, _) = parse(
            #"""
            lower(http.user_agent) contains "sqlmap" or ssl or lower(http.user_agent) contains "nikto"
            or http.user_agent contains "x" or starts_with(http.request.uri.path, "/a")
            or starts_with(http.request.uri.path, "/b") or http.host eq "a" or http.host eq "b"
            """#)
        let root = try #require(expression).root
        guard case .combination(let op, let items) = root.kind else {
            Issue.record("expected a chain")
            return
        }
        // sqlmap+nikto, ssl, "x" (one term on another operand), /a+/b, host eq a+b.
        #expect(ExpressionCompiler(missingValues: .cloudflare).compileChain(op, items).count == 5)
    }

    @Test("eq terms fold only in or chains; xor chains never fold")
    func connectives() throws {
        let compiler = ExpressionCompiler(missingValues: .cloudflare)
        for (text, expected) in [
            (#"http.host eq "a" and http.host eq "b""#, 2),
            (#"http.host contains "a" and http.host contains "b""#, 1),
            (#"http.host contains "a" xor http.host contains "b""#, 2),
        ] {
            let (expression, _) = parse(text)
            guard case .combination(let op, let items) = try #require(expression).root.kind else {
                Issue.record("expected a chain: \(text)")
                continue
            }
            #expect(compiler.compileChain(op, items).count == expected, "\(text)")
        }
    }

    @Test(
        "the multi-literal search, plain and case-mapped, agrees with one search per literal",
        arguments: [UInt64(5), 23, 1001])
    func multiLiteralSearch(seed: UInt64) {
        var random = Random(state: seed)
        for _ in 0..<300 {
            // Half the sets have only literals of two or more bytes, so the search strides over the haystack.
            let minimum = random.below(2) * 2
            let literals = (0..<(1 + random.below(6))).map { _ in
                (0..<minimum).map { _ in Self.alphabet[random.below(Self.alphabet.count)] } + random.bytes(maxLength: 4)
            }
            let search = MultiLiteralSearch(literals)
            let lowerSearch = MultiLiteralSearch(literals, mapping: .lower)
            let upperSearch = MultiLiteralSearch(literals, mapping: .upper)
            for _ in 0..<40 {
                let haystack = random.bytes(maxLength: 40)
                let expected = literals.contains { ByteOperations.contains(haystack, $0) }
                #expect(search.containsAny(haystack) == expected, "\(literals) in \(haystack)")
                var lowered: [UInt8] = []
                var uppered: [UInt8] = []
                ByteOperations.lowercase(haystack, into: &lowered)
                ByteOperations.uppercase(haystack, into: &uppered)
                #expect(lowerSearch.containsAny(haystack) == literals.contains { ByteOperations.contains(lowered, $0) })
                #expect(upperSearch.containsAny(haystack) == literals.contains { ByteOperations.contains(uppered, $0) })
            }
        }
    }
}
