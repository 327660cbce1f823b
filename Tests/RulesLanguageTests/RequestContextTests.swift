import EdgeWire
import Testing

@testable import RulesLanguage

@Suite("Request context and URL normalisation")
struct RequestContextTests {
    private func normalized(_ path: String) -> String {
        String(decoding: URLNormalizer.normalize(path: Array(path.utf8)), as: UTF8.self)
    }

    @Test(
        "URL normalisation follows Cloudflare's default mode",
        arguments: [
            (#"/%68ello//pa\th"#, "/hello/pa/th"),
            ("/a/b/../c/./d", "/a/c/d"),
            ("/a/%2e%2E/b", "/b"),
            ("/%7euser/%2fx", "/~user/%2Fx"),
            ("/%c3%a9", "/%C3%A9"),
            ("/é", "/%C3%A9"),
            ("/a b", "/a%20b"),
            ("/../../x", "/x"),
            ("/a/..", "/"),
            ("/a/.", "/a/"),
            ("/", "/"),
            ("//", "/"),
            ("/plain/path.js", "/plain/path.js"),
            ("/%zz/%4", "/%zz/%4"),
        ])
    func normalization(input: String, expected: String) {
        #expect(normalized(input) == expected)
    }

    @Test(
        "path extensions",
        arguments: [
            ("/.mp3", ""), ("/.foo.mp3", "mp3"), ("/foo.tar.bz2", "bz2"), ("/foo.", ""), ("/foo.MP3", "mp3"),
            ("/dir.d/file", ""), ("/", ""),
        ])
    func extensions(path: String, expected: String) {
        #expect(RequestParsing.pathExtension(Array(path.utf8)) == Array(expected.utf8))
    }

    @Test("headers: map keys lowercased, names keep case, duplicates in order")
    func headers() {
        let context = RequestContext(sampleRequest)
        #expect(
            context.headerMap.lookup(Array("accept".utf8)) == [Array("text/html".utf8), Array("application/json".utf8)])
        #expect(context.headerMap.lookup(Array("Accept".utf8)) == nil)
        #expect(context.headerNames.prefix(2) == [Array("User-Agent".utf8), Array("Accept".utf8)])
        #expect(context.headerNames.count == context.headerValues.count)
    }

    @Test("query arguments keep order and case, no decoding")
    func queryArguments() {
        let context = RequestContext(HTTPRequest(query: "a=1&A=2&a=%20&&flag"))
        #expect(context.args.keys == [Array("a".utf8), Array("A".utf8), Array("flag".utf8)])
        #expect(context.args.lookup(Array("a".utf8)) == [Array("1".utf8), Array("%20".utf8)])
        #expect(context.argNames.count == 4)
        #expect(context.argValues.last == [])
    }

    @Test("cookie names are URL-decoded, values raw; several Cookie headers join")
    func cookies() {
        let request = HTTPRequest(headers: [("Cookie", "a%20b=1%20; c=2"), ("cookie", "d=3")])
        let context = RequestContext(request)
        #expect(context.cookieMap.lookup(Array("a b".utf8)) == [Array("1%20".utf8)])
        #expect(context.cookieMap.lookup(Array("d".utf8)) == [Array("3".utf8)])
        #expect(context.cookie == Array("a%20b=1%20; c=2; d=3".utf8))
    }

    @Test("resetting a context drops cached values")
    func reset() throws {
        let (parsed, _) = parse(#"lower(http.user_agent) contains "curl" and http.request.uri.path eq "/a""#)
        let compiled = CompiledExpression(try #require(parsed))
        let context = RequestContext(HTTPRequest(path: "/a", headers: [("User-Agent", "CURL/8")]))
        #expect(compiled.evaluate(context))
        context.reset(to: HTTPRequest(path: "/b", headers: [("User-Agent", "Mozilla")]))
        #expect(!compiled.evaluate(context))
        context.reset(to: HTTPRequest(path: "/a", headers: [("user-agent", "xcurlx")]))
        #expect(compiled.evaluate(context))
    }

    @Test("one compiled expression evaluates on many threads, each with its own context")
    func concurrentEvaluation() async throws {
        let (parsed, _) = parse(#"http.user_agent matches "^bot-[0-9]+$" and ip.src in {10.0.0.0/8}"#)
        let compiled = CompiledExpression(try #require(parsed))
        let counts = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var matched = 0
                    let context = RequestContext(HTTPRequest())
                    for index in 0..<500 {
                        var request = HTTPRequest(headers: [("User-Agent", "bot-\(index + worker)")])
                        request.ip = IPAddress(v4: index % 2 == 0 ? 0x0A00_0001 : 0x0B00_0001)
                        context.reset(to: request)
                        if compiled.evaluate(context) { matched += 1 }
                    }
                    return matched
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [250, 250, 250, 250])
    }

    @Test("IP addresses print canonically and ranges merge")
    func addresses() throws {
        #expect(
            try #require(IPAddress.parse("2001:0db8:0000:0000:0001:0000:0000:0001")).description == "2001:db8::1:0:0:1")
        #expect(try #require(IPAddress.parse("::ffff:192.168.0.1")).description == "::ffff:c0a8:1")
        #expect(IPAddress.parse("1::2::3") == nil)
        #expect(IPAddress.parse("1.2.3.4.5") == nil)
        let set = IPRangeSet(
            [IPRange.parse("10.0.0.0/25"), IPRange.parse("10.0.0.128/25"), IPRange.parse("::/0")].compactMap { $0 })
        #expect(set.contains(try #require(IPAddress.parse("10.0.0.200"))))
        #expect(!set.contains(try #require(IPAddress.parse("10.0.1.0"))))
        #expect(set.contains(try #require(IPAddress.parse("fe80::1"))))
        #expect(IPRange.parse("10.0.0.1/8") == nil)
    }
}
