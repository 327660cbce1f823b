import Testing
@testable import RulesLanguage

@Suite("Request JSON")
struct HTTPRequestJSONTests {
    @Test("defaults: GET https:// / from 0.0.0.0, HTTP/1.1, port 443, ts 0")
    func defaults() throws {
        let request = try HTTPRequest.fromJSON("{}").get()
        #expect(request.method == Array("GET".utf8))
        #expect(request.scheme == Array("https".utf8))
        #expect(request.path == Array("/".utf8))
        #expect(request.ip == .zeroV4)
        #expect(request.version == Array("HTTP/1.1".utf8))
        #expect(request.port == 443 && request.ssl)
        #expect(request.timestampMilliseconds == 0)
        let plain = try HTTPRequest.fromJSON(#"{"scheme":"http"}"#).get()
        #expect(plain.port == 80 && !plain.ssl)
    }

    @Test("a full native trace record")
    func fullRecord() throws {
        let text = #"""
        {"ts":"2025-12-20T10:00:00.123Z","ip":"203.0.113.7","method":"POST","host":"api.agenticverz.com",
         "path":"/v1/incidents","query":"page=2","ua":"Mozilla/5.0","country":"sg","asn":13335,
         "headers":{"Accept":"*/*","X-Multi":["a","b"]},"status":200,"cache_control":"max-age=60",
         "bytes":1532,"origin_ms":38,"colo":"SIN","bot":true,"bot_score":5}
        """#
        let request = try HTTPRequest.fromJSON(text).get()
        #expect(request.timestampMilliseconds == 1_766_224_800_123)
        #expect(request.ip.description == "203.0.113.7")
        #expect(request.country == Array("SG".utf8))
        #expect(request.headers.map { String(decoding: $0.name, as: UTF8.self) } == ["Accept", "X-Multi", "X-Multi", "User-Agent"])
        #expect(request.responseStatus == 200)
        #expect(request.responseHeaders.first?.name == Array("Cache-Control".utf8))
        #expect(request.verifiedBot && request.botScore == 5)
        let (parsed, _) = parse(#"http.user_agent eq "Mozilla/5.0" and http.request.headers["x-multi"][1] eq "b""#)
        #expect(CompiledExpression(try #require(parsed)).evaluate(request))
    }

    @Test("epoch timestamps in s, ms, µs and ns", arguments: [
        ("1766224800", Int64(1_766_224_800_000)), ("1766224800123", 1_766_224_800_123),
        ("1766224800123456", 1_766_224_800_123), ("1766224800123456789", 1_766_224_800_123),
        (#""2025-12-20T18:00:00.5+08:00""#, 1_766_224_800_500),
    ])
    func timestamps(value: String, expected: Int64) throws {
        #expect(try HTTPRequest.fromJSON(#"{"ts":\#(value)}"#).get().timestampMilliseconds == expected)
    }

    @Test("a path with a query is split")
    func pathWithQuery() throws {
        let request = try HTTPRequest.fromJSON(#"{"path":"/a?b=1"}"#).get()
        #expect(request.path == Array("/a".utf8) && request.query == Array("b=1".utf8))
    }

    @Test("bad input is a clear error", arguments: [
        (#"{"ip":"1.2.3"}"#, "`ip` must be an IPv4 or IPv6 address string"),
        (#"{"asn":"x"}"#, "`asn` must be an integer"),
        (#"{"uaa":"x"}"#, "unknown request key `uaa` (did you mean `ua`?)"),
        (#"[1]"#, "the request must be a JSON object"),
        (#"{"a":"#, "invalid request JSON: unexpected end of input at byte 5"),
        (#"{"headers":{"a":1}}"#, "header `a` must be a string or a list of strings"),
        (#"{"ts":"yesterday"}"#, "`ts` must be an RFC 3339 time such as 2025-12-20T10:00:00.123Z or an epoch number"),
    ])
    func errors(text: String, message: String) {
        guard case .failure(let error) = HTTPRequest.fromJSON(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.message == message)
    }
}
