#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear-time matcher: Thompson NFA simulation over bytes (a Pike VM without captures, since `matches` only
/// asks whether there is a match). Time is O(subject length × program size); it never backtracks.
///
/// Thread states live in sparse sets; a ring of five sets holds the states waiting at the next four offsets,
/// because a Unicode scalar instruction consumes up to four bytes at once.
struct PikeVM: Sendable {
    let program: PikeProgram

    init(_ program: PikeProgram) {
        self.program = program
    }

    /// Whether the program matches anywhere in `subject`.
    func isMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let size = program.instructions.count
        let slots = size * 12 + 2
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots) { memory in
            guard let base = memory.baseAddress else { return false }
            base.initialize(repeating: 0, count: slots)
            return program.instructions.withUnsafeBufferPointer { code in
                var run = Run(code: code, program: program, subject: subject, memory: base, size: size)
                return run.search()
            }
        }
    }

    /// One search: the sparse sets and the closure stack live in `memory`.
    private struct Run {
        let code: UnsafeBufferPointer<PikeProgram.Instruction>
        let program: PikeProgram
        let subject: UnsafeBufferPointer<UInt8>
        let size: Int
        /// Per ring slot: dense at `memory + slot*2*size`, sparse right after; then the closure stack (2*size + 2).
        let memory: UnsafeMutablePointer<Int32>
        var counts: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
        let stack: UnsafeMutablePointer<Int32>

        init(code: UnsafeBufferPointer<PikeProgram.Instruction>, program: PikeProgram, subject: UnsafeBufferPointer<UInt8>,
             memory: UnsafeMutablePointer<Int32>, size: Int) {
            self.code = code
            self.program = program
            self.subject = subject
            self.memory = memory
            self.size = size
            self.stack = memory + 10 * size
        }

        @inline(__always) private func dense(_ slot: Int) -> UnsafeMutablePointer<Int32> { memory + slot * 2 * size }
        @inline(__always) private func sparse(_ slot: Int) -> UnsafeMutablePointer<Int32> { memory + slot * 2 * size + size }

        @inline(__always) private func count(_ slot: Int) -> Int {
            switch slot {
            case 0: return counts.0
            case 1: return counts.1
            case 2: return counts.2
            case 3: return counts.3
            default: return counts.4
            }
        }

        @inline(__always) private mutating func setCount(_ slot: Int, _ value: Int) {
            switch slot {
            case 0: counts.0 = value
            case 1: counts.1 = value
            case 2: counts.2 = value
            case 3: counts.3 = value
            default: counts.4 = value
            }
        }

        /// Adds `pc` and everything reachable from it without consuming input at offset `at` to ring `slot`;
        /// true when a match state is reached.
        private mutating func addClosure(slot: Int, pc start: Int32, at: Int) -> Bool {
            let denseSet = dense(slot), sparseSet = sparse(slot)
            var n = count(slot)
            var top = 0
            stack[0] = start
            top = 1
            while top > 0 {
                top -= 1
                let pc = stack[top]
                let index = Int(sparseSet[Int(pc)])
                if index < n && denseSet[index] == pc { continue }
                sparseSet[Int(pc)] = Int32(n)
                denseSet[n] = pc
                n += 1
                let instruction = code[Int(pc)]
                switch instruction.operation {
                case .match:
                    setCount(slot, n)
                    return true
                case .split:
                    stack[top] = instruction.alternative
                    stack[top + 1] = instruction.next
                    top += 2
                case .look:
                    if LookEvaluator.holds(program.looks[Int(instruction.argument)], in: subject, at: at) {
                        stack[top] = instruction.next
                        top += 1
                    }
                case .byte, .byteSet, .scalarSet:
                    break
                }
            }
            setCount(slot, n)
            return false
        }

        private func isIdle() -> Bool {
            counts.0 == 0 && counts.1 == 0 && counts.2 == 0 && counts.3 == 0 && counts.4 == 0
        }

        /// The next offset at or after `from` whose byte can start a match.
        private func nextCandidate(from: Int, firstBytes: ByteSet) -> Int {
            var at = from
            let end = subject.count
            if let single = firstBytes.singleByte, let base = subject.baseAddress {
                guard at < end, let found = memchr(base + at, Int32(single), end - at) else { return end }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            while at < end, !firstBytes.contains(subject[at]) { at += 1 }
            return at
        }

        mutating func search() -> Bool {
            let end = subject.count
            var at = 0
            while true {
                let slot = at % 5
                if !program.anchoredAtStart || at == 0 {
                    if isIdle(), let firstBytes = program.firstBytes {
                        let candidate = nextCandidate(from: at, firstBytes: firstBytes)
                        if candidate >= end { return false }
                        if candidate != at {
                            at = candidate
                            continue
                        }
                    }
                    if addClosure(slot: slot, pc: program.start, at: at) { return true }
                } else if isIdle() {
                    return false
                }
                if at >= end { return false }
                let byte = subject[at]
                let denseSet = dense(slot)
                var i = 0
                while i < count(slot) {
                    let pc = denseSet[i]
                    i += 1
                    let instruction = code[Int(pc)]
                    switch instruction.operation {
                    case .byte:
                        if UInt32(byte) == instruction.argument, addClosure(slot: (at + 1) % 5, pc: instruction.next, at: at + 1) {
                            return true
                        }
                    case .byteSet:
                        if program.byteSets[Int(instruction.argument)].contains(byte),
                           addClosure(slot: (at + 1) % 5, pc: instruction.next, at: at + 1) {
                            return true
                        }
                    case .scalarSet:
                        if let decoded = decodeUTF8Scalar(subject, at: at),
                           program.scalarSets[Int(instruction.argument)].contains(decoded.value),
                           addClosure(slot: (at + decoded.length) % 5, pc: instruction.next, at: at + decoded.length) {
                            return true
                        }
                    case .split, .look, .match:
                        break
                    }
                }
                setCount(slot, 0)
                at += 1
            }
        }
    }
}
