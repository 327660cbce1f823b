import EdgeWire

/// Evaluates zero-width assertions at an offset of the subject, with the `regex-automata` definitions
/// (ASCII word characters outside Unicode mode; Unicode word characters decoded from UTF-8 inside it, where
/// invalid UTF-8 counts as a non-word character).
enum LookEvaluator {
    static func holds(_ look: RegexLook, in subject: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        let end = subject.count
        switch look {
        case .start: return at == 0
        case .end: return at == end
        case .startLF: return at == 0 || subject[at - 1] == 0x0A
        case .endLF: return at == end || subject[at] == 0x0A
        case .startCRLF:
            return at == 0 || subject[at - 1] == 0x0A || (subject[at - 1] == 0x0D && (at == end || subject[at] != 0x0A))
        case .endCRLF:
            return at == end || subject[at] == 0x0D || (subject[at] == 0x0A && (at == 0 || subject[at - 1] != 0x0D))
        case .wordASCII: return asciiWordBefore(subject, at) != asciiWordAfter(subject, at)
        case .notWordASCII: return asciiWordBefore(subject, at) == asciiWordAfter(subject, at)
        case .wordStartASCII: return !asciiWordBefore(subject, at) && asciiWordAfter(subject, at)
        case .wordEndASCII: return asciiWordBefore(subject, at) && !asciiWordAfter(subject, at)
        case .wordStartHalfASCII: return !asciiWordBefore(subject, at)
        case .wordEndHalfASCII: return !asciiWordAfter(subject, at)
        case .wordUnicode: return unicodeWordBefore(subject, at) != unicodeWordAfter(subject, at)
        case .notWordUnicode: return unicodeWordBefore(subject, at) == unicodeWordAfter(subject, at)
        case .wordStartUnicode: return !unicodeWordBefore(subject, at) && unicodeWordAfter(subject, at)
        case .wordEndUnicode: return unicodeWordBefore(subject, at) && !unicodeWordAfter(subject, at)
        case .wordStartHalfUnicode: return !unicodeWordBefore(subject, at)
        case .wordEndHalfUnicode: return !unicodeWordAfter(subject, at)
        }
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F
    }

    private static func asciiWordBefore(_ subject: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        at > 0 && isASCIIWordByte(subject[at - 1])
    }

    private static func asciiWordAfter(_ subject: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        at < subject.count && isASCIIWordByte(subject[at])
    }

    private static func unicodeWordAfter(_ subject: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard let decoded = UTF8Validation.decodeScalar(subject, at: at) else { return false }
        return isUnicodeWord(decoded.value)
    }

    /// Decodes the scalar ending before `at` the way `regex-automata` does: step back over at most three
    /// continuation bytes to a lead byte, then decode forward from there.
    private static func unicodeWordBefore(_ subject: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard at > 0 else { return false }
        var start = at - 1
        let limit = max(at - 4, 0)
        while start > limit && subject[start] & 0xC0 == 0x80 { start -= 1 }
        let window = UnsafeBufferPointer(rebasing: subject[start..<at])
        guard let decoded = UTF8Validation.decodeScalar(window, at: 0) else { return false }
        return isUnicodeWord(decoded.value)
    }

    private static func isUnicodeWord(_ value: UInt32) -> Bool {
        value < 0x80 ? isASCIIWordByte(UInt8(value)) : UnicodeTables.shared.perlWord.contains(value)
    }
}
