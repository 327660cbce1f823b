/// Groups, flag groups and quantifiers, including the PCRE-only group forms the dialect rejects.
extension RegexParser {
    /// Parses `(` … `)` or a flag group `(?flags)`; the parser stands on `(`.
    mutating func parseGroup(depth: Int) throws(RegexSyntaxError) -> PendingItem {
        let open = position
        try Self.checkDepth(depth + 1, at: open)
        advance()
        skipWhitespace()
        try rejectPCREOnlyGroup(open: open)

        if hasPrefix("?P<") || hasPrefix("?<") {
            position += hasPrefix("?P<") ? 3 : 2
            try parseCaptureName()
            return try parseGroupBody(open: open, flags: nil, depth: depth)
        }
        if hasPrefix("?") {
            advance()
            let change = try parseFlags(open: open)
            if isAt(")") {
                advance()
                if change.enable.contains(.ignoreWhitespace) { ignoreWhitespace = true }
                if change.disable.contains(.ignoreWhitespace) { ignoreWhitespace = false }
                return PendingItem(node: .setFlags(change), start: open, depth: depth)
            }
            advance()  // ':'
            return try parseGroupBody(open: open, flags: change, depth: depth)
        }
        return try parseGroupBody(open: open, flags: nil, depth: depth)
    }

    /// Parses the inside of a group up to its `)`, with `(?x)` scoped to the group.
    private mutating func parseGroupBody(open: Int, flags: RegexFlagChange?, depth: Int) throws(RegexSyntaxError)
        -> PendingItem
    {
        let outerIgnoreWhitespace = ignoreWhitespace
        if let flags {
            ignoreWhitespace = flags.applied(to: ignoreWhitespace ? .ignoreWhitespace : []).contains(.ignoreWhitespace)
        }
        let inner = try parseAlternation(depth: depth + 1)
        guard isAt(")") else {
            throw RegexSyntaxError(
                .unbalancedParenthesis, "unclosed group", at: open, length: 1,
                help: "add the missing `)`, or escape the parenthesis as `\\(`")
        }
        advance()
        ignoreWhitespace = outerIgnoreWhitespace
        return PendingItem(node: .group(flags: flags, inner.node), start: open, depth: inner.depth)
    }

    /// Recognises the group syntaxes of PCRE that Cloudflare's engine rejects; the parser stands after `(`.
    private mutating func rejectPCREOnlyGroup(open: Int) throws(RegexSyntaxError) {
        func through(_ length: Int) -> Range<Int> { open..<min(text.count, position + length) }
        let untilClose = open..<endOfSpan(through: UInt8(ascii: ")"), from: position)

        if hasPrefix("?=") || hasPrefix("?!") {
            throw RegexSyntaxError(
                .lookAround, "look-ahead is not supported by Cloudflare's regex engine", span: through(2),
                help:
                    "match the following text as part of the pattern, or split the rule into two conditions joined "
                    + "with `and`/`and not`"
            )
        }
        if hasPrefix("?<=") || hasPrefix("?<!") {
            throw RegexSyntaxError(
                .lookAround, "look-behind is not supported by Cloudflare's regex engine", span: through(3),
                help:
                    "match the preceding text as part of the pattern, or split the rule into two conditions joined "
                    + "with `and`/`and not`"
            )
        }
        if hasPrefix("*") {
            let name = String(
                decoding: text[(position + 1)..<untilClose.upperBound].prefix {
                    $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: ")")
                }, as: UTF8.self)
            let lookNames: Set<String> = [
                "pla", "plb", "nla", "nlb", "positive_lookahead", "positive_lookbehind",
                "negative_lookahead", "negative_lookbehind",
            ]
            if lookNames.contains(name.lowercased()) {
                throw RegexSyntaxError(
                    .lookAround, "look-around is not supported by Cloudflare's regex engine", span: untilClose)
            }
            if let first = name.unicodeScalars.first, first.properties.isAlphabetic {
                throw RegexSyntaxError(
                    .calloutOrVerb, "PCRE control verbs `(*…)` are not supported by Cloudflare's regex engine",
                    span: untilClose, help: "remove the verb; matching is always linear-time here")
            }
            return  // `(*` alone: reported as a repetition with nothing to repeat.
        }
        if hasPrefix("?>") {
            throw RegexSyntaxError(
                .atomicGroup, "atomic groups are not supported by Cloudflare's regex engine", span: through(2),
                help: "use a non-capturing group `(?:…)`; the engine never backtracks, so atomicity is not needed")
        }
        if hasPrefix("?R)") {
            throw RegexSyntaxError(
                .recursion, "`(?R)` is read as PCRE recursion, which Cloudflare's regex engine does not support",
                span: through(3),
                help:
                    "in this dialect `R` is the CRLF flag; to enable it write it with another flag or as a group, e.g. "
                    + "`(?R:…)`"
            )
        }
        if isRecursionCall() {
            throw RegexSyntaxError(
                .recursion, "recursion and subroutine calls are not supported by Cloudflare's regex engine",
                span: untilClose, help: "write the sub-pattern out again instead of calling it")
        }
        if hasPrefix("?C") {
            throw RegexSyntaxError(
                .calloutOrVerb, "callouts are not supported by Cloudflare's regex engine", span: untilClose)
        }
        if hasPrefix("?(") {
            throw RegexSyntaxError(
                .conditional, "conditional groups are not supported by Cloudflare's regex engine", span: through(2),
                help: "use an alternation `(?:a|b)`, or split the rule into separate conditions")
        }
        if hasPrefix("?P=") {
            throw RegexSyntaxError(
                .backreference, "backreferences are not supported by Cloudflare's regex engine", span: untilClose)
        }
        if hasPrefix("?'") {
            throw RegexSyntaxError(
                .pcreOnlySyntax, "`(?'name'…)` is PCRE syntax", span: through(2),
                help: "write a named group as `(?<name>…)` or `(?P<name>…)`")
        }
        if hasPrefix("?#") {
            throw RegexSyntaxError(
                .pcreOnlySyntax, "`(?#…)` comments are PCRE syntax", span: untilClose,
                help: "remove the comment, or use `(?x)` mode where `#` starts a comment")
        }
        if hasPrefix("?|") {
            throw RegexSyntaxError(
                .pcreOnlySyntax, "branch-reset groups `(?|…)` are PCRE syntax", span: through(2),
                help: "use a non-capturing group `(?:…)`; captures do not matter for `matches`")
        }
        if hasPrefix("?^") {
            throw RegexSyntaxError(
                .pcreOnlySyntax, "`(?^…)` flag reset is PCRE syntax", span: through(2),
                help: "turn flags off explicitly, e.g. `(?-i)`")
        }
    }

    /// `(?1)`, `(?+1)`, `(?-1)`, `(?0)`, `(?&name)`, `(?P>name)`; the parser stands after `(`.
    private func isRecursionCall() -> Bool {
        if hasPrefix("?&") || hasPrefix("?P>") { return true }
        guard hasPrefix("?"), position + 1 < text.count else { return false }
        var i = position + 1
        if text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
        return i < text.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[i])
    }

    /// Parses a capture name after `(?<` or `(?P<` through the closing `>`.
    private mutating func parseCaptureName() throws(RegexSyntaxError) {
        let start = position
        while !atEnd, !isAt(">") {
            let c = current
            let first = position == start
            let valid =
                c == "_"
                || (first
                    ? c.properties.isAlphabetic
                    : c == "." || c == "[" || c == "]" || c.properties.isAlphabetic || c.properties.numericType != nil)
            if !valid {
                throw RegexSyntaxError(
                    .groupName, "invalid character in capture group name", at: position,
                    length: scalar(at: position).length,
                    help: "names start with a letter or `_` and continue with letters, digits, `_`, `.`, `[` or `]`")
            }
            advance()
        }
        if atEnd {
            throw RegexSyntaxError(
                .groupName, "unclosed capture group name", span: start..<position, help: "end the name with `>`")
        }
        if position == start {
            throw RegexSyntaxError(
                .groupName, "empty capture group name", at: start, length: 1, help: "name the group, or use `(?:…)`")
        }
        let name = String(decoding: text[start..<position], as: UTF8.self)
        if !captureNames.insert(name).inserted {
            throw RegexSyntaxError(
                .groupName, "duplicate capture group name `\(name)`", span: start..<position,
                help: "each group name may be used once")
        }
        advance()  // '>'
    }

    /// Parses flags after `(?` up to (not including) `:` or `)`.
    private mutating func parseFlags(open: Int) throws(RegexSyntaxError) -> RegexFlagChange {
        var change = RegexFlagChange(enable: [], disable: [])
        var negationAt: Int?
        var lastWasNegation = false
        var sawAnything = false
        while true {
            if atEnd {
                throw RegexSyntaxError(
                    .unbalancedParenthesis, "unclosed group", at: open, length: 1,
                    help: "close the flag group with `)` or `:…)`")
            }
            if isAt(":") || isAt(")") { break }
            sawAnything = true
            if isAt("-") {
                if negationAt != nil {
                    throw RegexSyntaxError(
                        .flags, "flag negation `-` repeated", at: position, length: 1,
                        help: "write all negated flags after one `-`, e.g. `(?i-sm)`")
                }
                negationAt = position
                lastWasNegation = true
                advance()
                continue
            }
            lastWasNegation = false
            let c = current
            guard let flag = Self.flag(for: c) else {
                throw RegexSyntaxError(
                    .flags, "unknown flag `\(c)`", at: position, length: scalar(at: position).length,
                    help:
                        "the flags are i (case-insensitive), m (multi-line), s (dot matches \\n), U (swap greed), u "
                        + "(Unicode), R (CRLF), x (verbose)"
                )
            }
            if change.enable.contains(flag) || change.disable.contains(flag) {
                throw RegexSyntaxError(
                    .flags, "duplicate flag `\(c)`", at: position, length: 1, help: "write each flag once")
            }
            if negationAt == nil { change.enable.insert(flag) } else { change.disable.insert(flag) }
            advance()
        }
        if lastWasNegation, let negationAt {
            throw RegexSyntaxError(
                .flags, "dangling flag negation `-`", at: negationAt, length: 1,
                help: "name the flags to turn off after `-`, or remove it")
        }
        if !sawAnything && isAt(")") {
            throw RegexSyntaxError(
                .flags, "empty flag group `(?)`", span: open..<(position + 1), help: "remove it, or name a flag")
        }
        return change
    }

    private static func flag(for c: Unicode.Scalar) -> RegexFlags? {
        switch c {
        case "i": return .caseInsensitive
        case "m": return .multiLine
        case "s": return .dotMatchesNewLine
        case "U": return .swapGreed
        case "u": return .unicode
        case "R": return .crlf
        case "x": return .ignoreWhitespace
        default: return nil
        }
    }

    // MARK: Quantifiers

    /// Applies `?`, `*` or `+` (with an optional lazy `?`) to the last item.
    mutating func applyUncountedRepetition(to items: inout [PendingItem]) throws(RegexSyntaxError) {
        let opStart = position
        let op = current
        guard let last = items.last, !last.node.isSetFlags else {
            throw RegexSyntaxError(
                .repetition, "repetition operator `\(op)` has nothing to repeat", at: opStart, length: 1,
                help: "escape it as `\\\(op)` to match it literally")
        }
        advance()
        if isAt("?") {
            advance()
        } else if isAt("+") {
            throw RegexSyntaxError(
                .possessiveQuantifier, "possessive quantifiers are not supported by Cloudflare's regex engine",
                span: opStart..<(position + 1),
                help:
                    "Cloudflare would read `\(op)+` as a repetition of a repetition, not as possessive; write `\(op)` "
                    + "alone"
            )
        }
        let (min, max): (UInt32, UInt32?) = op == "?" ? (0, 1) : op == "*" ? (0, nil) : (1, nil)
        try replaceLast(in: &items, min: min, max: max, end: position)
    }

    /// Applies `{n}`, `{n,}` or `{n,m}` (with an optional lazy `?`) to the last item.
    mutating func applyCountedRepetition(to items: inout [PendingItem]) throws(RegexSyntaxError) {
        let open = position
        guard let last = items.last, !last.node.isSetFlags else {
            throw RegexSyntaxError(
                .repetition, "counted repetition `{` has nothing to repeat", at: open, length: 1,
                help: "escape it as `\\{` to match a literal brace")
        }
        func unclosed(_ parser: RegexParser) -> RegexSyntaxError {
            RegexSyntaxError(
                .repetition, "malformed counted repetition", span: open..<max(open + 1, parser.position),
                help:
                    "`{` always starts a counted repetition `{n}`, `{n,}` or `{n,m}` in this dialect; escape it as "
                    + "`\\{` to match a literal brace"
            )
        }
        advance()
        skipWhitespace()
        if atEnd { throw unclosed(self) }
        let minimum = try parseDecimal()
        if atEnd { throw unclosed(self) }
        var maximum: UInt32?
        if isAt(",") {
            advance()
            skipWhitespace()
            if atEnd { throw unclosed(self) }
            if !isAt("}") {
                guard minimum != nil else {
                    let end = endOfSpan(through: UInt8(ascii: "}"), from: position)
                    throw RegexSyntaxError(
                        .missingRepetitionMinimum,
                        "counted repetition `{,n}` needs a minimum in Cloudflare's regex engine",
                        span: open..<end, help: "write the minimum explicitly, e.g. `{0,n}`")
                }
                guard let upper = try parseDecimal() else { throw unclosed(self) }
                maximum = upper
            } else {
                guard minimum != nil else { throw unclosed(self) }
            }
        } else {
            guard minimum != nil else { throw unclosed(self) }
            maximum = minimum
        }
        guard isAt("}"), let minimum else { throw unclosed(self) }
        advance()
        let closeEnd = position
        skipWhitespace()
        if isAt("?") {
            advance()
        } else if isAt("+") {
            throw RegexSyntaxError(
                .possessiveQuantifier, "possessive quantifiers are not supported by Cloudflare's regex engine",
                span: open..<(position + 1), help: "remove the trailing `+`")
        } else {
            position = closeEnd
        }
        if let maximum, maximum < minimum {
            throw RegexSyntaxError(
                .repetition, "invalid counted repetition: the minimum is larger than the maximum",
                span: open..<closeEnd, help: "write `{\(maximum),\(minimum)}`")
        }
        try replaceLast(in: &items, min: minimum, max: maximum, end: position)
    }

    private func replaceLast(in items: inout [PendingItem], min: UInt32, max: UInt32?, end: Int)
        throws(RegexSyntaxError)
    {
        guard var last = items.popLast() else { return }
        last.depth += 1
        try Self.checkDepth(last.depth, at: last.start)
        last.node = .repetition(min: min, max: max, last.node, span: last.start..<end)
        items.append(last)
    }

    /// Parses decimal digits (surrounding whitespace allowed, as in Rust); nil when there are none.
    private mutating func parseDecimal() throws(RegexSyntaxError) -> UInt32? {
        while !atEnd, current.properties.isWhitespace { advance() }
        let start = position
        var value: UInt64 = 0
        var digits = 0
        while !atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[position]) {
            value = value * 10 + UInt64(text[position] - UInt8(ascii: "0"))
            digits += 1
            if value > UInt64(UInt32.max) {
                throw RegexSyntaxError(
                    .repetition, "repetition count is too large", at: start, length: max(1, position - start + 1),
                    help: "counts must be at most \(UInt32.max)")
            }
            advance()
            skipWhitespace()
        }
        while !atEnd, current.properties.isWhitespace { advance(); skipWhitespace() }
        return digits == 0 ? nil : UInt32(value)
    }
}

extension RegexSyntax {
    /// True for a bare flag group `(?i)`, which cannot be repeated.
    var isSetFlags: Bool {
        if case .setFlags = self { return true }
        return false
    }
}
