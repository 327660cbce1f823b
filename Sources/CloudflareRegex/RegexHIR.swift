/// The lowered regex: flags applied, every character turned into bytes, byte sets or Unicode scalar sets.
/// Both engines (PCRE2 translation and the Pike VM) are built from this one form, so they agree by construction.
indirect enum RegexHIR: Sendable {
    /// Matches the empty string.
    case empty
    /// A byte string.
    case literal([UInt8])
    /// One byte from the set (an empty set never matches).
    case bytes(ByteSet)
    /// One UTF-8 encoded scalar from the set; invalid UTF-8 never matches. Never all-ASCII (that is `.bytes`).
    case scalars(ScalarSet)
    /// A zero-width assertion.
    case look(RegexLook)
    /// `min...max` repetitions (`max` nil: unbounded); `span` is the repetition's pattern text.
    case repetition(min: UInt32, max: UInt32?, RegexHIR, span: Range<Int>)
    case concat([RegexHIR])
    case alternation([RegexHIR])
}

/// Zero-width assertions after flags are applied (the `regex-automata` look-around set).
enum RegexLook: UInt8, Sendable, Equatable {
    /// `\A`, or `^` without `(?m)`.
    case start
    /// `\z`, or `$` without `(?m)`: only at the very end (a trailing `\n` is not skipped).
    case end
    /// `(?m)^`: start, or after `\n`.
    case startLF
    /// `(?m)$`: end, or before `\n`.
    case endLF
    /// `(?mR)^`: start, after `\n`, or after `\r` not followed by `\n`.
    case startCRLF
    /// `(?mR)$`: end, before `\r`, or before `\n` not preceded by `\r`.
    case endCRLF
    case wordASCII, notWordASCII, wordStartASCII, wordEndASCII, wordStartHalfASCII, wordEndHalfASCII
    case wordUnicode, notWordUnicode, wordStartUnicode, wordEndUnicode, wordStartHalfUnicode, wordEndHalfUnicode

    /// True for the Unicode word-boundary family.
    var isUnicodeWordBoundary: Bool {
        switch self {
        case .wordUnicode, .notWordUnicode, .wordStartUnicode, .wordEndUnicode, .wordStartHalfUnicode,
            .wordEndHalfUnicode:
            return true
        default: return false
        }
    }
}

extension RegexHIR {
    /// A one-character class: a byte set when every member is ASCII, else a scalar set.
    static func characterClass(_ set: ScalarSet) -> RegexHIR {
        set.isASCII ? .bytes(set.asciiBytes) : .scalars(set)
    }

    /// Concatenation with adjacent literals merged and empties dropped.
    static func sequence(_ parts: [RegexHIR]) -> RegexHIR {
        var result: [RegexHIR] = []
        for part in parts {
            switch part {
            case .empty:
                continue
            case let .concat(inner):
                for item in inner { appendMerging(item, to: &result) }
            default:
                appendMerging(part, to: &result)
            }
        }
        switch result.count {
        case 0: return .empty
        case 1: return result[0]
        default: return .concat(result)
        }
    }

    private static func appendMerging(_ item: RegexHIR, to result: inout [RegexHIR]) {
        if case let .literal(bytes) = item, case let .literal(previous)? = result.last {
            result[result.count - 1] = .literal(previous + bytes)
        } else {
            result.append(item)
        }
    }
}
