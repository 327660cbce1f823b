import Testing

@testable import RulesLanguage

/// Comparisons on plain Bytes fields read the value in place; these tests check them against the same comparison
/// on `substring(field, 0)`, which has the same value but is read as an owned copy.
@Suite("In-place reads of Bytes fields")
struct BorrowedReadTests {
    private static let fields = [
        "http.host", "http.request.method", "http.request.uri.query", "raw.http.request.uri.path", "ip.src.country",
        "http.request.version", "http.request.uri.path", "http.request.uri.path.extension", "http.user_agent",
    ]

    /// Tests in each borrowed shape; the 9-item set is hashed, so it takes the owned path even on a plain field.
    private static let tests = [
        #"eq "" "#, #"eq "GET""#, #"ne "/a/b.JS""#, #"contains "b""#, #"contains """#,
        #"in {"js" "GET" "SG" "x.example" "q=1"}"#,
        #"in {"1" "2" "3" "4" "5" "6" "7" "js" "/a/b.JS"}"#, "in $hosts",
    ]

    private static let requests: [HTTPRequest] = [
        HTTPRequest(),
        HTTPRequest(
            method: "POST", host: "x.example", path: "/a/b.JS", query: "q=1",
            headers: [("User-Agent", "ab/1"), ("user-agent", "second")], country: "SG"),
        HTTPRequest(host: "www.example.com", path: "/a/../c/./d.js", headers: [("X-Other", "b")], country: "KP"),
        HTTPRequest(method: "GET", host: "api.example.com", path: "//", query: "", headers: [("User-Agent", "")]),
    ]

    @Test("in-place and owned reads give the same results")
    func borrowedMatchesOwned() throws {
        let context = RequestContext(HTTPRequest())
        for field in Self.fields {
            for test in Self.tests {
                let (borrowed, _) = parse(field + " " + test)
                let (owned, _) = parse("substring(" + field + ", 0) " + test)
                let fast = CompiledExpression(try #require(borrowed))
                let slow = CompiledExpression(try #require(owned))
                for request in Self.requests {
                    context.reset(to: request)
                    let expected = slow.evaluate(context)
                    context.reset(to: request)
                    #expect(fast.evaluate(context) == expected, "\(field) \(test) on \(request.path)")
                }
            }
        }
    }

    @Test("folded chains on plain fields agree with the unfolded chain")
    func foldedBorrowedMatchesOwned() throws {
        let context = RequestContext(HTTPRequest())
        let chains = [
            #"starts_with(F, "/a") or starts_with(F, "/c")"#, #"ends_with(F, "js") and ends_with(F, "s")"#,
            #"lower(F) contains "ab" or lower(F) contains "ple""#, #"F contains "a" or F contains "e""#,
            #"F eq "GET" or F eq "SG""#,
        ]
        for field in Self.fields {
            for chain in chains {
                let pieces = chain.split(separator: "F", omittingEmptySubsequences: false)
                let folded = pieces.joined(separator: field)
                let owned = pieces.joined(separator: "substring(" + field + ", 0)")
                let fast = CompiledExpression(try #require(parse(folded).0))
                let slow = CompiledExpression(try #require(parse("not not (" + owned + ")").0))
                for request in Self.requests {
                    context.reset(to: request)
                    let expected = slow.evaluate(context)
                    context.reset(to: request)
                    #expect(fast.evaluate(context) == expected, "\(folded) on \(request.path)")
                }
            }
        }
    }

    @Test("an expression list evaluates each condition by position")
    func expressionList() throws {
        let texts = [#"http.host eq "x.example""#, "ssl", #"http.request.method eq "POST""#, "not ssl"]
        let list = CompiledExpressionList(try texts.map { CompiledExpression(try #require(parse($0).0)) })
        let context = RequestContext(HTTPRequest(method: "POST", scheme: "http", host: "x.example"))
        #expect(list.count == 4)
        #expect(list.indices.map { list.evaluate($0, context) } == [true, false, true, true])
    }
}
