/// `any`
///
/// Description: true when at least one element of a per-element comparison is true.
/// Arguments: a logical expression of type `Array<Bool>`, usually a comparison with `[*]`.
/// Returns: Bool; false for an empty array and for a missing value.
/// Example: `any(http.request.headers["accept"][*] contains "json")`
extension FunctionDefinition {
    static let any = FunctionDefinition(
        name: "any", summary: "True when any element of an Array<Bool> is true.", takesLogicalArgument: true,
        check: { checker in
            try checker.arity(1...1)
            try checker.require(0, [.array(.bool)], described: "a per-element comparison (Array<Bool>)")
            return .bool
        },
        compile: { input in
            let items = input.compiled[0].asBoolArray
            return .bool { context in items(context)?.contains(true) ?? false }
        })
}
