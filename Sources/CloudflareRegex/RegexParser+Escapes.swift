/// Escape sequences: literals, Perl classes, Unicode classes, assertions, and the PCRE-only escapes the dialect
/// rejects.
extension RegexParser {
    /// What an escape sequence denotes.
    enum EscapePrimitive {
        case literal(RegexLiteral)
        case assertion(RegexAssertion, span: Range<Int>)
        case perl(PerlClass, negated: Bool, span: Range<Int>)
        case unicode(UnicodeClassQuery)
    }

    /// Parses an escape; the parser stands on `\`.
    mutating func parseEscape() throws(RegexSyntaxError) -> EscapePrimitive {
        let start = position
        advance()
        if atEnd {
            throw RegexSyntaxError(
                .escape, "incomplete escape sequence at the end of the pattern", span: start..<position,
                help: "write `\\\\` to match a backslash")
        }
        let c = current
        switch c {
        case "0"..."9":
            throw RegexSyntaxError(
                .backreference, "backreferences are not supported by Cloudflare's regex engine",
                span: start..<(position + 1),
                help: c == "0"
                    ? "write `\\x00` to match a NUL byte" : "octal escapes are not supported either; write `\\xHH`")
        case "x", "u", "U":
            return .literal(try parseHexEscape(start: start))
        case "p", "P":
            return .unicode(try parseUnicodeClass(start: start))
        case "d", "s", "w", "D", "S", "W":
            advance()
            let kind: PerlClass = c == "d" || c == "D" ? .digit : c == "s" || c == "S" ? .space : .word
            return .perl(kind, negated: c == "D" || c == "S" || c == "W", span: start..<position)
        default:
            break
        }
        advance()
        let span = start..<position
        if c.isASCII, !c.properties.isAlphabetic, !("0"..."9").contains(c), c != "<", c != ">" {
            return .literal(RegexLiteral(scalar: c, isByteEscape: false, span: span))
        }
        func special(_ value: UInt8) -> EscapePrimitive {
            .literal(RegexLiteral(scalar: Unicode.Scalar(value), isByteEscape: false, span: span))
        }
        switch c {
        case "a": return special(0x07)
        case "f": return special(0x0C)
        case "t": return special(0x09)
        case "n": return special(0x0A)
        case "r": return special(0x0D)
        case "v": return special(0x0B)
        case "A": return .assertion(.startText, span: span)
        case "z": return .assertion(.endText, span: span)
        case "B": return .assertion(.notWordBoundary, span: span)
        case "<": return .assertion(.wordStart, span: span)
        case ">": return .assertion(.wordEnd, span: span)
        case "b":
            if isAt("{"), let kind = try parseSpecialWordBoundary(start: start) {
                return .assertion(kind, span: start..<position)
            }
            return .assertion(.wordBoundary, span: span)
        default:
            throw Self.unsupportedEscape(c, span: span, pattern: text)
        }
    }

    /// The error for an escape letter the dialect does not define, naming PCRE's meaning where there is one.
    private static func unsupportedEscape(_ c: Unicode.Scalar, span: Range<Int>, pattern: [UInt8]) -> RegexSyntaxError {
        switch c {
        case "K":
            return RegexSyntaxError(
                .matchStartReset, "`\\K` (reset match start) is not supported by Cloudflare's regex engine", span: span,
                help: "remove it; `matches` only tests whether the pattern occurs")
        case "Q", "E":
            var end = span.upperBound
            if c == "Q" {
                end = pattern.count
                var i = span.upperBound
                while i + 1 < pattern.count {
                    if pattern[i] == UInt8(ascii: "\\") && pattern[i + 1] == UInt8(ascii: "E") { end = i + 2; break }
                    i += 1
                }
            }
            return RegexSyntaxError(
                .quotedSequence, "`\\Q…\\E` quoting is not supported by Cloudflare's regex engine",
                span: span.lowerBound..<end, help: "escape each metacharacter with `\\` instead")
        case "k", "g":
            return RegexSyntaxError(
                .backreference, "backreferences are not supported by Cloudflare's regex engine",
                span: span.lowerBound..<referenceEnd(after: span.upperBound, in: pattern))
        case "Z":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\Z` is PCRE syntax", span: span,
                help: "`$` and `\\z` match only at the very end here; write `\\n?\\z` for PCRE's `\\Z`")
        case "G":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\G` is PCRE syntax", span: span, help: "use `\\A` or `^` to anchor at the start")
        case "h":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\h` is PCRE syntax", span: span, help: "write `[\\t ]` (or `[[:blank:]]`)")
        case "H":
            return RegexSyntaxError(.pcreOnlySyntax, "`\\H` is PCRE syntax", span: span, help: "write `[^\\t ]`")
        case "R":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\R` is PCRE syntax", span: span, help: "write `(?:\\r\\n|[\\n\\x0B\\x0C\\r])`")
        case "N":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\N` is PCRE syntax", span: span,
                help: "write `.` (it does not match `\\n` unless `(?s)`)")
        case "X", "C":
            return RegexSyntaxError(.pcreOnlySyntax, "`\\\(c)` is PCRE syntax and is not supported", span: span)
        case "e":
            return RegexSyntaxError(.pcreOnlySyntax, "`\\e` is PCRE syntax", span: span, help: "write `\\x1B`")
        case "c":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\cX` control escapes are PCRE syntax", span: span,
                help: "write the control byte as `\\xHH`")
        case "o":
            return RegexSyntaxError(
                .pcreOnlySyntax, "`\\o{…}` octal escapes are PCRE syntax", span: span,
                help: "write `\\x{…}` in hexadecimal")
        default:
            return RegexSyntaxError(
                .escape, "unrecognized escape sequence `\\\(c)`", span: span,
                help:
                    "letters and digits cannot be escaped; write the character without `\\`, or see the dialect's "
                    + "escapes"
            )
        }
    }

    /// The end of a backreference's name or number after `\k`/`\g`: `<name>`, `{name}`, `'name'` or digits.
    private static func referenceEnd(after start: Int, in pattern: [UInt8]) -> Int {
        guard start < pattern.count else { return start }
        let closers: [UInt8: UInt8] = [
            UInt8(ascii: "<"): UInt8(ascii: ">"), UInt8(ascii: "{"): UInt8(ascii: "}"),
            UInt8(ascii: "'"): UInt8(ascii: "'"),
        ]
        if let closer = closers[pattern[start]] {
            var i = start + 1
            while i < pattern.count, pattern[i] != closer { i += 1 }
            return min(i + 1, pattern.count)
        }
        var i = start
        if pattern[i] == UInt8(ascii: "-") || pattern[i] == UInt8(ascii: "+") { i += 1 }
        while i < pattern.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(pattern[i]) { i += 1 }
        return i
    }

    /// `\xHH`, `\x{…}`, `\uHHHH`, `\u{…}`, `\UHHHHHHHH`, `\U{…}`; the parser stands on the letter.
    private mutating func parseHexEscape(start: Int) throws(RegexSyntaxError) -> RegexLiteral {
        let letter = current
        let digitsWanted = letter == "x" ? 2 : letter == "u" ? 4 : 8
        advance()
        skipWhitespace()
        if atEnd {
            throw RegexSyntaxError(
                .escape, "incomplete escape sequence at the end of the pattern", span: start..<position)
        }
        var digits = ""
        var isByteEscape = false
        if isAt("{") {
            let brace = position
            advance()
            skipWhitespace()
            while !atEnd, !isAt("}") {
                guard current.properties.isASCIIHexDigit else {
                    throw RegexSyntaxError(
                        .escape, "invalid hexadecimal digit", at: position, length: scalar(at: position).length)
                }
                digits.unicodeScalars.append(current)
                advance()
                skipWhitespace()
            }
            if atEnd {
                throw RegexSyntaxError(
                    .escape, "unclosed hexadecimal escape", span: brace..<position, help: "end it with `}`")
            }
            advance()
            if digits.isEmpty {
                throw RegexSyntaxError(.escape, "empty hexadecimal escape", span: start..<position)
            }
        } else {
            for index in 0..<digitsWanted {
                if index > 0 {
                    skipWhitespace()
                    if atEnd {
                        throw RegexSyntaxError(
                            .escape, "incomplete escape sequence at the end of the pattern", span: start..<position,
                            help: "`\\\(letter)` takes exactly \(digitsWanted) hexadecimal digits, or braces")
                    }
                }
                guard current.properties.isASCIIHexDigit else {
                    throw RegexSyntaxError(
                        .escape, "invalid hexadecimal digit", at: position, length: scalar(at: position).length,
                        help: "`\\\(letter)` takes exactly \(digitsWanted) hexadecimal digits, or braces")
                }
                digits.unicodeScalars.append(current)
                advance()
            }
            skipWhitespace()
            isByteEscape = letter == "x"
        }
        guard digits.count <= 8, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw RegexSyntaxError(
                .escape, "escape is not a Unicode scalar value", span: start..<position,
                help: "values must be at most 10FFFF and not a surrogate (D800–DFFF)")
        }
        return RegexLiteral(scalar: scalar, isByteEscape: isByteEscape, span: start..<position)
    }

    /// `\pL`, `\p{Name}`, `\p{name=value}`, `\P…`; the parser stands on `p`/`P`.
    private mutating func parseUnicodeClass(start: Int) throws(RegexSyntaxError) -> UnicodeClassQuery {
        let negated = current == "P"
        advance()
        skipWhitespace()
        if atEnd {
            throw RegexSyntaxError(
                .escape, "incomplete escape sequence at the end of the pattern", span: start..<position)
        }
        if isAt("{") {
            advance()
            var name = ""
            skipWhitespace()
            while !atEnd, !isAt("}") {
                name.unicodeScalars.append(current)
                advance()
                skipWhitespace()
            }
            if atEnd {
                throw RegexSyntaxError(
                    .escape, "unclosed Unicode class `\\p{`", span: start..<position, help: "end it with `}`")
            }
            advance()
            let span = start..<position
            for (separator, notEqual) in [("!=", true), (":", false), ("=", false)] {
                if let (property, value) = Self.split(name, at: separator) {
                    let query = UnicodeClassQuery.Kind.namedValue(name: property, value: value, notEqual: notEqual)
                    return UnicodeClassQuery(kind: query, negated: negated != notEqual, span: span)
                }
            }
            return UnicodeClassQuery(kind: .named(name), negated: negated, span: span)
        }
        if isAt("\\") {
            throw RegexSyntaxError(
                .unicodeProperty, "invalid Unicode class", at: position, length: 1,
                help: "write a one-letter class like `\\pL` or a braced name like `\\p{Greek}`")
        }
        let letter = current
        advance()
        skipWhitespace()
        return UnicodeClassQuery(kind: .oneLetter(letter), negated: negated, span: start..<position)
    }

    /// `\b{start}`, `\b{end}`, `\b{start-half}`, `\b{end-half}`; returns nil (without moving) when the brace starts a
    /// counted repetition such as `\b{2}`.
    private mutating func parseSpecialWordBoundary(start: Int) throws(RegexSyntaxError) -> RegexAssertion? {
        let brace = position
        advance()
        skipWhitespace()
        if atEnd {
            throw RegexSyntaxError(
                .escape, "unclosed `\\b{`", span: start..<position,
                help: "write `\\b{start}`, `\\b{end}`, `\\b{start-half}` or `\\b{end-half}`, or a count like `\\b{2}`")
        }
        func isNameCharacter(_ c: Unicode.Scalar) -> Bool { c == "-" || (c.isASCII && c.properties.isAlphabetic) }
        guard isNameCharacter(current) else {
            position = brace
            return nil
        }
        let contentStart = position
        var name = ""
        while !atEnd, isNameCharacter(current) {
            name.unicodeScalars.append(current)
            advance()
            skipWhitespace()
        }
        guard isAt("}") else {
            throw RegexSyntaxError(
                .escape, "special word boundary is unclosed or contains an invalid character", span: brace..<position)
        }
        let contentEnd = position
        advance()
        switch name {
        case "start": return .wordStart
        case "end": return .wordEnd
        case "start-half": return .wordStartHalf
        case "end-half": return .wordEndHalf
        default:
            throw RegexSyntaxError(
                .escape, "unrecognized special word boundary `\(name)`", span: contentStart..<contentEnd,
                help: "valid choices are start, end, start-half and end-half")
        }
    }

    /// Splits `text` at the first occurrence of `separator`.
    private static func split(_ text: String, at separator: String) -> (String, String)? {
        let bytes = Array(text.utf8)
        let sep = Array(separator.utf8)
        guard bytes.count >= sep.count else { return nil }
        for i in 0...(bytes.count - sep.count) where bytes[i..<(i + sep.count)].elementsEqual(sep) {
            return (
                String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + sep.count)...], as: UTF8.self)
            )
        }
        return nil
    }
}
