import EdgeWire
import Glibc

/// A linear-time matcher: Thompson NFA simulation over bytes (a Pike VM without captures, since `matches` only
/// asks whether there is a match). Time is O(subject length × program size); it never backtracks. A search may
/// be given a budget of thread steps (one live thread moved over one byte), after which it stops undecided.
///
/// Thread states live in sparse sets; a ring of five sets holds the states waiting at the next four offsets,
/// because a Unicode scalar instruction consumes up to four bytes at once.
struct PikeVM: Sendable {
    let program: PikeProgram

    init(_ program: PikeProgram) {
        self.program = program
    }

    /// How a budgeted search ended.
    enum Outcome: Equatable {
        case match, noMatch
        /// The search used its budget of thread steps before it could decide.
        case outOfBudget
    }

    /// Whether the program matches anywhere in `subject`, however long that takes.
    func isMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        search(subject, budget: .max) == .match
    }

    /// Searches `subject` anywhere, giving up after `budget` thread steps.
    func search(_ subject: UnsafeBufferPointer<UInt8>, budget: Int) -> Outcome {
        let size = program.instructions.count
        // Five rings of (dense, sparse), the closure stack (2*size + 2), and five counts.
        let slots = size * 12 + 2 + 5
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { memory in
            guard let base = memory.baseAddress else { return .noMatch }
            base.initialize(repeating: 0, count: slots)
            return program.instructions.withUnsafeBufferPointer { code in
                program.byteSetWords.withUnsafeBufferPointer { words in
                    program.scalarSets.withUnsafeBufferPointer { scalarSets in
                        var run = Run(
                            code: code, words: words, scalarSets: scalarSets, program: program,
                            subject: subject, memory: base, size: size)
                        return run.search(budget: budget)
                    }
                }
            }
        }
    }

    /// One search over borrowed program tables and scratch memory.
    private struct Run {
        let code: UnsafeBufferPointer<PikeProgram.Instruction>
        let words: UnsafeBufferPointer<UInt64>
        let scalarSets: UnsafeBufferPointer<ScalarSet>
        let subject: UnsafeBufferPointer<UInt8>
        let size: Int
        let memory: UnsafeMutablePointer<Int32>
        let stack: UnsafeMutablePointer<Int32>
        let counts: UnsafeMutablePointer<Int32>
        let start: Int32
        let anchoredAtStart: Bool
        let firstBytes: ByteSet?
        let firstByte: UInt8?

        init(
            code: UnsafeBufferPointer<PikeProgram.Instruction>, words: UnsafeBufferPointer<UInt64>,
            scalarSets: UnsafeBufferPointer<ScalarSet>, program: PikeProgram, subject: UnsafeBufferPointer<UInt8>,
            memory: UnsafeMutablePointer<Int32>, size: Int
        ) {
            self.code = code
            self.words = words
            self.scalarSets = scalarSets
            self.subject = subject
            self.size = size
            self.memory = memory
            self.stack = memory + 10 * size
            self.counts = memory + 12 * size + 2
            self.start = program.start
            self.anchoredAtStart = program.anchoredAtStart
            self.firstBytes = program.firstBytes
            self.firstByte = program.firstByte
        }

        /// Adds `pc` and everything reachable from it without consuming input at offset `at` to ring `slot`;
        /// true when a match state is reached.
        @inline(__always)
        private func addClosure(slot: Int, pc entry: Int32, at: Int) -> Bool {
            let dense = memory + slot * 2 * size, sparse = dense + size
            var n = Int(counts[slot])
            stack[0] = entry
            var top = 1
            defer { counts[slot] = Int32(n) }
            while top > 0 {
                top -= 1
                let pc = Int(stack[top])
                let index = Int(sparse[pc])
                if index < n && dense[index] == Int32(pc) { continue }
                sparse[pc] = Int32(n)
                dense[n] = Int32(pc)
                n += 1
                let instruction = code[pc]
                switch instruction.operation {
                case .match:
                    return true
                case .split:
                    stack[top] = instruction.alternative
                    stack[top + 1] = instruction.next
                    top += 2
                case .look:
                    if let look = RegexLook(rawValue: UInt8(truncatingIfNeeded: instruction.argument)),
                        LookEvaluator.holds(look, in: subject, at: at)
                    {
                        stack[top] = instruction.next
                        top += 1
                    }
                case .byte, .byteSet, .scalarSet:
                    break
                }
            }
            return false
        }

        @inline(__always)
        private func isIdle() -> Bool {
            counts[0] | counts[1] | counts[2] | counts[3] | counts[4] == 0
        }

        /// The next offset at or after `from` whose byte can start a match.
        private func nextCandidate(from: Int, firstBytes: ByteSet) -> Int {
            let end = subject.count
            guard from < end, let base = subject.baseAddress else { return end }
            if let firstByte {
                guard let found = memchr(base + from, Int32(firstByte), end - from) else { return end }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var at = from
            while at < end, !firstBytes.contains(base[at]) { at += 1 }
            return at
        }

        mutating func search(budget: Int) -> Outcome {
            let end = subject.count
            var at = 0
            var remaining = budget
            while true {
                let slot = at % 5
                if !anchoredAtStart || at == 0 {
                    if let firstBytes, isIdle() {
                        let candidate = nextCandidate(from: at, firstBytes: firstBytes)
                        if candidate >= end { return .noMatch }
                        if candidate != at {
                            at = candidate
                            continue
                        }
                    }
                    if addClosure(slot: slot, pc: start, at: at) { return .match }
                } else if isIdle() {
                    return .noMatch
                }
                if at >= end { return .noMatch }
                remaining -= Int(counts[slot])
                if remaining < 0 { return .outOfBudget }
                let byte = subject[at]
                let next = (at + 1) % 5
                let dense = memory + slot * 2 * size
                var i = 0
                while i < Int(counts[slot]) {
                    let instruction = code[Int(dense[i])]
                    i += 1
                    switch instruction.operation {
                    case .byte:
                        if UInt32(byte) == instruction.argument,
                            addClosure(slot: next, pc: instruction.next, at: at + 1)
                        {
                            return .match
                        }
                    case .byteSet:
                        let word = words[Int(instruction.argument) &* 4 &+ Int(byte >> 6)]
                        if word & (1 << UInt64(byte & 63)) != 0,
                            addClosure(slot: next, pc: instruction.next, at: at + 1)
                        {
                            return .match
                        }
                    case .scalarSet where byte < 0x80:
                        let word = words[Int(instruction.alternative) &* 4 &+ Int(byte >> 6)]
                        if word & (1 << UInt64(byte & 63)) != 0,
                            addClosure(slot: next, pc: instruction.next, at: at + 1)
                        {
                            return .match
                        }
                    case .scalarSet:
                        if let decoded = UTF8Validation.decodeScalar(subject, at: at),
                            scalarSets[Int(instruction.argument)].contains(decoded.value),
                            addClosure(slot: (at + decoded.length) % 5, pc: instruction.next, at: at + decoded.length)
                        {
                            return .match
                        }
                    case .split, .look, .match:
                        break
                    }
                }
                counts[slot] = 0
                at += 1
            }
        }
    }
}
