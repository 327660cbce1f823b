import Glibc

/// The fast path for patterns that are a plain byte string or an alternation of byte strings
/// (`bot|crawl|spider`): no regex engine runs, only `memmem` or a first-byte scan.
///
/// Flags that change matching need no special care: `(?i)` on a letter lowers to a class, so such patterns
/// never reach here, while `(?i)123` is still a literal.
struct LiteralSearch: Sendable {
    /// All literals back to back, with `starts[i]..<starts[i + 1]` the i-th (no per-literal arrays on the hot path).
    private let flat: [UInt8]
    private let starts: [Int]
    private let firstBytes: ByteSet
    /// True when one alternative is empty, so every subject matches.
    private let matchesEverything: Bool

    /// The literal search for `hir`, or nil when `hir` is not a literal or an alternation of literals.
    init?(_ hir: RegexHIR) {
        var literals: [[UInt8]] = []
        func literal(_ node: RegexHIR) -> [UInt8]? {
            switch node {
            case .empty: return []
            case let .literal(bytes): return bytes
            case let .bytes(set): return set.singleByte.map { [$0] }
            default: return nil
            }
        }
        if case let .alternation(branches) = hir {
            for branch in branches {
                guard let bytes = literal(branch) else { return nil }
                literals.append(bytes)
            }
        } else {
            guard let bytes = literal(hir) else { return nil }
            literals = [bytes]
        }
        self.matchesEverything = literals.contains { $0.isEmpty }
        var unique: [[UInt8]] = []
        for candidate in literals where !unique.contains(candidate) { unique.append(candidate) }
        self.flat = unique.flatMap { $0 }
        self.starts = unique.reduce(into: [0]) { $0.append(($0.last ?? 0) + $1.count) }
        var first = ByteSet()
        for candidate in unique { if let byte = candidate.first { first.insert(byte) } }
        self.firstBytes = first
    }

    /// Whether any literal occurs in `subject`.
    func isMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        if matchesEverything { return true }
        guard let base = subject.baseAddress else { return false }
        if starts.count == 2 {
            return flat.withUnsafeBufferPointer { contains($0, in: base, count: subject.count) }
        }
        return flat.withUnsafeBufferPointer { flat in
            starts.withUnsafeBufferPointer { starts in
                guard let flatBase = flat.baseAddress else { return false }
                let end = subject.count
                let literalCount = starts.count - 1
                var at = 0
                while at < end {
                    let byte = base[at]
                    if firstBytes.contains(byte) {
                        for index in 0..<literalCount {
                            let start = starts[index], length = starts[index + 1] - start
                            if length <= end - at, flatBase[start] == byte,
                                memcmp(base + at, flatBase + start, length) == 0
                            {
                                return true
                            }
                        }
                    }
                    at += 1
                }
                return false
            }
        }
    }

    /// Substring search: `memchr` for the first byte, `memcmp` for the rest.
    private func contains(_ needle: UnsafeBufferPointer<UInt8>, in base: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard let needleBase = needle.baseAddress, let first = needle.first else { return true }
        let lastStart = count - needle.count
        var at = 0
        while at <= lastStart {
            guard let found = memchr(base + at, Int32(first), lastStart - at + 1) else { return false }
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needleBase, needle.count) == 0 { return true }
            at = offset + 1
        }
        return false
    }
}
