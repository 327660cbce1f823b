/// `ends_with`
///
/// Description: whether a string ends with a given suffix (byte comparison, case-sensitive).
/// Arguments: a field or expression of type Bytes (not a literal), then the suffix as Bytes.
/// Returns: Bool; false when the source is missing.
/// Example: `ends_with(http.request.uri.path, ".php")`
extension FunctionDefinition {
    static let endsWith = FunctionDefinition(
        name: "ends_with", summary: "Whether a string ends with a suffix.",
        check: { checker in
            try checker.arity(2...2)
            try checker.require(0, [.bytes])
            try checker.requireNonLiteral(0)
            try checker.require(1, [.bytes])
            return .bool
        },
        compile: { input in
            let source = input.compiled[0].asBytes
            if input.arguments[1].value?.isLiteral == true {
                let suffix = input.literalString(1)
                return .bool { context in source(context).map { ByteOperations.hasSuffix($0, suffix) } ?? false }
            }
            let suffix = input.compiled[1].asBytes
            return .bool { context in
                guard let value = source(context), let end = suffix(context) else { return false }
                return ByteOperations.hasSuffix(value, end)
            }
        })
}
