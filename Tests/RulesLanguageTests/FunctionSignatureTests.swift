import EdgeCore
import Testing

@testable import RulesLanguage

/// One call that a function's signature check rejects, with the diagnostic it must produce.
struct RejectedCall: CustomTestStringConvertible, Sendable {
    let expression: String
    let id: String
    let message: String
    /// The reported range as 1-based columns, end exclusive.
    let columns: Range<Int>

    var testDescription: String { expression }
}

/// Every way each function's arguments can be wrong, with the exact diagnostic the checker reports today.
let rejectedCalls: [RejectedCall] = [
    RejectedCall(
        expression: "starts_with(http.host) eq true", id: "E0634",
        message: "`starts_with()` takes 2 arguments, found 1", columns: 1..<23),
    RejectedCall(
        expression: #"starts_with(http.host, "a", "b")"#, id: "E0634",
        message: "`starts_with()` takes 2 arguments, found 3", columns: 1..<33),
    RejectedCall(
        expression: #"starts_with(ip.src, "a")"#, id: "E0635",
        message: "argument 1 of `starts_with()` must be Bytes, found Ip", columns: 13..<19),
    RejectedCall(
        expression: #"starts_with("/api", "/")"#, id: "E0636",
        message: "argument 1 of `starts_with()` must be a field or expression, not a literal",
        columns: 13..<19),
    RejectedCall(
        expression: "starts_with(http.host, 1)", id: "E0635",
        message: "argument 2 of `starts_with()` must be Bytes, found Int", columns: 24..<25),
    RejectedCall(
        expression: "ends_with(http.host)", id: "E0634",
        message: "`ends_with()` takes 2 arguments, found 1", columns: 1..<21),
    RejectedCall(
        expression: #"ends_with(ip.src, "a")"#, id: "E0635",
        message: "argument 1 of `ends_with()` must be Bytes, found Ip", columns: 11..<17),
    RejectedCall(
        expression: #"ends_with("/api", "/")"#, id: "E0636",
        message: "argument 1 of `ends_with()` must be a field or expression, not a literal", columns: 11..<17),
    RejectedCall(
        expression: "ends_with(http.host, 1)", id: "E0635",
        message: "argument 2 of `ends_with()` must be Bytes, found Int", columns: 22..<23),
    RejectedCall(
        expression: #"lower() eq "a""#, id: "E0634",
        message: "`lower()` takes 1 argument, found 0", columns: 1..<8),
    RejectedCall(
        expression: #"lower(http.host, http.host) eq "a""#, id: "E0634",
        message: "`lower()` takes 1 argument, found 2", columns: 1..<28),
    RejectedCall(
        expression: #"lower(ip.src) eq "a""#, id: "E0635",
        message: "argument 1 of `lower()` must be Bytes, found Ip", columns: 7..<13),
    RejectedCall(
        expression: #"upper() eq "a""#, id: "E0634",
        message: "`upper()` takes 1 argument, found 0", columns: 1..<8),
    RejectedCall(
        expression: #"upper(ip.src) eq "a""#, id: "E0635",
        message: "argument 1 of `upper()` must be Bytes, found Ip", columns: 7..<13),
    RejectedCall(
        expression: #"decode_base64(ip.src) eq "a""#, id: "E0635",
        message: "argument 1 of `decode_base64()` must be Bytes, found Ip", columns: 15..<21),
    RejectedCall(
        expression: #"decode_base64("YQ==") eq "a""#, id: "E0636",
        message: "argument 1 of `decode_base64()` must be a field or expression, not a literal",
        columns: 15..<21),
    RejectedCall(
        expression: #"decode_base64(http.host, http.host) eq "a""#, id: "E0634",
        message: "`decode_base64()` takes 1 argument, found 2", columns: 1..<36),
    RejectedCall(
        expression: #"remove_bytes(http.host) eq "a""#, id: "E0634",
        message: "`remove_bytes()` takes 2 arguments, found 1", columns: 1..<24),
    RejectedCall(
        expression: #"remove_bytes(ip.src, "a") eq "a""#, id: "E0635",
        message: "argument 1 of `remove_bytes()` must be Bytes, found Ip", columns: 14..<20),
    RejectedCall(
        expression: #"remove_bytes("abc", "a") eq "a""#, id: "E0636",
        message: "argument 1 of `remove_bytes()` must be a field or expression, not a literal",
        columns: 14..<19),
    RejectedCall(
        expression: #"remove_bytes(http.host, http.host) eq "x""#, id: "E0636",
        message: "argument 2 of `remove_bytes()` must be a string literal", columns: 25..<34),
    RejectedCall(
        expression: #"remove_bytes(http.host, 1) eq "x""#, id: "E0636",
        message: "argument 2 of `remove_bytes()` must be a string literal", columns: 25..<26),
    RejectedCall(
        expression: #"substring(http.host) eq "a""#, id: "E0634",
        message: "`substring()` takes 2 to 3 arguments, found 1", columns: 1..<21),
    RejectedCall(
        expression: #"substring(http.host, 1, 2, 3) eq "a""#, id: "E0634",
        message: "`substring()` takes 2 to 3 arguments, found 4", columns: 1..<30),
    RejectedCall(
        expression: #"substring(ip.src, 1) eq "a""#, id: "E0635",
        message: "argument 1 of `substring()` must be Bytes, found Ip", columns: 11..<17),
    RejectedCall(
        expression: #"substring("abc", 1) eq "a""#, id: "E0636",
        message: "argument 1 of `substring()` must be a field or expression, not a literal", columns: 11..<16),
    RejectedCall(
        expression: #"substring(http.host, "1") eq "a""#, id: "E0636",
        message: "argument 2 of `substring()` must be an integer literal", columns: 22..<25),
    RejectedCall(
        expression: #"substring(http.host, 1, "2") eq "a""#, id: "E0636",
        message: "argument 3 of `substring()` must be an integer literal", columns: 25..<28),
    RejectedCall(
        expression: #"substring(http.host, 1, ip.src.asnum) eq "a""#, id: "E0636",
        message: "argument 3 of `substring()` must be an integer literal", columns: 25..<37),
    RejectedCall(
        expression: "cidr(ip.src, 24) eq 1.2.3.0", id: "E0634",
        message: "`cidr()` takes 3 arguments, found 2", columns: 1..<17),
    RejectedCall(
        expression: "cidr(http.host, 24, 64) eq 1.2.3.0", id: "E0635",
        message: "argument 1 of `cidr()` must be Ip, found Bytes", columns: 6..<15),
    RejectedCall(
        expression: "cidr(1.2.3.4, 24, 64) eq 1.2.3.0", id: "E0641",
        message: "expected `,` or `)` in the arguments of `cidr()`", columns: 7..<8),
    RejectedCall(
        expression: "cidr(ip.src, ip.src.asnum, 64) eq 1.2.3.0", id: "E0636",
        message: "argument 2 of `cidr()` must be an integer literal", columns: 14..<26),
    RejectedCall(
        expression: "cidr(ip.src, 0, 64) eq 1.2.3.0", id: "E0645",
        message: "the IPv4 prefix length must be 1–32", columns: 14..<15),
    RejectedCall(
        expression: "cidr(ip.src, 33, 64) eq 1.2.3.0", id: "E0645",
        message: "the IPv4 prefix length must be 1–32", columns: 14..<16),
    RejectedCall(
        expression: "cidr(ip.src, 24, 0) eq 1.2.3.0", id: "E0645",
        message: "the IPv6 prefix length must be 1–128", columns: 18..<19),
    RejectedCall(
        expression: "cidr(ip.src, 24, 129) eq 1.2.3.0", id: "E0645",
        message: "the IPv6 prefix length must be 1–128", columns: 18..<21),
    RejectedCall(
        expression: #"cidr(ip.src, 24, "64") eq 1.2.3.0"#, id: "E0636",
        message: "argument 3 of `cidr()` must be an integer literal", columns: 18..<22),
    RejectedCall(
        expression: "cidr6(ip.src) eq 1.2.3.0", id: "E0634",
        message: "`cidr6()` takes 2 arguments, found 1", columns: 1..<14),
    RejectedCall(
        expression: "cidr6(http.host, 64) eq 1.2.3.0", id: "E0635",
        message: "argument 1 of `cidr6()` must be Ip, found Bytes", columns: 7..<16),
    RejectedCall(
        expression: "cidr6(1.2.3.4, 64) eq 1.2.3.0", id: "E0641",
        message: "expected `,` or `)` in the arguments of `cidr6()`", columns: 8..<9),
    RejectedCall(
        expression: "cidr6(ip.src, 129) eq 1.2.3.0", id: "E0645",
        message: "the IPv6 prefix length must be 1–128", columns: 15..<18),
    RejectedCall(
        expression: "cidr6(ip.src, 0) eq 1.2.3.0", id: "E0645",
        message: "the IPv6 prefix length must be 1–128", columns: 15..<16),
    RejectedCall(
        expression: #"cidr6(ip.src, "64") eq 1.2.3.0"#, id: "E0636",
        message: "argument 2 of `cidr6()` must be an integer literal", columns: 15..<19),
    RejectedCall(
        expression: "any()", id: "E0634",
        message: "`any()` takes 1 argument, found 0", columns: 1..<6),
    RejectedCall(
        expression: "any(ssl, ssl)", id: "E0634",
        message: "`any()` takes 1 argument, found 2", columns: 1..<14),
    RejectedCall(
        expression: "any(ssl)", id: "E0635",
        message: "argument 1 of `any()` must be a per-element comparison (Array<Bool>), found Bool",
        columns: 5..<8),
    RejectedCall(
        expression: "all()", id: "E0634",
        message: "`all()` takes 1 argument, found 0", columns: 1..<6),
    RejectedCall(
        expression: "all(http.host)", id: "E0642",
        message: "expected a comparison operator after a value of type Bytes", columns: 14..<15),
    RejectedCall(
        expression: "has_key(http.request.headers)", id: "E0634",
        message: "`has_key()` takes 2 arguments, found 1", columns: 1..<30),
    RejectedCall(
        expression: #"has_key(http.request.headers.names[*], "a")"#, id: "E0639",
        message: "`has_key()` cannot be applied per element with `[*]`", columns: 9..<38),
    RejectedCall(
        expression: #"has_key(http.host, "a")"#, id: "E0635",
        message: "argument 1 of `has_key()` must be a map, found Bytes", columns: 9..<18),
    RejectedCall(
        expression: "has_key(http.request.headers, http.host)", id: "E0636",
        message: "argument 2 of `has_key()` must be a string literal", columns: 31..<40),
    RejectedCall(
        expression: "has_value(http.request.headers)", id: "E0634",
        message: "`has_value()` takes 2 arguments, found 1", columns: 1..<32),
    RejectedCall(
        expression: #"has_value(http.host, "a")"#, id: "E0635",
        message: "argument 1 of `has_value()` must be an array or a map, found Bytes", columns: 11..<20),
    RejectedCall(
        expression: "has_value(http.request.headers, 1)", id: "E0636",
        message: "argument 2 of `has_value()` must be a string literal", columns: 33..<34),
    RejectedCall(
        expression: #"lookup_json_string(http.host) eq "a""#, id: "E0634",
        message: "`lookup_json_string()` takes at least 2 arguments, found 1", columns: 1..<30),
    RejectedCall(
        expression: #"lookup_json_string("{}", "a") eq "a""#, id: "E0636",
        message: "argument 1 of `lookup_json_string()` must be a field or expression, not a literal",
        columns: 20..<24),
    RejectedCall(
        expression: #"lookup_json_string(ip.src, "a") eq "a""#, id: "E0635",
        message: "argument 1 of `lookup_json_string()` must be Bytes, found Ip", columns: 20..<26),
    RejectedCall(
        expression: "lookup_json_integer(http.host, http.host) eq 1", id: "E0636",
        message: "JSON path elements must be string keys or integer indexes written as literals",
        columns: 32..<41),
    RejectedCall(
        expression: "lookup_json_integer(http.host, -1) eq 1", id: "E0645",
        message: "a JSON array index cannot be negative", columns: 32..<34),
    RejectedCall(
        expression: #"url_decode(http.host, "x") eq "a""#, id: "E0645",
        message: #"the options of `url_decode()` are "r", "u" or both"#, columns: 23..<26),
    RejectedCall(
        expression: #"url_decode("a%20") eq "a""#, id: "E0636",
        message: "argument 1 of `url_decode()` must be a field or expression, not a literal",
        columns: 12..<18),
    RejectedCall(
        expression: #"url_decode() eq "a""#, id: "E0634",
        message: "`url_decode()` takes 1 to 2 arguments, found 0", columns: 1..<13),
    RejectedCall(
        expression: #"url_decode(ip.src) eq "a""#, id: "E0635",
        message: "argument 1 of `url_decode()` must be Bytes, found Ip", columns: 12..<18),
    RejectedCall(
        expression: "len() eq 1", id: "E0634",
        message: "`len()` takes 1 argument, found 0", columns: 1..<6),
    RejectedCall(
        expression: "len(ip.src) eq 1", id: "E0635",
        message: "argument 1 of `len()` must be Bytes, an array or a map, found Ip", columns: 5..<11),
    RejectedCall(
        expression: #"concat() eq "a""#, id: "E0634",
        message: "`concat()` takes at least 1 arguments, found 0", columns: 1..<9),
    RejectedCall(
        expression: #"concat(http.host, 1) eq "a""#, id: "E0635",
        message: "argument 2 of `concat()` must be Bytes, found Int", columns: 19..<20),
    RejectedCall(
        expression: #"concat(ip.src) eq "a""#, id: "E0635",
        message: "argument 1 of `concat()` must be Bytes or Array<Bytes>, found Ip", columns: 8..<14),
]

@Suite("Function signatures")
struct FunctionSignatureTests {
    @Test("a rejected call reports the same id, message and range", arguments: rejectedCalls)
    func rejected(_ call: RejectedCall) throws {
        let (expression, diagnostics) = parse(call.expression)
        #expect(expression == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.id == call.id)
        #expect(diagnostic.message == call.message)
        #expect(diagnostic.range.start.column..<diagnostic.range.end.column == call.columns)
    }
}
