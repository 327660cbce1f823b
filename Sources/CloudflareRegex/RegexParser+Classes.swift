/// Bracketed classes `[...]`: nesting, ranges, `[:name:]` ASCII classes and the `&&`, `--`, `~~` set operators.
extension RegexParser {
    /// Parses a bracketed class; the parser stands on `[`.
    mutating func parseBracketed(depth: Int) throws(RegexSyntaxError) -> BracketedClass {
        let start = position
        try Self.checkDepth(depth, at: start)
        func unclosed() -> RegexSyntaxError {
            RegexSyntaxError(
                .characterClass, "unclosed character class", at: start, length: 1,
                help: "add the missing `]`, or escape the bracket as `\\[`")
        }
        advance()
        skipWhitespace()
        if atEnd { throw unclosed() }
        var negated = false
        if isAt("^") {
            negated = true
            advance()
            skipWhitespace()
            if atEnd { throw unclosed() }
        }
        var union: [ClassSetItem] = []
        while isAt("-") {
            union.append(.literal(RegexLiteral(scalar: "-", isByteEscape: false, span: position..<(position + 1))))
            advance()
            skipWhitespace()
            if atEnd { throw unclosed() }
        }
        if union.isEmpty && isAt("]") {
            union.append(.literal(RegexLiteral(scalar: "]", isByteEscape: false, span: position..<(position + 1))))
            advance()
            skipWhitespace()
            if atEnd { throw unclosed() }
        }
        var left: ClassSetExpression?
        var pending: ClassSetOperator?
        func combined(_ right: ClassSetExpression) -> ClassSetExpression {
            if let pending, let left { return .binary(pending, left, right) }
            return right
        }
        while true {
            skipWhitespace()
            if atEnd { throw unclosed() }
            if isAt("[") {
                if let ascii = parseAsciiClass() {
                    union.append(ascii)
                } else {
                    union.append(.bracketed(try parseBracketed(depth: depth + 1)))
                }
                continue
            }
            if isAt("]") {
                advance()
                return BracketedClass(negated: negated, set: combined(.union(union)), span: start..<position)
            }
            let op: ClassSetOperator? =
                hasPrefix("&&")
                ? .intersection
                : hasPrefix("--")
                    ? .difference
                    : hasPrefix("~~") ? .symmetricDifference : nil
            if let op {
                position += 2
                left = combined(.union(union))
                pending = op
                union = []
                continue
            }
            union.append(try parseClassRange(unclosed: unclosed))
        }
    }

    /// One class member: a character, a range `a-z`, or an escape such as `\d`/`\pL`.
    private mutating func parseClassRange(unclosed: () -> RegexSyntaxError) throws(RegexSyntaxError) -> ClassSetItem {
        let first = try parseClassPrimitive()
        skipWhitespace()
        if atEnd { throw unclosed() }
        let next = peekSkippingWhitespace()
        guard isAt("-"), next != "]", next != "-" else { return try classItem(first) }
        advance()
        skipWhitespace()
        if atEnd { throw unclosed() }
        let second = try parseClassPrimitive()
        guard case let .literal(low) = first else { throw Self.rangeBoundError(first) }
        guard case let .literal(high) = second else { throw Self.rangeBoundError(second) }
        if low.scalar.value > high.scalar.value {
            throw RegexSyntaxError(
                .characterClass, "invalid class range: the start is after the end",
                span: low.span.lowerBound..<high.span.upperBound,
                help: "write the range in ascending order")
        }
        return .range(low, high)
    }

    private static func rangeBoundError(_ primitive: EscapePrimitive) -> RegexSyntaxError {
        RegexSyntaxError(
            .characterClass, "a class range must start and end with a single character", span: primitive.span,
            help: "put the class outside the range, e.g. `[a-z\\d]`")
    }

    private mutating func parseClassPrimitive() throws(RegexSyntaxError) -> EscapePrimitive {
        if isAt("\\") { return try parseEscape() }
        let start = position
        let c = current
        advance()
        return .literal(RegexLiteral(scalar: c, isByteEscape: false, span: start..<position))
    }

    private func classItem(_ primitive: EscapePrimitive) throws(RegexSyntaxError) -> ClassSetItem {
        switch primitive {
        case let .literal(literal): return .literal(literal)
        case let .perl(kind, negated, span): return .perl(kind, negated: negated, span: span)
        case let .unicode(query): return .unicode(query)
        case let .assertion(kind, span):
            let help =
                kind == .wordBoundary
                ? "`\\b` is not a backspace inside a class in this dialect; write `\\x08`"
                : "move the assertion outside the class"
            throw RegexSyntaxError(
                .characterClass, "assertions are not allowed inside a character class", span: span, help: help)
        }
    }

    /// `[:alpha:]`, `[:^digit:]` inside a class; nil (without moving) when the text is not one.
    private mutating func parseAsciiClass() -> ClassSetItem? {
        var i = position + 1
        guard i < text.count, text[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        var negated = false
        if i < text.count, text[i] == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        let nameStart = i
        while i < text.count, text[i] != UInt8(ascii: ":") { i += 1 }
        guard i + 1 < text.count, text[i + 1] == UInt8(ascii: "]") else { return nil }
        guard let kind = AsciiClass(rawValue: String(decoding: text[nameStart..<i], as: UTF8.self)) else { return nil }
        position = i + 2
        return .ascii(kind, negated: negated)
    }
}

extension RegexParser.EscapePrimitive {
    /// Where the escape is written.
    var span: Range<Int> {
        switch self {
        case let .literal(literal): return literal.span
        case let .assertion(_, span), let .perl(_, _, span): return span
        case let .unicode(query): return query.span
        }
    }
}
