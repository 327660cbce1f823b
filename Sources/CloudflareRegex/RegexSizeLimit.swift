/// The compiled-size limit. Cloudflare's engine rejects regexes whose compiled program is too large
/// (wirefilter: "Compiled regex exceeds size limit"); its production limit is not published, so this limit is
/// ours: 100,000 Pike VM instructions, which rejects `.{4079,65535}` (the case wirefilter's own test rejects)
/// and keeps the linear-time fallback fast enough to be useful.
enum RegexSizeLimit {
    /// Maximum number of Pike VM instructions.
    static let maxInstructions: UInt64 = 100_000

    /// Throws when `hir` would compile to more than `maxInstructions`, pointing at the repetition responsible.
    static func check(_ hir: RegexHIR, patternLength: Int) throws(RegexSyntaxError) {
        guard instructionCount(hir) > maxInstructions else { return }
        let span = outermostOversizedRepetition(hir) ?? largestRepetition(hir)?.span ?? 0..<max(patternLength, 1)
        throw RegexSyntaxError(
            .sizeLimit, "compiled regex exceeds the size limit of \(maxInstructions) instructions", span: span,
            help: "reduce the repetition counts, e.g. use `+` or `*` instead of a large `{n,m}`")
    }

    /// The number of VM instructions `hir` compiles to (saturating).
    static func instructionCount(_ hir: RegexHIR) -> UInt64 {
        switch hir {
        case .empty: return 0
        case let .literal(bytes): return UInt64(bytes.count)
        case .bytes, .scalars, .look: return 1
        case let .concat(items): return items.reduce(0) { saturatingAdd($0, instructionCount($1)) }
        case let .alternation(branches):
            return branches.reduce(UInt64(branches.count)) { saturatingAdd($0, instructionCount($1)) }
        case let .repetition(min, max, sub, _):
            let each = instructionCount(sub)
            let required = saturatingMultiply(UInt64(min), each)
            guard let max else { return saturatingAdd(required, saturatingAdd(each, 2)) }
            return saturatingAdd(required, saturatingMultiply(UInt64(max - min), saturatingAdd(each, 1)))
        }
    }

    private static func outermostOversizedRepetition(_ hir: RegexHIR) -> Range<Int>? {
        switch hir {
        case let .repetition(_, _, sub, span):
            return instructionCount(hir) > maxInstructions ? span : outermostOversizedRepetition(sub)
        case let .concat(items), let .alternation(items):
            for item in items {
                if let span = outermostOversizedRepetition(item) { return span }
            }
            return nil
        default:
            return nil
        }
    }

    private static func largestRepetition(_ hir: RegexHIR) -> (span: Range<Int>, size: UInt64)? {
        switch hir {
        case let .repetition(_, _, sub, span):
            let own = (span, instructionCount(hir))
            guard let inner = largestRepetition(sub) else { return own }
            return inner.size > own.1 ? inner : own
        case let .concat(items), let .alternation(items):
            return items.compactMap(largestRepetition).max { $0.size < $1.size }
        default:
            return nil
        }
    }

    private static func saturatingAdd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    private static func saturatingMultiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }
}
