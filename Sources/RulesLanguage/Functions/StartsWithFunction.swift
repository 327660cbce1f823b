/// `starts_with`
///
/// Description: whether a string begins with a given prefix (byte comparison, case-sensitive).
/// Arguments: a field or expression of type Bytes (not a literal), then the prefix as Bytes.
/// Returns: Bool; false when the source is missing.
/// Example: `starts_with(http.request.uri.path, "/api/")`
extension FunctionDefinition {
    static let startsWith = FunctionDefinition(
        name: "starts_with", summary: "Whether a string begins with a prefix.",
        signature: affixSignature,
        compile: { input in affixTest(input) { ByteOperations.hasPrefix($0, $1) } })

    /// The signature of `starts_with` and `ends_with`: a string that is not a literal, then the affix.
    static let affixSignature = FunctionSignature([.nonLiteral([.bytes]), .value([.bytes])], returns: .bool)

    /// Shared compiler of `starts_with` and `ends_with`: whether `test(value, affix)` holds; false when either is
    /// missing.
    static func affixTest(
        _ input: FunctionCompilation, _ test: @escaping @Sendable ([UInt8], [UInt8]) -> Bool
    ) -> CompiledValue {
        let source = input.compiled[0].asBytes
        if input.arguments[1].value?.isLiteral == true {
            let affix = input.literalString(1)
            return .bool { context in source(context).map { test($0, affix) } ?? false }
        }
        let affix = input.compiled[1].asBytes
        return .bool { context in
            guard let value = source(context), let end = affix(context) else { return false }
            return test(value, end)
        }
    }
}
