/// `decode_base64`
///
/// Description: decodes standard or URL-safe base64 (padding optional).
/// Arguments: a field or expression of type Bytes (not a literal).
/// Returns: Bytes; missing when the source is missing or not valid base64.
/// Availability: custom rules and rate limiting rules (not cache rules).
/// Example: `decode_base64(http.request.headers["x-token"][0]) contains "admin"`
extension FunctionDefinition {
    static let decodeBase64 = FunctionDefinition(
        name: "decode_base64", summary: "Decodes base64 text.",
        contexts: [.custom, .rateLimit, .counting],
        signature: FunctionSignature([.nonLiteral([.bytes])], returns: .bytes),
        compile: { input in
            let source = input.compiled[0].asBytes
            return .bytes { context in source(context).flatMap(Base64Decoding.decode) }
        })
}
