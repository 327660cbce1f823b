/// A pattern where each star matches any run of bytes (also `/` and none) and every other byte matches itself,
/// anchored at both ends: `/v1/*` matches `/v1/items`. The Rules language's `wildcard`/`strict wildcard` operators
/// (which first resolve their `\*` and `\\` escapes) and the model's path patterns (where every `*` is a star)
/// match with it.
public struct StarGlob: Sendable, Equatable {
    /// The literal pieces around the stars, one more than there are stars (the first or last piece is empty when
    /// the pattern starts or ends with a star); lower-cased when `ignoresASCIICase`.
    public let pieces: [[UInt8]]
    /// Whether ASCII letters match regardless of case (the `wildcard` operator) or exactly (`strict wildcard`,
    /// path patterns).
    public let ignoresASCIICase: Bool

    /// A glob from the literal pieces between its stars (escapes already resolved); `pieces` must not be empty.
    public init(pieces: [[UInt8]], ignoresASCIICase: Bool) {
        precondition(!pieces.isEmpty, "a glob has at least one piece")
        self.pieces = ignoresASCIICase ? pieces.map { $0.map(ASCII.lowercased) } : pieces
        self.ignoresASCIICase = ignoresASCIICase
    }

    /// A case-sensitive glob where every `*` in `pattern` is a star and there are no escapes.
    public init(starsIn pattern: [UInt8]) {
        self.init(
            pieces: pattern.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init),
            ignoresASCIICase: false)
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: [UInt8]) -> Bool {
        value.withUnsafeBytes { matches($0) }
    }

    /// Whether the whole of the bytes of `value` matches.
    public func matches(_ value: UnsafeRawBufferPointer) -> Bool {
        // The first piece anchors the start, the last piece the end; middle pieces are found left to right,
        // each at its leftmost place, which is enough with stars as the only operator.
        let first = pieces[0]
        if pieces.count == 1 { return value.count == first.count && occurs(first, in: value, at: 0) }
        let last = pieces[pieces.count - 1]
        guard value.count >= first.count + last.count, occurs(first, in: value, at: 0),
            occurs(last, in: value, at: value.count - last.count)
        else { return false }
        var position = first.count
        let limit = value.count - last.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = find(piece, in: value, from: position, before: limit) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// Whether `piece` stands in `value` at `offset` (the caller keeps it in range). Runs per request on every path
    /// pattern, so it reads through pointers without bounds checks.
    @inline(__always)
    private func occurs(_ piece: [UInt8], in value: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        piece.withUnsafeBufferPointer { expected in
            guard let base = value.baseAddress, let wanted = expected.baseAddress else { return expected.isEmpty }
            let start = base + offset
            if ignoresASCIICase {
                for index in 0..<expected.count
                where ASCII.lowercased(start.load(fromByteOffset: index, as: UInt8.self)) != wanted[index] {
                    return false
                }
                return true
            }
            for index in 0..<expected.count where start.load(fromByteOffset: index, as: UInt8.self) != wanted[index] {
                return false
            }
            return true
        }
    }

    /// The leftmost offset in `start..<end` where `piece` ends no later than `end`, or nil.
    private func find(_ piece: [UInt8], in value: UnsafeRawBufferPointer, from start: Int, before end: Int) -> Int? {
        var offset = start
        while offset + piece.count <= end {
            if occurs(piece, in: value, at: offset) { return offset }
            offset += 1
        }
        return nil
    }
}
