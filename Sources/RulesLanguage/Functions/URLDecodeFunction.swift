/// `url_decode`
///
/// Description: decodes `%XX` escapes and `+` (as a space). Option `r` decodes repeatedly until nothing
/// changes (`%2520` → space); option `u` also decodes `%uXXXX` to UTF-8. Malformed escapes stay as written.
/// Arguments: a field or expression of type Bytes (not a literal); optionally a string literal of options:
/// `"r"`, `"u"`, `"ur"` or `"ru"`.
/// Returns: Bytes; missing when the source is missing.
/// Example: `url_decode(http.request.uri.query, "r") contains "<script"`
extension FunctionDefinition {
    static let urlDecode = FunctionDefinition(
        name: "url_decode", summary: "Percent-decodes a string (options r: recursive, u: %uXXXX).",
        check: { checker in
            try checker.arity(1...2)
            try checker.require(0, [.bytes])
            try checker.requireNonLiteral(0)
            if checker.arguments.count == 2 {
                let options = try checker.requireLiteralString(1)
                guard !options.isEmpty, options.count <= 2, Set(options).count == options.count,
                    options.allSatisfy({ $0 == UInt8(ascii: "r") || $0 == UInt8(ascii: "u") })
                else {
                    throw checker.invalidOption(1, "the options of `url_decode()` are \"r\", \"u\" or both")
                }
            }
            return .bytes
        },
        compile: { input in
            let source = input.compiled[0].asBytes
            var options: URLDecoding.Options = []
            for byte in input.literalString(1) {
                if byte == UInt8(ascii: "r") { options.insert(.recursive) }
                if byte == UInt8(ascii: "u") { options.insert(.unicode) }
            }
            let chosen = options
            return .bytes { context in source(context).map { URLDecoding.decode($0, options: chosen) } }
        })
}
