/// `starts_with`
///
/// Description: whether a string begins with a given prefix (byte comparison, case-sensitive).
/// Arguments: a field or expression of type Bytes (not a literal), then the prefix as Bytes.
/// Returns: Bool; false when the source is missing.
/// Example: `starts_with(http.request.uri.path, "/api/")`
extension FunctionDefinition {
    static let startsWith = FunctionDefinition(
        name: "starts_with", summary: "Whether a string begins with a prefix.",
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
                let prefix = input.literalString(1)
                return .bool { context in source(context).map { ByteOperations.hasPrefix($0, prefix) } ?? false }
            }
            let prefix = input.compiled[1].asBytes
            return .bool { context in
                guard let value = source(context), let start = prefix(context) else { return false }
                return ByteOperations.hasPrefix(value, start)
            }
        })
}
