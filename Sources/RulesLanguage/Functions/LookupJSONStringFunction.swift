/// `lookup_json_string`
///
/// Description: the string at a path inside a JSON document; the path is a sequence of object keys (string
/// literals) and array indexes (integer literals).
/// Arguments: a field or expression of type Bytes (not a literal) holding JSON, then one or more keys/indexes.
/// Returns: Bytes; missing when the document is not JSON, the path does not exist or the value is not a string.
/// Example: `lookup_json_string(http.request.headers["x-client"][0], "company", "name") eq "Example"`
extension FunctionDefinition {
    static let lookupJSONString = FunctionDefinition(
        name: "lookup_json_string", summary: "String at a key/index path inside a JSON document.",
        check: { checker in
            try checkJSONLookup(&checker); return .bytes
        },
        compile: { input in .bytes(jsonLookup(input) { JSONPathLookup.string(in: $0, path: $1) }) })

    /// Shared argument check of the JSON lookups.
    static func checkJSONLookup(_ checker: inout FunctionSignatureChecker) throws {
        try checker.arity(2...Int.max)
        try checker.require(0, [.bytes])
        try checker.requireNonLiteral(0)
        for index in checker.arguments.indices.dropFirst() {
            guard let value = checker.arguments[index].value, value.isLiteral else {
                throw SyntaxError(
                    RulesDiagnosticID.argumentKind,
                    "JSON path elements must be string keys or integer indexes written as literals",
                    at: checker.arguments[index].range)
            }
            if case .integer(let number) = value.base, number < 0 {
                throw checker.invalidOption(index, "a JSON array index cannot be negative")
            }
        }
    }

    /// Shared evaluator of the JSON lookups: `read` applied to the document (the first argument) at the call's
    /// literal path; nil when the document is missing.
    static func jsonLookup<Value>(
        _ input: FunctionCompilation, _ read: @escaping @Sendable ([UInt8], [JSONPathLookup.Step]) -> Value?
    ) -> @Sendable (RequestContext) -> Value? {
        let source = input.compiled[0].asBytes
        let path = jsonPath(input)
        return { context in source(context).flatMap { read($0, path) } }
    }

    /// The literal path of a JSON lookup call.
    static func jsonPath(_ input: FunctionCompilation) -> [JSONPathLookup.Step] {
        input.arguments.dropFirst().compactMap { argument in
            switch argument.value?.base {
            case .string(let key)?: .key(key)
            case .integer(let index)?: .index(Int(index))
            default: nil
            }
        }
    }
}
