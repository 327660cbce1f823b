/// The abstract syntax of a Rust-dialect regex, as written (flags not yet applied).
///
/// Every node that can cause a later error (in lowering: Unicode mode checks, property lookups,
/// size limits) keeps the byte range of its text in the pattern.
indirect enum RegexSyntax: Sendable {
    /// Matches the empty string.
    case empty
    /// One literal character, or one byte for `\xHH`.
    case literal(RegexLiteral)
    /// `.`
    case dot(span: Range<Int>)
    /// `^ $ \A \z \b \B \< \> \b{start}` …
    case assertion(RegexAssertion, span: Range<Int>)
    /// `\d \s \w` and their negations.
    case perlClass(PerlClass, negated: Bool, span: Range<Int>)
    /// `\pL`, `\p{Greek}`, `\P{gc=Lu}`.
    case unicodeClass(UnicodeClassQuery)
    /// `[...]`
    case bracketed(BracketedClass)
    /// `x*`, `x+?`, `x{2,5}`.
    case repetition(min: UInt32, max: UInt32?, RegexSyntax, span: Range<Int>)
    /// `(…)`, `(?:…)`, `(?P<n>…)`, `(?i:…)`: captures do not matter for `matches`.
    case group(flags: RegexFlagChange?, RegexSyntax)
    /// `(?i)`: changes flags up to the end of the enclosing group.
    case setFlags(RegexFlagChange)
    /// Sequence.
    case concat([RegexSyntax])
    /// `a|b|c`.
    case alternation([RegexSyntax])
}

/// A literal character of the pattern.
struct RegexLiteral: Sendable {
    /// The character value (for `\xHH`, the scalar U+00HH).
    var scalar: Unicode.Scalar
    /// True for the two-digit `\xHH` form, which denotes a raw byte outside Unicode mode.
    var isByteEscape: Bool
    /// Where the literal is written.
    var span: Range<Int>
}

/// Zero-width assertions of the dialect.
enum RegexAssertion: Sendable, Equatable {
    case startLine, endLine, startText, endText
    case wordBoundary, notWordBoundary
    case wordStart, wordEnd, wordStartHalf, wordEndHalf
}

/// `\d`, `\s`, `\w`.
enum PerlClass: Sendable {
    case digit, space, word
}

/// `[[:name:]]` classes (always ASCII).
enum AsciiClass: String, Sendable, CaseIterable {
    case alnum, alpha, ascii, blank, cntrl, digit, graph, lower, print, punct, space, upper, word, xdigit
}

/// A `\p`/`\P` property query as written.
struct UnicodeClassQuery: Sendable {
    /// The three spellings: `\pL`, `\p{Name}`, `\p{name=value}` (also `:` and `!=`).
    enum Kind: Sendable {
        case oneLetter(Unicode.Scalar)
        case named(String)
        case namedValue(name: String, value: String, notEqual: Bool)
    }
    var kind: Kind
    /// `\P` or `\p{x!=y}` (`!=` toggles the sense of `\P`).
    var negated: Bool
    var span: Range<Int>
}

/// `[...]` with its set expression.
struct BracketedClass: Sendable {
    var negated: Bool
    var set: ClassSetExpression
    var span: Range<Int>
}

/// The inside of a bracketed class: unions combined left to right by `&&`, `--`, `~~`.
indirect enum ClassSetExpression: Sendable {
    case union([ClassSetItem])
    case binary(ClassSetOperator, ClassSetExpression, ClassSetExpression)
}

/// The Rust-only class set operators.
enum ClassSetOperator: Sendable {
    case intersection, difference, symmetricDifference
}

/// One member of a class union.
enum ClassSetItem: Sendable {
    case literal(RegexLiteral)
    case range(RegexLiteral, RegexLiteral)
    case ascii(AsciiClass, negated: Bool)
    case perl(PerlClass, negated: Bool, span: Range<Int>)
    case unicode(UnicodeClassQuery)
    case bracketed(BracketedClass)
}

/// Flags of the dialect: `i m s U u R x`.
struct RegexFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let caseInsensitive = RegexFlags(rawValue: 1 << 0)
    static let multiLine = RegexFlags(rawValue: 1 << 1)
    static let dotMatchesNewLine = RegexFlags(rawValue: 1 << 2)
    static let swapGreed = RegexFlags(rawValue: 1 << 3)
    static let unicode = RegexFlags(rawValue: 1 << 4)
    static let crlf = RegexFlags(rawValue: 1 << 5)
    static let ignoreWhitespace = RegexFlags(rawValue: 1 << 6)
}

/// `(?flags-flags)`: what a flag group turns on and off.
struct RegexFlagChange: Sendable {
    var enable: RegexFlags
    var disable: RegexFlags

    /// The flags after applying this change to `flags`.
    func applied(to flags: RegexFlags) -> RegexFlags {
        flags.union(enable).subtracting(disable)
    }
}
