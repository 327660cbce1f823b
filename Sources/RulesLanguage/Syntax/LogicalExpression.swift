/// A logical connective; n-ary and left-associative.
public enum LogicalOperator: String, Sendable {
    /// `and` / `&&`, binds tightest.
    case and
    /// `xor` / `^^`.
    case xor
    /// `or` / `||`, binds loosest.
    case or
}

/// A node of the logical layer: connectives, `not`, parentheses, comparisons and bare Bool values.
public struct LogicalExpression: Sendable {
    /// The node kinds.
    public indirect enum Kind: Sendable {
        /// Two or more operands joined by one connective.
        case combination(LogicalOperator, [LogicalExpression])
        /// `not x` / `!x`.
        case not(LogicalExpression)
        /// `(x)`.
        case parenthesized(LogicalExpression)
        /// A comparison.
        case comparison(Comparison)
        /// A Bool-typed value used bare: `ssl`, `true`, `starts_with(…)`, `any(…)`.
        case value(ValueExpression)
    }

    /// The node.
    public var kind: Kind
    /// `Bool`, or `Array<Bool>` for per-element logic inside `any`/`all`.
    public var type: RuleType
    /// Byte offsets covered.
    public var range: Range<Int>
}
