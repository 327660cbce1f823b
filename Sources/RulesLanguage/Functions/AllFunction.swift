/// `all`
///
/// Description: true when every element of a per-element comparison is true.
/// Arguments: a logical expression of type `Array<Bool>`, usually a comparison with `[*]`.
/// Returns: Bool; true for an empty array (including `[*]` over a missing value), false for a missing value.
/// Example: `all(http.request.headers["x-env"][*] eq "prod")`
extension FunctionDefinition {
    static let all = FunctionDefinition(
        name: "all", summary: "True when every element of an Array<Bool> is true.", takesLogicalArgument: true,
        signature: quantifierSignature,
        compile: { input in quantifier(input) { !$0.contains(false) } })
}
