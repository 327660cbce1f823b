import EdgeCore
import EdgeWire
import Testing

@testable import RulesLanguage

/// IP literals are read by the one address parser the trace readers use, in the Rules language's own form: a
/// dotted-quad part with a leading zero is decimal, as Cloudflare reads it (`docs/cloudflare-semantics.md`,
/// "Comparing IP addresses": `1.1.1.01` is `1.1.1.1`).
@Suite("IP literals")
struct IPLiteralTests {
    private func evaluate(_ text: String, ip: String) throws -> Bool {
        let (expression, diagnostics) = parse(text)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.message))")
        var request = HTTPRequest(path: "/")
        request.ip = try #require(IPAddress.parse(ip))
        return CompiledExpression(try #require(expression)).evaluate(RequestContext(request))
    }

    @Test("a leading-zero part of a literal is decimal, in comparisons, sets and ranges")
    func leadingZerosAreDecimal() throws {
        #expect(try evaluate("ip.src eq 1.1.1.01", ip: "1.1.1.1"))
        #expect(try !evaluate("ip.src eq 1.1.1.010", ip: "1.1.1.8"))
        #expect(try evaluate("ip.src eq 1.1.1.010", ip: "1.1.1.10"))
        #expect(try evaluate("ip.src in {10.0.0.001 192.168.001.000/24}", ip: "192.168.1.77"))
        #expect(try evaluate("ip.src in {10.0.0.01..10.0.0.09}", ip: "10.0.0.5"))
        #expect(try evaluate("ip.src eq ::ffff:01.2.3.4", ip: "::ffff:1.2.3.4"))
    }

    @Test("malformed literals get E0610 naming the literal")
    func malformedLiteralsAreErrors() {
        for (text, literal) in [
            ("ip.src eq 1.1.1.0001", "1.1.1.0001"), ("ip.src eq 1.1.1.256", "1.1.1.256"),
            ("ip.src in {1::2::3}", "1::2::3"), ("ip.src eq 00001::1", "00001::1"),
        ] {
            let (expression, diagnostics) = parse(text)
            #expect(expression == nil, "\(text)")
            let error = diagnostics.first { $0.severity == .error }
            #expect(error?.id == "E0610", "\(text): \(diagnostics.map { "\($0.id) \($0.message)" })")
            #expect(error?.message == "`\(literal)` is not a valid IP address", "\(text)")
        }
    }

    @Test("a zone id is not part of an IP literal")
    func zoneIdsAreRefused() {
        let (expression, diagnostics) = parse("ip.src eq fe80::1%eth0")
        #expect(expression == nil)
        #expect(diagnostics.contains { $0.severity == .error })
    }
}
