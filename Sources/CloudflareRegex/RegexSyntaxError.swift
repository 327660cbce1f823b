/// A located error in the pattern of a `matches` regex: a construct Cloudflare's regex engine
/// (the Rust `regex` crate dialect) rejects, or one that PCRE habits would read differently.
///
/// The identifiers `E0650`…`E0669` are documented in `docs/diagnostics-regex.md`.
public struct RegexSyntaxError: Error, Sendable, Equatable {
    /// Stable diagnostic identifier, `E0650`…`E0669`.
    public let id: String
    /// One-line description of the problem, e.g. "look-ahead is not supported by Cloudflare's regex engine".
    public let message: String
    /// Byte offset inside the pattern text where the offending construct starts.
    public let byteOffset: Int
    /// Length in bytes of the offending construct (at least 1 unless the pattern is empty).
    public let length: Int
    /// How to fix it, when there is a clear fix.
    public let help: String?

    /// Creates an error; `kind` supplies the identifier.
    init(_ kind: RegexErrorKind, _ message: String, at byteOffset: Int, length: Int, help: String? = nil) {
        self.id = kind.rawValue
        self.message = message
        self.byteOffset = byteOffset
        self.length = length
        self.help = help
    }

    /// Creates an error covering the pattern bytes `span`.
    init(_ kind: RegexErrorKind, _ message: String, span: Range<Int>, help: String? = nil) {
        self.init(kind, message, at: span.lowerBound, length: span.count, help: help)
    }
}

/// The diagnostic identifiers of the regex dialect checker, one per family of problems.
enum RegexErrorKind: String, Sendable {
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    case lookAround = "E0650"
    /// `\1`, `\k<n>`, `\g{1}`, `(?P=n)`.
    case backreference = "E0651"
    /// `a++`, `a*+`, `a?+`, `a{2}+`.
    case possessiveQuantifier = "E0652"
    /// `(?>…)`.
    case atomicGroup = "E0653"
    /// `\K`.
    case matchStartReset = "E0654"
    /// `(?R)`, `(?1)`, `(?-1)`, `(?&n)`, `(?P>n)`.
    case recursion = "E0655"
    /// `(?C…)` callouts and `(*VERB)` control verbs.
    case calloutOrVerb = "E0656"
    /// `(?(cond)yes|no)`.
    case conditional = "E0657"
    /// `a{,3}`.
    case missingRepetitionMinimum = "E0658"
    /// `\Q…\E`.
    case quotedSequence = "E0659"
    /// Other PCRE-only syntax: `\Z`, `\G`, `\h`, `\R`, `(?#…)`, `(?|…)`, `(?'n'…)`, …
    case pcreOnlySyntax = "E0660"
    /// Unclosed `(` or unopened `)`.
    case unbalancedParenthesis = "E0661"
    /// Unclosed `[`, reversed range, range bound that is not a single character.
    case characterClass = "E0662"
    /// Nothing to repeat, reversed or malformed counts.
    case repetition = "E0663"
    /// Unknown or malformed escape sequence, or pattern text that is not UTF-8.
    case escape = "E0664"
    /// Compiled program or nesting too large.
    case sizeLimit = "E0665"
    /// `\p{…}` or a non-ASCII class member outside Unicode mode.
    case unicodeNotEnabled = "E0666"
    /// Unknown or unsupported Unicode property.
    case unicodeProperty = "E0667"
    /// Unknown, repeated or dangling flags, `(?)`.
    case flags = "E0668"
    /// Empty, malformed or duplicate capture group names.
    case groupName = "E0669"
}
