import EdgeWire

/// Parses a Rust-dialect regex (the syntax of Cloudflare's `matches`) into `RegexSyntax`, with byte-located errors.
///
/// The grammar follows the Rust `regex-syntax` parser: `{` always starts a counted repetition, flags are
/// `imsUuRx`, `(?x)` whitespace/comment skipping, `\<`/`\>`/`\b{start}` word boundaries, nested classes with
/// `&&`/`--`/`~~`. PCRE-only constructs are recognised on purpose so the error can name them.
struct RegexParser {
    /// Maximum nesting of groups, classes and repetitions (the Rust parser's default limit).
    static let nestLimit = 250

    let text: [UInt8]
    var position = 0
    var ignoreWhitespace = false
    var captureNames: Set<String> = []

    /// Parses `pattern`; the whole pattern must be consumed.
    static func parse(_ pattern: [UInt8]) throws(RegexSyntaxError) -> RegexSyntax {
        if let bad = UTF8Validation.firstInvalidOffset(pattern) {
            throw RegexSyntaxError(
                .escape, "pattern is not valid UTF-8", at: bad, length: 1,
                help: "write non-UTF-8 bytes as `\\xHH` escapes")
        }
        var parser = RegexParser(text: pattern)
        let node = try parser.parseAlternation(depth: 0).node
        if !parser.atEnd {
            throw RegexSyntaxError(
                .unbalancedParenthesis, "unopened group: this `)` has no matching `(`",
                at: parser.position, length: 1, help: "escape it as `\\)` to match a literal parenthesis")
        }
        return node
    }

    // MARK: Text access

    var atEnd: Bool { position >= text.count }

    /// The scalar at `offset` and its encoded length; the pattern is valid UTF-8.
    func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        guard let decoded = UTF8Validation.decodeScalar(text, at: offset) else { return (Unicode.Scalar(0), 1) }
        return (Unicode.Scalar(decoded.value) ?? Unicode.Scalar(0), decoded.length)
    }

    /// The current scalar (only valid when not at the end).
    var current: Unicode.Scalar { scalar(at: position).scalar }

    /// True when the current character is the ASCII character `c`.
    func isAt(_ c: Unicode.Scalar) -> Bool {
        !atEnd && text[position] == UInt8(truncatingIfNeeded: c.value) && c.isASCII
    }

    /// True when the raw bytes at the current position start with `prefix`.
    func hasPrefix(_ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        guard position + bytes.count <= text.count else { return false }
        return text[position..<(position + bytes.count)].elementsEqual(bytes)
    }

    mutating func advance() {
        if !atEnd { position += scalar(at: position).length }
    }

    /// In `(?x)` mode, skips whitespace and `#` comments; otherwise does nothing.
    mutating func skipWhitespace() {
        guard ignoreWhitespace else { return }
        while !atEnd {
            let c = current
            if c.properties.isWhitespace {
                advance()
            } else if c == "#" {
                while !atEnd {
                    let wasNewline = current == "\n"
                    advance()
                    if wasNewline { break }
                }
            } else {
                return
            }
        }
    }

    /// The character after the current one, skipping `(?x)` whitespace and comments.
    func peekSkippingWhitespace() -> Unicode.Scalar? {
        var copy = self
        copy.advance()
        copy.skipWhitespace()
        return copy.atEnd ? nil : copy.current
    }

    /// Offset just past the next `ch` at or after `from`, or the end of the pattern.
    func endOfSpan(through ch: UInt8, from: Int) -> Int {
        var i = from
        while i < text.count {
            if text[i] == ch { return i + 1 }
            i += 1
        }
        return text.count
    }

    static func checkDepth(_ depth: Int, at offset: Int) throws(RegexSyntaxError) {
        if depth > nestLimit {
            throw RegexSyntaxError(
                .sizeLimit, "pattern nests groups, classes and repetitions more than \(nestLimit) deep",
                at: offset, length: 1, help: "flatten the pattern")
        }
    }

    // MARK: Alternation and concatenation

    /// Parses `a|b|…` up to an unmatched `)` or the end; returns the node and its nesting depth.
    mutating func parseAlternation(depth: Int) throws(RegexSyntaxError) -> (node: RegexSyntax, depth: Int) {
        var branches: [RegexSyntax] = []
        var deepest = depth
        while true {
            let branch = try parseConcat(depth: depth)
            branches.append(branch.node)
            deepest = max(deepest, branch.depth)
            if isAt("|") {
                advance()
                continue
            }
            break
        }
        return (branches.count == 1 ? branches[0] : .alternation(branches), deepest)
    }

    /// One item of a concatenation being built: the node, where its text starts, and its depth.
    struct PendingItem {
        var node: RegexSyntax
        var start: Int
        var depth: Int
    }

    mutating func parseConcat(depth: Int) throws(RegexSyntaxError) -> (node: RegexSyntax, depth: Int) {
        var items: [PendingItem] = []
        loop: while true {
            skipWhitespace()
            if atEnd { break }
            let start = position
            switch current {
            case "|", ")":
                break loop
            case "(":
                items.append(try parseGroup(depth: depth))
            case "[":
                let cls = try parseBracketed(depth: depth + 1)
                items.append(PendingItem(node: .bracketed(cls), start: start, depth: depth + 1))
            case "?", "*", "+":
                try applyUncountedRepetition(to: &items)
            case "{":
                try applyCountedRepetition(to: &items)
            default:
                items.append(PendingItem(node: try parsePrimitive(), start: start, depth: depth))
            }
        }
        let deepest = items.map(\.depth).max() ?? depth
        switch items.count {
        case 0: return (.empty, deepest)
        case 1: return (items[0].node, deepest)
        default: return (.concat(items.map(\.node)), deepest)
        }
    }

    mutating func parsePrimitive() throws(RegexSyntaxError) -> RegexSyntax {
        let start = position
        switch current {
        case "\\":
            switch try parseEscape() {
            case let .literal(literal): return .literal(literal)
            case let .assertion(kind, span): return .assertion(kind, span: span)
            case let .perl(kind, negated, span): return .perlClass(kind, negated: negated, span: span)
            case let .unicode(query): return .unicodeClass(query)
            }
        case ".":
            advance()
            return .dot(span: start..<position)
        case "^":
            advance()
            return .assertion(.startLine, span: start..<position)
        case "$":
            advance()
            return .assertion(.endLine, span: start..<position)
        default:
            let c = current
            advance()
            return .literal(RegexLiteral(scalar: c, isByteEscape: false, span: start..<position))
        }
    }
}
