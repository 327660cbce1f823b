/// A compiled `matches` regex: Cloudflare's dialect (Rust `regex` syntax, Unicode mode and UTF-8 mode off unless
/// `(?u)`), searched anywhere in a byte subject.
///
/// Matching goes, in order of preference, through a literal search (plain strings and alternations of strings),
/// PCRE2 with JIT under a match limit, and the linear-time Pike VM, which also answers whenever PCRE2 gives up,
/// so a pathological pattern such as `(a+)+$` costs linear time. The Pike VM runs under `matchBudget` thread
/// steps, so no search costs more than a few milliseconds; a search that exhausts it evaluates to false
/// (docs/decisions/0007-regex-match-budget.md). Instances are immutable and thread-safe.
public final class CompiledRegex: @unchecked Sendable {
    /// The pattern text as given to `compile`.
    public let pattern: [UInt8]
    /// Pike VM thread steps (one live thread moved over one subject byte) one search may take: 400,000.
    public static let matchBudget = 400_000

    /// How a subject is searched.
    enum Engine {
        case literal(LiteralSearch)
        case pcre2(PCRE2Matcher)
        case pikeVM
    }

    let engine: Engine
    let vm: PikeVM
    let hir: RegexHIR
    /// The engine's parts as plain stored properties, so `isMatch` does not copy enum payloads.
    private let literal: LiteralSearch?
    private let pcre2: PCRE2Matcher?

    private init(pattern: [UInt8], hir: RegexHIR, engine: Engine, vm: PikeVM) {
        self.pattern = pattern
        self.hir = hir
        self.engine = engine
        self.vm = vm
        switch engine {
        case let .literal(search): (literal, pcre2) = (search, nil)
        case let .pcre2(matcher): (literal, pcre2) = (nil, matcher)
        case .pikeVM: (literal, pcre2) = (nil, nil)
        }
    }

    /// Checks and compiles `pattern` (the regex text after the Rules parser has undone `\"`); the error locates
    /// the first construct Cloudflare's engine would reject.
    public static func compile(_ pattern: [UInt8]) -> Result<CompiledRegex, RegexSyntaxError> {
        do {
            let hir = try RegexLowering.lower(try RegexParser.parse(pattern))
            try RegexSizeLimit.check(hir, patternLength: pattern.count)
            let vm = PikeVM(PikeProgram(hir))
            let engine: Engine
            if let literal = LiteralSearch(hir) {
                engine = .literal(literal)
            } else if let translated = PCRE2Translation.pattern(for: hir),
                let matcher = PCRE2Matcher(pattern: translated)
            {
                engine = .pcre2(matcher)
            } else {
                engine = .pikeVM
            }
            return .success(CompiledRegex(pattern: pattern, hir: hir, engine: engine, vm: vm))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the regex matches anywhere in `subject`; false when the search exhausts `matchBudget` undecided.
    /// Thread-safe.
    public func isMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        if let literal { return literal.isMatch(subject) }
        if let pcre2 {
            switch pcre2.search(subject) {
            case .match: return true
            case .noMatch: return false
            case .gaveUp: break
            }
        }
        switch vm.search(subject, budget: Self.matchBudget) {
        case .match: return true
        case .noMatch: return false
        case .outOfBudget:
            UndecidedSearches.record()
            return false
        }
    }

    /// Whether the regex matches anywhere in `subject`. Thread-safe.
    func isMatch(_ subject: [UInt8]) -> Bool {
        subject.withUnsafeBufferPointer { isMatch($0) }
    }
}
