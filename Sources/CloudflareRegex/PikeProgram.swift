/// A Thompson NFA over bytes for the Pike VM, compiled from `RegexHIR`.
///
/// Unicode scalar classes are single instructions that decode one UTF-8 scalar (1–4 bytes), so `(?u)\w` does not
/// expand into a large byte automaton.
struct PikeProgram: Sendable {
    /// What an instruction does.
    enum Operation: UInt8, Sendable {
        /// Consume the byte `argument`, continue at `next`.
        case byte
        /// Consume a byte in byte set number `argument` (words `4*argument ..< 4*argument+4` of `byteSetWords`).
        case byteSet
        /// Consume one UTF-8 scalar in `scalarSets[argument]`; `alternative` is the byte set of its ASCII members,
        /// tested directly for ASCII bytes without decoding.
        case scalarSet
        /// Continue at both `next` and `alternative`.
        case split
        /// Continue at `next` when the `RegexLook` with raw value `argument` holds here.
        case look
        /// A match.
        case match
    }

    /// One instruction, 16 bytes.
    struct Instruction: Sendable {
        var operation: Operation
        var argument: UInt32
        var next: Int32
        var alternative: Int32
    }

    private(set) var instructions: [Instruction] = []
    /// Byte sets as 256-bit bitmaps, four words each.
    private(set) var byteSetWords: [UInt64] = []
    private(set) var scalarSets: [ScalarSet] = []
    /// Entry point.
    private(set) var start: Int32 = 0
    /// True when every match must start at offset 0 (the pattern begins with `\A`/`^`).
    private(set) var anchoredAtStart = false
    /// Bytes that can begin a match, when a match cannot be empty; lets the VM skip idle stretches.
    private(set) var firstBytes: ByteSet?
    /// The only byte that can begin a match, when there is exactly one (the VM then skips with `memchr`).
    private(set) var firstByte: UInt8?

    /// Compiles `hir`; the caller has checked `RegexSizeLimit`.
    init(_ hir: RegexHIR) {
        let matchIndex = emit(Instruction(operation: .match, argument: 0, next: -1, alternative: -1))
        start = compile(hir, then: matchIndex)
        anchoredAtStart = Self.startsWithStartAnchor(hir)
        firstBytes = computeFirstBytes()
        firstByte = firstBytes?.singleByte
    }

    private mutating func emit(_ instruction: Instruction) -> Int32 {
        instructions.append(instruction)
        return Int32(instructions.count - 1)
    }

    private mutating func emit(_ operation: Operation, _ argument: UInt32 = 0, next: Int32, alternative: Int32 = -1)
        -> Int32
    {
        emit(Instruction(operation: operation, argument: argument, next: next, alternative: alternative))
    }

    /// Compiles `hir` so that it continues at `then`; returns its entry.
    private mutating func compile(_ hir: RegexHIR, then: Int32) -> Int32 {
        switch hir {
        case .empty:
            return then
        case let .literal(bytes):
            var entry = then
            for byte in bytes.reversed() { entry = emit(.byte, UInt32(byte), next: entry) }
            return entry
        case let .bytes(set):
            if let single = set.singleByte { return emit(.byte, UInt32(single), next: then) }
            byteSetWords += [set.words.0, set.words.1, set.words.2, set.words.3]
            return emit(.byteSet, UInt32(byteSetWords.count / 4 - 1), next: then)
        case let .scalars(set):
            scalarSets.append(set)
            let ascii = set.asciiBytes
            byteSetWords += [ascii.words.0, ascii.words.1, ascii.words.2, ascii.words.3]
            return emit(
                .scalarSet, UInt32(scalarSets.count - 1), next: then, alternative: Int32(byteSetWords.count / 4 - 1))
        case let .look(look):
            return emit(.look, UInt32(look.rawValue), next: then)
        case let .concat(items):
            var entry = then
            for item in items.reversed() { entry = compile(item, then: entry) }
            return entry
        case let .alternation(branches):
            guard var entry = branches.last.map({ compile($0, then: then) }) else { return then }
            for branch in branches.dropLast().reversed() {
                let branchEntry = compile(branch, then: then)
                entry = emit(.split, next: branchEntry, alternative: entry)
            }
            return entry
        case let .repetition(min, max, sub, _):
            var entry = then
            if let max {
                for _ in 0..<(max - min) {
                    let body = compile(sub, then: entry)
                    entry = emit(.split, next: body, alternative: then)
                }
            } else {
                let loop = emit(.split, next: -1, alternative: then)
                let body = compile(sub, then: loop)
                instructions[Int(loop)].next = body
                entry = loop
            }
            for _ in 0..<min { entry = compile(sub, then: entry) }
            return entry
        }
    }

    private static func startsWithStartAnchor(_ hir: RegexHIR) -> Bool {
        switch hir {
        case .look(.start): return true
        case let .concat(items): return items.first.map(startsWithStartAnchor) ?? false
        case let .alternation(branches): return !branches.isEmpty && branches.allSatisfy(startsWithStartAnchor)
        default: return false
        }
    }

    /// Over-approximates the bytes a match can start with (assertions assumed to hold); nil when a match can be
    /// empty or any byte can start one.
    private func computeFirstBytes() -> ByteSet? {
        var set = ByteSet()
        var visited = Set<Int32>()
        var stack = [start]
        while let pc = stack.popLast() {
            guard pc >= 0, visited.insert(pc).inserted else { continue }
            let instruction = instructions[Int(pc)]
            switch instruction.operation {
            case .match: return nil
            case .byte: set.insert(UInt8(instruction.argument))
            case .byteSet:
                let word = Int(instruction.argument) * 4
                var member = ByteSet()
                member.words = (
                    byteSetWords[word], byteSetWords[word + 1], byteSetWords[word + 2], byteSetWords[word + 3]
                )
                set = set.union(member)
            case .scalarSet:
                for range in scalarSets[Int(instruction.argument)].ranges {
                    set.insert(Self.leadByte(range.lowerBound)...Self.leadByte(range.upperBound))
                }
            case .split:
                stack.append(instruction.next)
                stack.append(instruction.alternative)
            case .look:
                stack.append(instruction.next)
            }
        }
        return set.isFull ? nil : set
    }

    /// The first byte of the UTF-8 encoding of `value` (monotonic in `value`).
    private static func leadByte(_ value: UInt32) -> UInt8 {
        switch value {
        case ..<0x80: return UInt8(value)
        case ..<0x800: return UInt8(0xC0 | (value >> 6))
        case ..<0x10000: return UInt8(0xE0 | (value >> 12))
        default: return UInt8(0xF0 | (value >> 18))
        }
    }
}
