/// `any`
///
/// Description: true when at least one element of a per-element comparison is true.
/// Arguments: a logical expression of type `Array<Bool>`, usually a comparison with `[*]`.
/// Returns: Bool; false for an empty array and for a missing value.
/// Example: `any(http.request.headers["accept"][*] contains "json")`
extension FunctionDefinition {
    static let any = FunctionDefinition(
        name: "any", summary: "True when any element of an Array<Bool> is true.", takesLogicalArgument: true,
        signature: quantifierSignature,
        compile: { input in quantifier(input) { $0.contains(true) } })

    /// The signature of `any` and `all`: one per-element comparison.
    static let quantifierSignature = FunctionSignature(
        [.value([.array(.bool)], described: "a per-element comparison (Array<Bool>)")], returns: .bool)

    /// Shared compiler of `any` and `all`: whether `holds` is true of the comparison's results; false when the
    /// compared array is missing.
    static func quantifier(
        _ input: FunctionCompilation, _ holds: @escaping @Sendable ([Bool]) -> Bool
    ) -> CompiledValue {
        let items = input.compiled[0].asBoolArray
        return .bool { context in items(context).map(holds) ?? false }
    }
}
