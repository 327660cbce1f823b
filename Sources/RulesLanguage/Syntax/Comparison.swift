import CloudflareRegex
import EdgeWire

/// A comparison operator; each has an English and (for some) a C-like spelling that parse to the same operator.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    /// `eq` / `==`.
    case equal = "eq"
    /// `ne` / `!=`.
    case notEqual = "ne"
    /// `lt` / `<`.
    case less = "lt"
    /// `le` / `<=`.
    case lessOrEqual = "le"
    /// `gt` / `>`.
    case greater = "gt"
    /// `ge` / `>=`.
    case greaterOrEqual = "ge"
    /// `contains`: byte substring.
    case contains
    /// `matches` / `~`: regular expression, unanchored.
    case matches
    /// `wildcard`: whole-value glob, case-insensitive.
    case wildcard
    /// `strict wildcard`: whole-value glob, case-sensitive.
    case strictWildcard = "strict wildcard"
    /// `in`: membership in an inline set or named list.
    case isIn = "in"

    /// The English spelling, used by canonical printing.
    public var englishSpelling: String { rawValue }

    /// Whether the operator orders values (`lt`, `le`, `gt`, `ge`).
    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
}

/// A regular expression literal on the right of `matches`.
public struct RegexOperand: Sendable {
    /// The pattern as handed to the regex engine.
    public let pattern: [UInt8]
    /// The compiled pattern.
    let compiled: CompiledRegex
}

/// The right-hand side of a comparison.
public enum ComparisonValue: Sendable {
    /// A string literal.
    case bytes([UInt8])
    /// An integer literal.
    case int(Int64)
    /// An IP address literal.
    case ip(IPAddress)
    /// A regular expression (`matches`).
    case regex(RegexOperand)
    /// A wildcard pattern (`wildcard`, `strict wildcard`).
    case wildcard(WildcardPattern)
    /// An inline set of strings.
    case bytesSet([[UInt8]])
    /// An inline set of integers and integer ranges.
    case intSet([ClosedRange<Int64>])
    /// An inline set of addresses, networks and address ranges.
    case ipSet([IPRange])
    /// A named list `$name`.
    case list(String, NamedList)
}

/// `lhs op rhs`.
public struct Comparison: Sendable {
    /// The value compared.
    public var lhs: ValueExpression
    /// The operator.
    public var op: ComparisonOperator
    /// The literal, set or list compared with.
    public var rhs: ComparisonValue
    /// Byte offsets covered by the whole comparison.
    public var range: Range<Int>
}
