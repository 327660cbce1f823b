/// `all`
///
/// Description: true when every element of a per-element comparison is true.
/// Arguments: a logical expression of type `Array<Bool>`, usually a comparison with `[*]`.
/// Returns: Bool; true for an empty array (including `[*]` over a missing value), false for a missing value.
/// Example: `all(http.request.headers["x-env"][*] eq "prod")`
extension FunctionDefinition {
    static let all = FunctionDefinition(
        name: "all", summary: "True when every element of an Array<Bool> is true.", takesLogicalArgument: true,
        check: { checker in
            try checker.arity(1...1)
            try checker.require(0, [.array(.bool)], described: "a per-element comparison (Array<Bool>)")
            return .bool
        },
        compile: { input in
            let items = input.compiled[0].asBoolArray
            return .bool { context in
                guard let values = items(context) else { return false }
                return !values.contains(false)
            }
        })
}
