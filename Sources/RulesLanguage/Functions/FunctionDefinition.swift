/// The inputs a function's compiler receives: the checked arguments and their compiled evaluators.
///
/// When the first argument is mapped (`f(x[*])`), `compiled[0]` reads the current element and the caller
/// applies the function to each element.
struct FunctionCompilation {
    /// The arguments as parsed.
    let arguments: [FunctionArgument]
    /// One evaluator per argument.
    let compiled: [CompiledValue]
    /// Field slot of the first argument when it is a plain field (enables per-request caching).
    let firstArgumentField: FieldDefinition?

    /// The literal string of argument `index`; the signature check guarantees it exists where called.
    func literalString(_ index: Int) -> [UInt8] {
        if index < arguments.count, case .string(let bytes)? = arguments[index].value?.base { return bytes }
        return []
    }

    /// The literal integer of argument `index`, if present.
    func literalInt(_ index: Int) -> Int64? {
        if index < arguments.count, case .integer(let value)? = arguments[index].value?.base { return value }
        return nil
    }
}

/// A built-in function: name, documentation, where it may be used, its signature check and its compiler.
/// Each function lives in its own file under `Functions/` and is registered in `FunctionTable`.
public struct FunctionDefinition: Sendable {
    /// The name as called in expressions.
    public let name: String
    /// One line for generated reference pages.
    public let summary: String
    /// The contexts the function may be used in; nil means every context.
    let contexts: Set<RuleContext>?
    /// Whether the argument is a logical expression (`any`, `all`) rather than values.
    let takesLogicalArgument: Bool
    /// Validates arguments and returns the result type (for one element when the first argument is mapped);
    /// derived from a `FunctionSignature` unless the arguments depend on one another.
    let check: @Sendable (inout FunctionSignatureChecker) throws -> RuleType
    /// Builds the evaluator.
    let compile: @Sendable (FunctionCompilation) -> CompiledValue

    init(
        name: String, summary: String, contexts: Set<RuleContext>? = nil, takesLogicalArgument: Bool = false,
        check: @escaping @Sendable (inout FunctionSignatureChecker) throws -> RuleType,
        compile: @escaping @Sendable (FunctionCompilation) -> CompiledValue
    ) {
        self.name = name
        self.summary = summary
        self.contexts = contexts
        self.takesLogicalArgument = takesLogicalArgument
        self.check = check
        self.compile = compile
    }

    /// A function whose arguments `signature` describes.
    init(
        name: String, summary: String, contexts: Set<RuleContext>? = nil, takesLogicalArgument: Bool = false,
        signature: FunctionSignature, compile: @escaping @Sendable (FunctionCompilation) -> CompiledValue
    ) {
        self.init(
            name: name, summary: summary, contexts: contexts, takesLogicalArgument: takesLogicalArgument,
            check: { checker in try signature.check(&checker) }, compile: compile)
    }
}
