/// `lookup_json_integer`
///
/// Description: the integer at a path inside a JSON document; numbers with a fraction or exponent (`42.0`) are
/// not integers.
/// Arguments: a field or expression of type Bytes (not a literal) holding JSON, then one or more keys/indexes.
/// Returns: Int; missing when the path does not exist or the value is not an integer.
/// Example: `lookup_json_integer(http.request.headers["x-meta"][0], "tier") ge 3`
extension FunctionDefinition {
    static let lookupJSONInteger = FunctionDefinition(
        name: "lookup_json_integer", summary: "Integer at a key/index path inside a JSON document.",
        check: { checker in
            try checkJSONLookup(&checker); return .int
        },
        compile: { input in .int(jsonLookup(input) { JSONPathLookup.integer(in: $0, path: $1) }) })
}
