/// One step of an index chain: `[0]`, `["key"]` or `[*]`.
public enum IndexStep: Hashable, Sendable {
    /// `[n]`: the element at a position of an array.
    case element(UInt32)
    /// `["key"]`: the value of a key of a map.
    case key([UInt8])
    /// `[*]`: every element of an array or every value of a map ("map each").
    case each
}

/// A typed value: a field, a function call, a literal argument or a constant, followed by index steps.
public struct ValueExpression: Sendable {
    /// What the value starts from.
    public indirect enum Base: Sendable {
        /// A field of the scheme.
        case field(FieldDefinition)
        /// A function call.
        case call(FunctionCall)
        /// `true` or `false`.
        case constant(Bool)
        /// A string literal (only as a function argument).
        case string([UInt8])
        /// An integer literal (only as a function argument).
        case integer(Int64)
    }

    /// What the value starts from.
    public var base: Base
    /// Index steps applied in order.
    public var steps: [IndexStep]
    /// The type of the value, or of each element when `isMapped`.
    public var type: RuleType
    /// Whether a `[*]` step makes this a per-element value.
    public var isMapped: Bool
    /// Expression byte offsets covered.
    public var range: Range<Int>

    /// Whether the value is a literal (string or integer), not read from the request.
    public var isLiteral: Bool {
        switch base {
        case .string, .integer: steps.isEmpty
        default: false
        }
    }

    /// The field when the value is a plain field without steps.
    var plainField: FieldDefinition? {
        if case .field(let field) = base, steps.isEmpty { return field }
        return nil
    }
}

/// A call of a built-in function.
public struct FunctionCall: Sendable {
    /// The function's entry in `FunctionTable`.
    public var function: FunctionDefinition
    /// The arguments in order.
    public var arguments: [FunctionArgument]
}

/// A function argument: a value, or for `any`/`all` a logical expression.
public indirect enum FunctionArgument: Sendable {
    /// A value argument.
    case value(ValueExpression)
    /// A logical argument (`any(…)`, `all(…)`).
    case logical(LogicalExpression)

    /// The argument's type (element type when mapped).
    public var type: RuleType {
        switch self {
        case .value(let value): value.type
        case .logical(let logical): logical.type
        }
    }

    /// The value argument, if this is one.
    public var value: ValueExpression? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Byte offsets covered.
    public var range: Range<Int> {
        switch self {
        case .value(let value): value.range
        case .logical(let logical): logical.range
        }
    }
}
