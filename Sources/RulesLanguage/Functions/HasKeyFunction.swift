import EdgeWire

/// `has_key`
///
/// Description: whether a map has a key.
/// Arguments: a map field or expression, then a string literal key.
/// Returns: Bool.
/// Example: `has_key(http.request.headers, "authorization")`
extension FunctionDefinition {
    static let hasKey = FunctionDefinition(
        name: "has_key", summary: "Whether a map has a key.",
        check: { checker in
            let result = try hasKeySignature.check(&checker)
            let key = try checker.requireLiteralString(1)
            if let field = checker.arguments[0].value?.plainField,
                field.name == "http.request.headers" || field.name == "http.response.headers",
                key.map(ASCII.lowercased) != key
            {
                let range = checker.arguments[1].range
                checker.warnings.append(
                    SyntaxError(
                        RulesDiagnosticID.headerKeyCase,
                        "`\(field.name)` is keyed by lowercased header names, so \(CanonicalPrinter.string(key)) is "
                            + "never a key",
                        at: range, help: "write the key in lowercase",
                        fixIt: (range, CanonicalPrinter.string(key.map(ASCII.lowercased))), isWarning: true))
            }
            return result
        },
        compile: { input in
            let map = input.compiled[0].asMap
            let key = input.literalString(1)
            return .bool { context in map(context)?.hasKey(key) ?? false }
        })

    /// The signature of `has_key`: a whole map, then the key as a string literal.
    static let hasKeySignature = FunctionSignature(
        [.collection([.map(.array(.bytes))], described: "a map"), .literalString], returns: .bool)
}
