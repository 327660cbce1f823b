/// A byte-level JSON scanner over one line of a `TraceStorage`, written for speed: no allocation, strings
/// returned as slices, escapes decoded in place (a decoded string is never longer than its escaped form) and
/// only for strings that contain a backslash. Offsets are absolute offsets into the storage.
public struct JSONCursor {
    /// Start of the storage the line lives in.
    public let base: UnsafeMutablePointer<UInt8>
    /// Offset of the next byte to read.
    public var position: Int
    /// Offset one past the line's last byte.
    public let end: Int

    /// Objects and arrays may nest this deep inside a skipped value.
    public static let maximumSkipDepth = 64

    /// A cursor at `start` over the bytes `start..<end` of `base`.
    @inlinable
    public init(base: UnsafeMutablePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        position = start
        self.end = end
    }

    /// The next byte, or 0 at the end of the line.
    @inlinable @inline(__always)
    public var current: UInt8 { position < end ? base[position] : 0 }

    /// Whether every byte of the line has been read.
    @inlinable @inline(__always)
    public var isAtEnd: Bool { position >= end }

    /// Skips JSON whitespace.
    @inlinable @inline(__always)
    public mutating func skipSpace() {
        while position < end {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            position += 1
        }
    }

    /// Consumes `byte` or fails with a reason naming `what` was expected.
    @inlinable @inline(__always)
    public mutating func expect(_ byte: UInt8, _ what: StaticString) throws(LineError) {
        guard position < end, base[position] == byte else { throw unexpected(expected: what) }
        position += 1
    }

    /// An error describing the byte at the current position.
    public func unexpected(expected: StaticString) -> LineError {
        guard position < end else {
            return LineError(reason: "line ends where \(expected) was expected", position: position)
        }
        let byte = base[position]
        let shown =
            byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16)
        return LineError(reason: "expected \(expected), found \(shown)", position: position)
    }

    // MARK: objects

    /// Starts reading an object: consumes `{`.
    @inlinable @inline(__always)
    public mutating func beginObject() throws(LineError) {
        skipSpace()
        try expect(UInt8(ascii: "{"), "'{'")
    }

    /// Reads the next key of an object and the `:` after it, leaving the cursor at the value; nil at the
    /// closing `}` (consumed). `first` tracks whether a `,` is needed.
    @inlinable @inline(__always)
    public mutating func nextKey(first: inout Bool) throws(LineError) -> ByteSlice? {
        // Fast path for compact JSON: `"key":` or `,"key":` with no space and no escape in the key. Anything else
        // (and every error) goes the general way from the same position.
        var index = position
        if index < end, base[index] == UInt8(ascii: "}") {
            position = index + 1
            return nil
        }
        if !first, index < end, base[index] == UInt8(ascii: ",") { index += 1 }
        if index > position || first, index < end, base[index] == UInt8(ascii: "\"") {
            let keyEnd = quoteOrBackslash(from: index + 1)
            if keyEnd + 1 < end, base[keyEnd] == UInt8(ascii: "\""), base[keyEnd + 1] == UInt8(ascii: ":") {
                first = false
                position = keyEnd + 2
                skipSpace()
                return ByteSlice(start: index + 1, end: keyEnd)
            }
        }
        return try nextKeyInGeneral(first: &first)
    }

    /// Consumes the next key and its `:` when it is key `index` of `patterns` written compactly (`"name":`, after
    /// a `,` unless it is the first key), then any space; false, with nothing consumed, otherwise. What it
    /// consumes is exactly what `nextKey` would have read for that key.
    @inlinable @inline(__always)
    public mutating func consumeKey(_ index: Int, of patterns: QuotedKeyPatterns, first: inout Bool) -> Bool {
        var start = position
        if !first {
            guard start < end, base[start] == UInt8(ascii: ",") else { return false }
            start += 1
        }
        guard let length = patterns.matches(index, at: base + start, available: end - start) else { return false }
        first = false
        position = start + length
        skipSpace()
        return true
    }

    /// `nextKey` for any spacing and escaped keys, and its errors.
    @usableFromInline
    mutating func nextKeyInGeneral(first: inout Bool) throws(LineError) -> ByteSlice? {
        guard try nextItem(closedBy: UInt8(ascii: "}"), first: &first, "',' or '}'") else { return nil }
        guard position < end, base[position] == UInt8(ascii: "\"") else {
            throw unexpected(expected: "a key in double quotes")
        }
        let key = try string()
        skipSpace()
        try expect(UInt8(ascii: ":"), "':' after the key")
        skipSpace()
        return key
    }

    /// Starts reading an array: consumes `[`.
    @inlinable @inline(__always)
    public mutating func beginArray() throws(LineError) {
        try expect(UInt8(ascii: "["), "'['")
    }

    /// Moves to the next element of an array, leaving the cursor at it; false at the closing `]` (consumed).
    @inlinable @inline(__always)
    public mutating func nextElement(first: inout Bool) throws(LineError) -> Bool {
        try nextItem(closedBy: UInt8(ascii: "]"), first: &first, "',' or ']'")
    }

    /// Moves to the next item of an object or array that `closing` ends, past the comma before every item but the
    /// first; false at `closing` (consumed). `separatorOrClosing` names both for the error.
    @inlinable @inline(__always)
    mutating func nextItem(closedBy closing: UInt8, first: inout Bool, _ separatorOrClosing: StaticString)
        throws(LineError) -> Bool
    {
        skipSpace()
        if position < end, base[position] == closing {
            position += 1
            return false
        }
        if first {
            first = false
        } else {
            try expect(UInt8(ascii: ","), separatorOrClosing)
            skipSpace()
        }
        return true
    }

    // MARK: scalars

    /// Reads a string (cursor at its opening quote) and returns the slice of its decoded bytes.
    @inlinable @inline(__always)
    public mutating func string() throws(LineError) -> ByteSlice {
        let start = position + 1
        let index = quoteOrBackslash(from: start)
        guard index < end else { throw LineError(reason: "string has no closing quote", position: start - 1) }
        if base[index] == UInt8(ascii: "\"") {
            position = index + 1
            return ByteSlice(start: start, end: index)
        }
        return try decodeEscapes(start: start, firstEscape: index)
    }

    /// The offset of the first `"` or `\` at or after `start`, or `end`, never reading past the end of the
    /// line: the first eight bytes by word arithmetic (most keys and many values end there), then sixteen at a
    /// time by vector compares, then a word and single bytes for the rest.
    @inlinable @inline(__always)
    public func quoteOrBackslash(from start: Int) -> Int {
        var index = start
        if index <= end &- 8 {
            if let found = Self.firstQuoteOrBackslash(inWordAt: base + index) { return index &+ found }
            index &+= 8
            return longQuoteOrBackslash(from: index)
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return end
    }

    /// `quoteOrBackslash` past the first word.
    @inlinable
    func longQuoteOrBackslash(from start: Int) -> Int {
        var index = start
        let quotes = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslashes = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let lastBlock = end &- 16
        while index <= lastBlock {
            let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let hits = (block .== quotes) .| (block .== backslashes)
            if any(hits) {
                let marks = unsafeBitCast(
                    SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: hits), to: (UInt64, UInt64).self)
                return marks.0 != 0
                    ? index &+ marks.0.trailingZeroBitCount >> 3 : index &+ 8 &+ marks.1.trailingZeroBitCount >> 3
            }
            index &+= 16
        }
        if index <= end &- 8 {
            if let found = Self.firstQuoteOrBackslash(inWordAt: base + index) { return index &+ found }
            index &+= 8
        }
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return end
    }

    /// The position (0–7) of the first `"` or `\` among the eight bytes at `start`, or nil.
    @inlinable @inline(__always)
    static func firstQuoteOrBackslash(inWordAt start: UnsafeMutablePointer<UInt8>) -> Int? {
        let word = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
        let quotes = word ^ 0x2222_2222_2222_2222
        let backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5C
        // A zero byte in either word marks a match; the lowest marked byte is the first match.
        let marks =
            ((quotes &- 0x0101_0101_0101_0101) & ~quotes | (backslashes &- 0x0101_0101_0101_0101) & ~backslashes)
            & 0x8080_8080_8080_8080
        return marks == 0 ? nil : marks.trailingZeroBitCount >> 3
    }

    /// Decodes the rest of a string that contains a backslash, writing the decoded bytes over the escaped ones.
    @usableFromInline
    mutating func decodeEscapes(start: Int, firstEscape: Int) throws(LineError) -> ByteSlice {
        var read = firstEscape
        var write = firstEscape
        while read < end {
            let byte = base[read]
            if byte == UInt8(ascii: "\"") {
                position = read + 1
                return ByteSlice(start: start, end: write)
            }
            guard byte == UInt8(ascii: "\\") else {
                base[write] = byte
                write += 1
                read += 1
                continue
            }
            guard read + 1 < end else { break }
            let escaped = base[read + 1]
            read += 2
            let simple: UInt8
            switch escaped {
            case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
            case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"):
                guard var scalar = hex4(at: read) else {
                    throw LineError(reason: "\\u must be followed by four hex digits", position: read - 2)
                }
                read += 4
                if scalar >= 0xD800, scalar <= 0xDBFF {
                    // A high surrogate pairs with a following \uDC00–\uDFFF; alone it becomes U+FFFD.
                    if read + 1 < end, base[read] == UInt8(ascii: "\\"), base[read + 1] == UInt8(ascii: "u"),
                        let lowHalf = hex4(at: read + 2), lowHalf >= 0xDC00, lowHalf <= 0xDFFF
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (lowHalf - 0xDC00)
                        read += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                write = writeUTF8(scalar, at: write)
                continue
            default:
                throw LineError(
                    reason: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a string", position: read - 2)
            }
            base[write] = simple
            write += 1
        }
        throw LineError(reason: "string has no closing quote", position: start - 1)
    }

    /// The value of four hex digits at `offset`, or nil.
    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= end else { return nil }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            let byte = base[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// Writes `scalar` as UTF-8 at `offset` and returns the offset after it.
    private func writeUTF8(_ scalar: UInt32, at offset: Int) -> Int {
        switch scalar {
        case ..<0x80:
            base[offset] = UInt8(scalar)
            return offset + 1
        case ..<0x800:
            base[offset] = UInt8(0xC0 | scalar >> 6)
            base[offset + 1] = UInt8(0x80 | scalar & 0x3F)
            return offset + 2
        case ..<0x10000:
            base[offset] = UInt8(0xE0 | scalar >> 12)
            base[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            base[offset + 2] = UInt8(0x80 | scalar & 0x3F)
            return offset + 3
        default:
            base[offset] = UInt8(0xF0 | scalar >> 18)
            base[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            base[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            base[offset + 3] = UInt8(0x80 | scalar & 0x3F)
            return offset + 4
        }
    }

    /// The value of the run of up to 18 ASCII digits at `start` and the offset after it (the run stops at a
    /// non-digit, the end of the line, or after 18 digits). A word of eight bytes at a time where the line allows.
    @inlinable @inline(__always)
    public func digitRun(from start: Int) -> (value: Int64, end: Int) {
        var index = start
        var value: Int64 = 0
        while index &+ 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let nonDigits = Self.nonDigitBits(word)
            let count = min(nonDigits == 0 ? 8 : nonDigits.trailingZeroBitCount >> 3, 18 - (index - start))
            guard count > 0 else { return (value, index) }
            value = value &* Self.powerOfTen(count) &+ Int64(Self.leadingDigitsValue(word, count: count))
            index += count
            if count < 8 { return (value, index) }
        }
        while index < end, index - start < 18 {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return (value, index)
    }

    /// Bits set in the high nibble of every byte of `word` that is not an ASCII digit, and possibly of bytes
    /// after one: a byte is a digit when its high nibble is 3 and stays 3 after adding 6 (0x3A–0x3F become
    /// 0x40–0x45). Only a non-digit (0xFA or more) carries into the next byte, so the lowest set bit is exact.
    @inlinable @inline(__always)
    public static func nonDigitBits(_ word: UInt64) -> UInt64 {
        (word & 0xF0F0_F0F0_F0F0_F0F0 ^ 0x3030_3030_3030_3030)
            | ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 ^ 0x3030_3030_3030_3030)
    }

    /// The value of the first `count` (1–8) bytes of `word`, which are ASCII digits.
    @inlinable @inline(__always)
    public static func leadingDigitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // Move the digits to the top and fill the bytes below with '0', then convert eight digits at once.
        let shift = UInt64(8 &* (8 &- count))
        var value = count == 8 ? word : word &<< shift | 0x3030_3030_3030_3030 &>> (64 &- shift)
        value &= 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        value = (value &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (value &* (10_000 << 32 + 1)) >> 32
    }

    /// 10 to the power `exponent` (0–8).
    @inlinable @inline(__always)
    static func powerOfTen(_ exponent: Int) -> Int64 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
    }

    /// Reads a number: `-?digits(.digits)?([eE][+-]?digits)?`, exactly. Digits beyond what fits in 63 bits
    /// are dropped into the exponent.
    @inlinable @inline(__always)
    public mutating func number() throws(LineError) -> JSONNumber {
        let start = position
        var negative = false
        if position < end, base[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var mantissa: Int64 = 0
        let integer = digits(into: &mantissa)
        guard integer.read > 0 else {
            position = start
            throw unexpected(expected: "a value")
        }
        // An integer digit that does not fit scales the value up; a fraction digit that fits scales it down.
        var exponent = integer.dropped
        if position < end, base[position] == UInt8(ascii: ".") {
            position += 1
            let fraction = digits(into: &mantissa)
            guard fraction.read > 0 else { throw unexpected(expected: "a digit after '.'") }
            exponent -= fraction.read - fraction.dropped
        }
        if position < end, base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < end, base[position] == UInt8(ascii: "-") || base[position] == UInt8(ascii: "+") {
                exponentNegative = base[position] == UInt8(ascii: "-")
                position += 1
            }
            var value = 0
            var exponentDigits = 0
            while position < end {
                let digit = base[position] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if value < 100_000 { value = value * 10 + Int(digit) }
                exponentDigits += 1
                position += 1
            }
            guard exponentDigits > 0 else { throw unexpected(expected: "a digit in the exponent") }
            exponent += exponentNegative ? -value : value
        }
        return JSONNumber(mantissa: negative ? -mantissa : mantissa, exponent: exponent)
    }

    /// Reads a run of decimal digits onto `mantissa` while it stays under 2^63; returns how many digits were read
    /// and how many of them were dropped for want of room.
    @inlinable @inline(__always)
    mutating func digits(into mantissa: inout Int64) -> (read: Int, dropped: Int) {
        var read = 0
        var dropped = 0
        while position < end {
            let digit = base[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if mantissa < 922_337_203_685_477_580 {
                mantissa = mantissa * 10 + Int64(digit)
            } else {
                dropped += 1
            }
            read += 1
            position += 1
        }
        return (read, dropped)
    }

    /// Consumes `literal` (`true`, `false`, `null`) if it is next.
    @inlinable @inline(__always)
    public mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= end else { return false }
        let text = literal.utf8Start
        for index in 0..<count where base[position + index] != text[index] { return false }
        position += count
        return true
    }

    /// Skips one value of any type, nested objects and arrays included.
    public mutating func skipValue() throws(LineError) {
        switch current {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer()
        case UInt8(ascii: "t"):
            guard consume("true") else { throw unexpected(expected: "a value") }
        case UInt8(ascii: "f"):
            guard consume("false") else { throw unexpected(expected: "a value") }
        case UInt8(ascii: "n"):
            guard consume("null") else { throw unexpected(expected: "a value") }
        default:
            _ = try number()
        }
    }

    /// Skips a string without decoding it.
    private mutating func skipString() throws(LineError) {
        let start = position
        position += 1
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return
            }
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        throw LineError(reason: "string has no closing quote", position: start)
    }

    /// Skips an object or array, checking that brackets match; deeper than `maximumSkipDepth` is an error.
    private mutating func skipContainer() throws(LineError) {
        var stack: UInt64 = 0  // one bit per open container: 1 for an object, 0 for an array
        var depth = 0
        while position < end {
            let byte = base[position]
            switch byte {
            case UInt8(ascii: "\""):
                try skipString()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < Self.maximumSkipDepth else {
                    throw LineError(
                        reason: "values nest deeper than \(Self.maximumSkipDepth) levels", position: position)
                }
                stack = stack << 1 | (byte == UInt8(ascii: "{") ? 1 : 0)
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let isObject = stack & 1 == 1
                guard isObject == (byte == UInt8(ascii: "}")) else {
                    throw LineError(reason: "mismatched '\(Character(Unicode.Scalar(byte)))'", position: position)
                }
                stack >>= 1
                depth -= 1
                if depth == 0 {
                    position += 1
                    return
                }
            default:
                break
            }
            position += 1
        }
        throw LineError(reason: "object or array is not closed", position: position)
    }
}
