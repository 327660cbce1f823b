/// `ends_with`
///
/// Description: whether a string ends with a given suffix (byte comparison, case-sensitive).
/// Arguments: a field or expression of type Bytes (not a literal), then the suffix as Bytes.
/// Returns: Bool; false when the source is missing.
/// Example: `ends_with(http.request.uri.path, ".php")`
extension FunctionDefinition {
    static let endsWith = FunctionDefinition(
        name: "ends_with", summary: "Whether a string ends with a suffix.",
        signature: affixSignature,
        compile: { input in affixTest(input) { ByteOperations.hasSuffix($0, $1) } })
}
