/// A function's signature written as data: what each argument must be and the type the call returns.
///
/// The check it derives tests the argument count first, then each argument present, in order: a value's type
/// before whether it may be a literal. Functions whose arguments follow no fixed list (`concat`, `len`, the JSON
/// lookups, `url_decode`) keep a hand-written check instead; `has_key` adds a warning to its signature's check.
struct FunctionSignature: Sendable {
    /// What one argument must be.
    enum Parameter: Sendable {
        /// A literal or a field or expression of one of `types`; `described` replaces the list of types in the error.
        case value([RuleType], described: String? = nil)
        /// A whole collection of one of `types`, not applied per element with `[*]`.
        case collection([RuleType], described: String)
        /// A field or expression (not a literal) of one of `types`.
        case nonLiteral([RuleType])
        /// A string literal.
        case literalString
        /// An integer literal.
        case literalInteger
        /// A literal of the first argument's element type: an integer for `Array<Int>`, otherwise a string.
        case elementLiteral
        /// An integer literal within `bounds`; `otherwise` is the error message when it is outside.
        case boundedLiteralInteger(ClosedRange<Int64>, otherwise: String)
    }

    /// The parameters, in order.
    let parameters: [Parameter]
    /// How many leading parameters every call passes; the others are optional.
    let required: Int
    /// The result type (for one element when the first argument is mapped).
    let returns: RuleType

    /// A signature whose first `required` parameters (all of them when nil) must be passed.
    init(_ parameters: [Parameter], required: Int? = nil, returns: RuleType) {
        self.parameters = parameters
        self.required = required ?? parameters.count
        self.returns = returns
    }

    /// Validates a call's arguments against the signature and returns the result type.
    func check(_ checker: inout FunctionSignatureChecker) throws -> RuleType {
        try checker.arity(required...parameters.count)
        for (index, parameter) in parameters.enumerated() where index < checker.arguments.count {
            switch parameter {
            case .value(let types, let described):
                try checker.require(index, types, described: described)
            case .collection(let types, let described):
                try checker.requireNotMapped(index)
                try checker.require(index, types, described: described)
            case .nonLiteral(let types):
                try checker.require(index, types)
                try checker.requireNonLiteral(index)
            case .literalString:
                _ = try checker.requireLiteralString(index)
            case .literalInteger:
                _ = try checker.requireLiteralInt(index)
            case .elementLiteral where checker.type(0) == .array(.int):
                _ = try checker.requireLiteralInt(index)
            case .elementLiteral:
                _ = try checker.requireLiteralString(index)
            case .boundedLiteralInteger(let bounds, let message):
                guard bounds.contains(try checker.requireLiteralInt(index)) else {
                    throw checker.invalidOption(index, message)
                }
            }
        }
        return returns
    }
}
