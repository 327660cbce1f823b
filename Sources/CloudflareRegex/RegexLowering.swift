/// Lowers `RegexSyntax` to `RegexHIR` under the Cloudflare defaults (Unicode mode off, UTF-8 mode off),
/// applying flags in pattern order exactly as the Rust translator does: outside `(?u)` characters are bytes,
/// `\d \w \s` and `(?i)` are ASCII, and non-ASCII class members or `\p{…}` are errors.
struct RegexLowering {
    private var flags: RegexFlags = []

    /// Lowers a parsed pattern.
    static func lower(_ syntax: RegexSyntax) throws(RegexSyntaxError) -> RegexHIR {
        var lowering = RegexLowering()
        return try lowering.lower(syntax)
    }

    private var unicode: Bool { flags.contains(.unicode) }
    private var caseInsensitive: Bool { flags.contains(.caseInsensitive) }

    private mutating func lower(_ node: RegexSyntax) throws(RegexSyntaxError) -> RegexHIR {
        switch node {
        case .empty:
            return .empty
        case let .literal(literal):
            return literalNode(literal)
        case .dot:
            return dotNode()
        case let .assertion(kind, _):
            return .look(look(for: kind))
        case let .perlClass(kind, negated, _):
            return unicode
                ? .characterClass(unicodePerl(kind, negated: negated)) : .bytes(bytePerl(kind, negated: negated))
        case let .unicodeClass(query):
            guard unicode else { throw Self.unicodeRequired(query.span) }
            return .characterClass(try unicodeSet(query))
        case let .bracketed(bracketed):
            return unicode ? .characterClass(try scalarSet(bracketed)) : .bytes(try byteSet(bracketed))
        case let .repetition(min, max, sub, span):
            return .repetition(min: min, max: max, try lower(sub), span: span)
        case let .group(change, sub):
            let saved = flags
            if let change { flags = change.applied(to: flags) }
            let inner = try lower(sub)
            flags = saved
            return inner
        case let .setFlags(change):
            flags = change.applied(to: flags)
            return .empty
        case let .concat(items):
            var parts: [RegexHIR] = []
            for item in items { parts.append(try lower(item)) }
            return .sequence(parts)
        case let .alternation(branches):
            var parts: [RegexHIR] = []
            for branch in branches { parts.append(try lower(branch)) }
            return .alternation(parts)
        }
    }

    // MARK: Characters

    private func literalNode(_ literal: RegexLiteral) -> RegexHIR {
        let value = literal.scalar.value
        if unicode {
            if caseInsensitive, let orbit = UnicodeTables.shared.caseOrbits[value] {
                return .characterClass(ScalarSet(orbit.map { $0...$0 }))
            }
            return .literal(Array(String(literal.scalar).utf8))
        }
        if literal.isByteEscape || value < 0x80 {
            let byte = UInt8(truncatingIfNeeded: value)
            if caseInsensitive, value < 0x80, literal.scalar.properties.isAlphabetic {
                return .bytes(ByteSet(byte: byte).asciiCaseFolded)
            }
            return .literal([byte])
        }
        return .literal(Array(String(literal.scalar).utf8))
    }

    private func dotNode() -> RegexHIR {
        let excluded: [UInt32] =
            flags.contains(.dotMatchesNewLine) ? [] : flags.contains(.crlf) ? [0x0A, 0x0D] : [0x0A]
        if unicode {
            return .scalars(ScalarSet.all.subtracting(ScalarSet(excluded.map { $0...$0 })))
        }
        return .bytes(ByteSet.all.subtracting(ByteSet(ranges: excluded.map { UInt8($0)...UInt8($0) })))
    }

    private func look(for assertion: RegexAssertion) -> RegexLook {
        let multiLine = flags.contains(.multiLine), crlf = flags.contains(.crlf)
        switch assertion {
        case .startLine: return multiLine ? (crlf ? .startCRLF : .startLF) : .start
        case .endLine: return multiLine ? (crlf ? .endCRLF : .endLF) : .end
        case .startText: return .start
        case .endText: return .end
        case .wordBoundary: return unicode ? .wordUnicode : .wordASCII
        case .notWordBoundary: return unicode ? .notWordUnicode : .notWordASCII
        case .wordStart: return unicode ? .wordStartUnicode : .wordStartASCII
        case .wordEnd: return unicode ? .wordEndUnicode : .wordEndASCII
        case .wordStartHalf: return unicode ? .wordStartHalfUnicode : .wordStartHalfASCII
        case .wordEndHalf: return unicode ? .wordEndHalfUnicode : .wordEndHalfASCII
        }
    }

    // MARK: Classes outside Unicode mode

    private func bytePerl(_ kind: PerlClass, negated: Bool) -> ByteSet {
        let set: ByteSet
        switch kind {
        case .digit: set = Self.asciiClass(.digit)
        case .space: set = Self.asciiClass(.space)
        case .word: set = Self.asciiClass(.word)
        }
        return negated ? set.inverted : set
    }

    private func byteSet(_ bracketed: BracketedClass) throws(RegexSyntaxError) -> ByteSet {
        var set = try byteSet(bracketed.set)
        if caseInsensitive { set = set.asciiCaseFolded }
        return bracketed.negated ? set.inverted : set
    }

    private func byteSet(_ expression: ClassSetExpression) throws(RegexSyntaxError) -> ByteSet {
        switch expression {
        case let .union(items):
            var set = ByteSet()
            for item in items { set = set.union(try byteSet(item)) }
            return set
        case let .binary(op, left, right):
            var lhs = try byteSet(left), rhs = try byteSet(right)
            if caseInsensitive {
                lhs = lhs.asciiCaseFolded
                rhs = rhs.asciiCaseFolded
            }
            switch op {
            case .intersection: return lhs.intersection(rhs)
            case .difference: return lhs.subtracting(rhs)
            case .symmetricDifference: return lhs.symmetricDifference(rhs)
            }
        }
    }

    private func byteSet(_ item: ClassSetItem) throws(RegexSyntaxError) -> ByteSet {
        switch item {
        case let .literal(literal):
            return ByteSet(byte: try classByte(literal))
        case let .range(low, high):
            return ByteSet(ranges: [try classByte(low)...(try classByte(high))])
        case let .ascii(kind, negated):
            var set = Self.asciiClass(kind)
            if caseInsensitive { set = set.asciiCaseFolded }
            return negated ? set.inverted : set
        case let .perl(kind, negated, _):
            return bytePerl(kind, negated: negated)
        case let .unicode(query):
            throw Self.unicodeRequired(query.span)
        case let .bracketed(nested):
            return try byteSet(nested)
        }
    }

    /// A class member outside Unicode mode must be ASCII or a `\xHH` byte.
    private func classByte(_ literal: RegexLiteral) throws(RegexSyntaxError) -> UInt8 {
        let value = literal.scalar.value
        guard literal.isByteEscape || value < 0x80 else {
            throw RegexSyntaxError(
                .unicodeNotEnabled, "non-ASCII character in a class needs Unicode mode", span: literal.span,
                help:
                    "add `(?u)` to match it as a character, or match its UTF-8 bytes with an alternation outside the "
                    + "class"
            )
        }
        return UInt8(truncatingIfNeeded: value)
    }

    private static func unicodeRequired(_ span: Range<Int>) -> RegexSyntaxError {
        RegexSyntaxError(
            .unicodeNotEnabled, "Unicode classes need Unicode mode, which is off by default in Cloudflare's rules",
            span: span,
            help: "start the pattern (or a group) with `(?u)`, e.g. `(?u)\\p{Greek}`")
    }

    static func asciiClass(_ kind: AsciiClass) -> ByteSet {
        let ranges: [ClosedRange<UInt8>]
        switch kind {
        case .alnum: ranges = [0x30...0x39, 0x41...0x5A, 0x61...0x7A]
        case .alpha: ranges = [0x41...0x5A, 0x61...0x7A]
        case .ascii: ranges = [0x00...0x7F]
        case .blank: ranges = [0x09...0x09, 0x20...0x20]
        case .cntrl: ranges = [0x00...0x1F, 0x7F...0x7F]
        case .digit: ranges = [0x30...0x39]
        case .graph: ranges = [0x21...0x7E]
        case .lower: ranges = [0x61...0x7A]
        case .print: ranges = [0x20...0x7E]
        case .punct: ranges = [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]
        case .space: ranges = [0x09...0x0D, 0x20...0x20]
        case .upper: ranges = [0x41...0x5A]
        case .word: ranges = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        case .xdigit: ranges = [0x30...0x39, 0x41...0x46, 0x61...0x66]
        }
        return ByteSet(ranges: ranges)
    }

    // MARK: Classes in Unicode mode

    private func unicodePerl(_ kind: PerlClass, negated: Bool) -> ScalarSet {
        let tables = UnicodeTables.shared
        let set = kind == .digit ? tables.perlDigit : kind == .space ? tables.perlSpace : tables.perlWord
        return negated ? set.inverted : set
    }

    private func folded(_ set: ScalarSet) -> ScalarSet {
        caseInsensitive ? UnicodeTables.shared.caseFolded(set) : set
    }

    private func unicodeSet(_ query: UnicodeClassQuery) throws(RegexSyntaxError) -> ScalarSet {
        let set = folded(try UnicodePropertyResolver.scalars(for: query))
        return query.negated ? set.inverted : set
    }

    private func scalarSet(_ bracketed: BracketedClass) throws(RegexSyntaxError) -> ScalarSet {
        let set = folded(try scalarSet(bracketed.set))
        return bracketed.negated ? set.inverted : set
    }

    private func scalarSet(_ expression: ClassSetExpression) throws(RegexSyntaxError) -> ScalarSet {
        switch expression {
        case let .union(items):
            var ranges: [ClosedRange<UInt32>] = []
            for item in items { ranges += try scalarSet(item).ranges }
            return ScalarSet(ranges)
        case let .binary(op, left, right):
            let lhs = folded(try scalarSet(left)), rhs = folded(try scalarSet(right))
            switch op {
            case .intersection: return lhs.intersection(rhs)
            case .difference: return lhs.subtracting(rhs)
            case .symmetricDifference: return lhs.symmetricDifference(rhs)
            }
        }
    }

    private func scalarSet(_ item: ClassSetItem) throws(RegexSyntaxError) -> ScalarSet {
        switch item {
        case let .literal(literal):
            return ScalarSet([literal.scalar.value...literal.scalar.value])
        case let .range(low, high):
            return ScalarSet([low.scalar.value...high.scalar.value])
        case let .ascii(kind, negated):
            let set = folded(ScalarSet(latin1: Self.asciiClass(kind)))
            return negated ? set.inverted : set
        case let .perl(kind, negated, _):
            return unicodePerl(kind, negated: negated)
        case let .unicode(query):
            return try unicodeSet(query)
        case let .bracketed(nested):
            return try scalarSet(nested)
        }
    }
}
