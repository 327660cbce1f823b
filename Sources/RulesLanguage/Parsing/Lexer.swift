import EdgeWire

/// Scans tokens of the Rules language from the expression's UTF-8 bytes on demand; the parser asks for the token
/// kind the grammar and the left side's type expect (type-directed lexing, as in wirefilter).
///
/// Whitespace between tokens is space, `\r` and `\n`; a tab is an error (`docs/cloudflare-semantics.md`, "Expression
/// text"), except before the first and after the last token, which are trimmed.
struct Lexer {
    let bytes: [UInt8]
    private(set) var position: Int
    /// One past the last byte that is not leading/trailing whitespace.
    let end: Int

    /// The maximum number of `#` around a raw string.
    static let maximumRawHashes = 255

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var start = 0
        while start < bytes.count, Lexer.isTrimmable(bytes[start]) { start += 1 }
        var end = bytes.count
        while end > start, Lexer.isTrimmable(bytes[end - 1]) { end -= 1 }
        position = start
        self.end = end
    }

    private static func isTrimmable(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    var isAtEnd: Bool { position >= end }

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < end ? bytes[index] : nil
    }

    mutating func advance(_ count: Int = 1) { position = min(end, position + count) }

    mutating func move(to offset: Int) { position = offset }

    /// Whether the text at the current position starts with `literal`.
    func startsWith(_ literal: String) -> Bool {
        var index = position
        for byte in literal.utf8 {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// Consumes `literal` if the text starts with it.
    mutating func consume(_ literal: String) -> Bool {
        guard startsWith(literal) else { return false }
        advance(literal.utf8.count)
        return true
    }

    /// Skips spaces, `\r` and `\n`; a tab is an error with a fix-it to a space.
    mutating func skipWhitespace() throws {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D:
                position += 1
            case 0x09:
                throw SyntaxError(
                    RulesDiagnosticID.tabBetweenTokens, "tab characters are not allowed between tokens",
                    at: position..<(position + 1), help: "separate tokens with spaces",
                    fixIt: (position..<(position + 1), " "))
            default:
                return
            }
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
    }

    /// The run of `[A-Za-z0-9_]` at the current position, without consuming it.
    func peekWord() -> (text: String, range: Range<Int>)? {
        var index = position
        while index < end, Lexer.isWordByte(bytes[index]) { index += 1 }
        guard index > position else { return nil }
        return (String(decoding: bytes[position..<index], as: UTF8.self), position..<index)
    }

    /// A dotted identifier: segments of `[A-Za-z0-9_]+` joined by single dots.
    mutating func scanIdentifier() throws -> (name: String, range: Range<Int>) {
        let start = position
        while true {
            let segmentStart = position
            while position < end, Lexer.isWordByte(bytes[position]) { position += 1 }
            if position == segmentStart {
                throw SyntaxError(
                    RulesDiagnosticID.unexpectedCharacter,
                    position == start
                        ? "expected a field or function name" : "a name cannot end with `.` or contain `..`",
                    at: position..<min(end, position + 1))
            }
            guard position < end, bytes[position] == UInt8(ascii: ".") else { break }
            position += 1
        }
        return (String(decoding: bytes[start..<position], as: UTF8.self), start..<position)
    }

    /// Whether a string literal (quoted or raw) starts here.
    func atStringLiteral() -> Bool {
        guard let first = peek() else { return false }
        if first == UInt8(ascii: "\"") { return true }
        guard first == UInt8(ascii: "r"), let next = peek(1) else { return false }
        return next == UInt8(ascii: "\"") || next == UInt8(ascii: "#")
    }

    /// Scans a quoted or raw string. In regex mode (`matches` right side) quoted-string backslash sequences pass
    /// through to the regex engine, except `\"` outside a character class, which becomes `"`.
    mutating func scanString(regex: Bool) throws -> StringToken {
        if peek() == UInt8(ascii: "r") { return try scanRawString() }
        return regex ? try scanRegexString() : try scanQuotedString()
    }

    private mutating func scanQuotedString() throws -> StringToken {
        let start = position
        position += 1
        var value: [UInt8] = []
        var offsets: [Int] = []
        while true {
            guard position < end else { throw unterminatedString(from: start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return StringToken(bytes: value, sourceOffsets: offsets, range: start..<position)
            }
            if byte != UInt8(ascii: "\\") {
                value.append(byte)
                offsets.append(position)
                position += 1
                continue
            }
            let escapeStart = position
            guard position + 1 < end else {
                throw SyntaxError(RulesDiagnosticID.unterminatedString, "unterminated string literal", at: start..<end)
            }
            let next = bytes[position + 1]
            switch next {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                value.append(next)
                offsets.append(escapeStart)
                position += 2
            case UInt8(ascii: "x"):
                guard position + 3 < end, let high = ASCII.hexDigitValue(bytes[position + 2]),
                    let low = ASCII.hexDigitValue(bytes[position + 3])
                else {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidEscape, "`\\x` must be followed by exactly two hex digits",
                        at: escapeStart..<min(end, escapeStart + 4))
                }
                value.append(high << 4 | low)
                offsets.append(escapeStart)
                position += 4
            case 0x30...0x37:
                var code = 0
                var digits = 0
                while digits < 3, position + 1 + digits < end, (0x30...0x37).contains(bytes[position + 1 + digits]) {
                    code = code * 8 + Int(bytes[position + 1 + digits] - 0x30)
                    digits += 1
                }
                guard digits == 3, code <= 255 else {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidEscape,
                        "an octal escape needs exactly three octal digits with a value up to `\\377`",
                        at: escapeStart..<(position + 1 + digits))
                }
                value.append(UInt8(code))
                offsets.append(escapeStart)
                position += 4
            default:
                let width = Self.scalarWidth(next)
                let escape = String(decoding: bytes[(position)..<min(end, position + 1 + width)], as: UTF8.self)
                throw SyntaxError(
                    RulesDiagnosticID.invalidEscape, "`\(escape)` is not a valid escape in a string",
                    at: escapeStart..<min(end, position + 1 + width),
                    help:
                        "only `\\\"`, `\\\\`, `\\xHH` and `\\OOO` are escapes; use a raw string such as r\"…\" for "
                        + "backslashes"
                )
            }
        }
    }

    /// The error for a string literal opened at `start` that the input ends inside.
    private func unterminatedString(from start: Int) -> SyntaxError {
        SyntaxError(
            RulesDiagnosticID.unterminatedString, "unterminated string literal", at: start..<end,
            help: "add a closing `\"`")
    }

    private static func scalarWidth(_ leadByte: UInt8) -> Int {
        switch leadByte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private mutating func scanRegexString() throws -> StringToken {
        let start = position
        position += 1
        var value: [UInt8] = []
        var offsets: [Int] = []
        var classDepth = 0
        var classOpenedAt = -1
        while true {
            guard position < end else { throw unterminatedString(from: start) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\"), position + 1 < end {
                let next = bytes[position + 1]
                if next == UInt8(ascii: "\""), classDepth == 0 {
                    value.append(next)
                    offsets.append(position)
                } else {
                    value += [byte, next]
                    offsets += [position, position + 1]
                }
                position += 2
                continue
            }
            if byte == UInt8(ascii: "\""), classDepth == 0 {
                position += 1
                return StringToken(bytes: value, sourceOffsets: offsets, range: start..<position)
            }
            if byte == UInt8(ascii: "[") {
                classDepth += 1
                classOpenedAt = value.count
            } else if byte == UInt8(ascii: "]"), classDepth > 0 {
                let literalBracket =
                    value.count == classOpenedAt + 1
                    || (value.count == classOpenedAt + 2 && value.last == UInt8(ascii: "^"))
                if !literalBracket { classDepth -= 1 }
            }
            value.append(byte)
            offsets.append(position)
            position += 1
        }
    }

    private mutating func scanRawString() throws -> StringToken {
        let start = position
        position += 1
        var hashes = 0
        while position < end, bytes[position] == UInt8(ascii: "#") {
            hashes += 1
            position += 1
        }
        if hashes > Self.maximumRawHashes {
            throw SyntaxError(
                RulesDiagnosticID.invalidRawString,
                "a raw string may have at most \(Self.maximumRawHashes) `#`, found \(hashes)",
                at: start..<position)
        }
        guard position < end, bytes[position] == UInt8(ascii: "\"") else {
            throw SyntaxError(
                RulesDiagnosticID.invalidRawString, "expected `\"` after `r` and `#`",
                at: start..<min(end, position + 1))
        }
        position += 1
        let contentStart = position
        while position < end {
            if bytes[position] == UInt8(ascii: "\"") {
                var count = 0
                while count < hashes, position + 1 + count < end, bytes[position + 1 + count] == UInt8(ascii: "#") {
                    count += 1
                }
                if count == hashes {
                    let content = Array(bytes[contentStart..<position])
                    position += 1 + hashes
                    return StringToken(
                        bytes: content, sourceOffsets: Array(contentStart..<(contentStart + content.count)),
                        range: start..<position)
                }
            }
            position += 1
        }
        throw SyntaxError(
            RulesDiagnosticID.invalidRawString, "unterminated raw string literal", at: start..<end,
            help: "close it with `\"` followed by \(hashes) `#`")
    }

    /// Scans a signed integer: decimal, `0x` hex, or octal when it has a leading zero (`0123` is 83).
    mutating func scanInteger() throws -> (value: Int64, range: Range<Int>) {
        let start = position
        let negative = consume("-")
        let digitsStart = position
        var radix: Int64 = 10
        if startsWith("0x") || startsWith("0X") {
            radix = 16
            position += 2
        } else if peek() == UInt8(ascii: "0"), let next = peek(1), next >= 0x30, next <= 0x39 {
            radix = 8
            position += 1
        }
        let valueStart = position
        var value: Int64 = 0
        var overflow = false
        while position < end, Lexer.isWordByte(bytes[position]) {
            let byte = bytes[position]
            guard let digit = ASCII.hexDigitValue(byte), Int64(digit) < radix else {
                let kind = radix == 8 ? "octal (it starts with 0)" : radix == 16 ? "hexadecimal" : "decimal"
                throw SyntaxError(
                    RulesDiagnosticID.malformedNumber,
                    "`\(String(decoding: [byte], as: UTF8.self))` is not a digit of a \(kind) integer",
                    at: position..<(position + 1),
                    help: radix == 8 ? "leading zeros make an integer octal; drop them for decimal" : nil)
            }
            let (shifted, overflowMultiply) = value.multipliedReportingOverflow(by: radix)
            let (next, overflowAdd) =
                negative
                ? shifted.subtractingReportingOverflow(Int64(digit))
                : shifted.addingReportingOverflow(Int64(digit))
            overflow = overflow || overflowMultiply || overflowAdd
            value = next
            position += 1
        }
        if position == valueStart, radix != 8 {
            throw SyntaxError(
                RulesDiagnosticID.malformedNumber, "expected digits", at: start..<max(position, digitsStart + 1))
        }
        if overflow {
            throw SyntaxError(
                RulesDiagnosticID.integerOverflow, "integer literal does not fit in a signed 64-bit integer",
                at: start..<position)
        }
        return (value, start..<position)
    }

    /// The run of address characters (`0-9 a-f A-F : .`) at the current position, consumed.
    mutating func scanAddressRun() -> Range<Int> {
        let start = position
        while position < end {
            let byte = bytes[position]
            guard ASCII.hexDigitValue(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") else {
                break
            }
            position += 1
        }
        return start..<position
    }

    /// Whether the byte can start a number.
    static func startsNumber(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }
}
