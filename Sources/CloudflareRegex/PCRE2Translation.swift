/// Writes `RegexHIR` as a PCRE2 pattern for byte mode (no UTF, no UCP).
///
/// Everything is spelled out so PCRE2's own defaults cannot change the meaning: characters are `\xHH` bytes,
/// classes are explicit byte ranges, Unicode classes are alternations of UTF-8 byte sequences (so, as in Cloudflare's
/// engine, they never match invalid UTF-8 while byte-mode parts of the same pattern still can), `$` is `\z`, and
/// multi-line anchors are look-arounds. Patterns PCRE2 cannot express this way (Unicode word boundaries, counts above
/// 65,535) return nil and run on the Pike VM alone.
enum PCRE2Translation {
    /// PCRE2's largest repetition count.
    static let maxCount: UInt32 = 65_535

    /// The PCRE2 pattern for `hir`, or nil when it has no faithful byte-mode spelling.
    static func pattern(for hir: RegexHIR) -> String? {
        var out = ""
        guard write(hir, to: &out) else { return nil }
        return out
    }

    private static func write(_ hir: RegexHIR, to out: inout String) -> Bool {
        switch hir {
        case .empty:
            return true
        case let .literal(bytes):
            for byte in bytes { writeByte(byte, to: &out) }
            return true
        case let .bytes(set):
            writeClass(set, to: &out)
            return true
        case let .scalars(set):
            out += "(?:"
            writeSequences(UTF8Sequences.sequences(for: set)[...], to: &out)
            out += ")"
            return true
        case let .look(look):
            guard let text = lookText(look) else { return false }
            out += text
            return true
        case let .repetition(min, max, sub, _):
            guard min <= maxCount, (max ?? 0) <= maxCount else { return false }
            out += "(?:"
            guard write(sub, to: &out) else { return false }
            out += ")"
            switch (min, max) {
            case (0, nil): out += "*"
            case (1, nil): out += "+"
            case (0, 1): out += "?"
            case let (min, nil): out += "{\(min),}"
            case let (min, max?) where min == max: out += "{\(min)}"
            case let (min, max?): out += "{\(min),\(max)}"
            }
            return true
        case let .concat(items):
            for item in items {
                guard write(item, to: &out) else { return false }
            }
            return true
        case let .alternation(branches):
            out += "(?:"
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += "|" }
                guard write(branch, to: &out) else { return false }
            }
            out += ")"
            return true
        }
    }

    private static func lookText(_ look: RegexLook) -> String? {
        switch look {
        case .start: return "\\A"
        case .end: return "\\z"
        case .startLF: return "(?:\\A|(?<=\\n))"
        case .endLF: return "(?:\\z|(?=\\n))"
        case .startCRLF: return "(?:\\A|(?<=\\n)|(?<=\\r)(?!\\n))"
        case .endCRLF: return "(?:\\z|(?=\\r)|(?<!\\r)(?=\\n))"
        // PCRE2's default character tables (C locale) make \w exactly [0-9A-Za-z_] in byte mode.
        case .wordASCII: return "\\b"
        case .notWordASCII: return "\\B"
        case .wordStartASCII: return "\\b(?=\\w)"
        case .wordEndASCII: return "\\b(?<=\\w)"
        case .wordStartHalfASCII: return "(?<!\\w)"
        case .wordEndHalfASCII: return "(?!\\w)"
        case .wordUnicode, .notWordUnicode, .wordStartUnicode, .wordEndUnicode, .wordStartHalfUnicode,
            .wordEndHalfUnicode:
            return nil
        }
    }

    private static func writeByte(_ byte: UInt8, to out: inout String) {
        let isAlphanumeric =
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        if isAlphanumeric {
            out.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            out += "\\x"
            out += hex(byte)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        return String(String.UnicodeScalarView([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]))
    }

    private static func writeClass(_ set: ByteSet, to out: inout String) {
        if set.isEmpty {
            out += "(?!)"
            return
        }
        if let single = set.singleByte {
            writeByte(single, to: &out)
            return
        }
        writeRanges(set.ranges, to: &out)
    }

    private static func writeRanges(_ ranges: [ClosedRange<UInt8>], to out: inout String) {
        if ranges.count == 1, let range = ranges.first, range.lowerBound == range.upperBound {
            writeByte(range.lowerBound, to: &out)
            return
        }
        out += "["
        for range in ranges {
            out += "\\x" + hex(range.lowerBound)
            if range.upperBound != range.lowerBound { out += "-\\x" + hex(range.upperBound) }
        }
        out += "]"
    }

    /// Writes ascending byte-range sequences as an alternation, factoring out shared leading ranges.
    private static func writeSequences(_ sequences: ArraySlice<[ClosedRange<UInt8>]>, to out: inout String) {
        var index = sequences.startIndex
        var firstAlternative = true
        while index < sequences.endIndex {
            let head = sequences[index].first
            var groupEnd = index + 1
            while groupEnd < sequences.endIndex, sequences[groupEnd].first == head { groupEnd += 1 }
            if !firstAlternative { out += "|" }
            firstAlternative = false
            if let head { writeRanges([head], to: &out) }
            let tails = sequences[index..<groupEnd].map { Array($0.dropFirst()) }.filter { !$0.isEmpty }
            if tails.count == 1, let tail = tails.first {
                for range in tail { writeRanges([range], to: &out) }
            } else if tails.count > 1 {
                out += "(?:"
                writeSequences(tails[...], to: &out)
                out += ")"
            }
            index = groupEnd
        }
    }
}
