import EdgeWire
import Glibc

/// Whether a byte string contains any of several literals, in one pass over the haystack.
///
/// With `m` the length of the shortest literal of two or more bytes, every occurrence covers `m - 1` consecutive
/// byte pairs that are all among the first `m - 1` pairs of its literal, so it suffices to look up the pair at
/// every `(m - 1)`th position in a 64 Kibit table of those pairs; only on a hit are the `m - 1` starting positions
/// that could cover it compared, with `memcmp`, against the literals starting with their byte. One-byte literals
/// are looked up per byte in a 256-bit table. Built once at compile time for `x contains "a" or x contains "b"`.
///
/// With a case mapping, the haystack is searched as if ASCII-lowercased (or uppercased) first, which is how
/// `lower(x) contains "a" or lower(x) contains "b"` is answered without building `lower(x)`.
struct MultiLiteralSearch: Sendable {
    /// How haystack bytes are mapped before they are compared.
    enum CaseMapping: Sendable {
        /// Bytes as they are.
        case none
        /// ASCII lowercase, as `lower` maps.
        case lower
        /// ASCII uppercase, as `upper` maps.
        case upper
    }

    /// The image of every byte under the case mapping.
    private let mapped: [UInt8]
    private let mapsCase: Bool
    /// Bit `b0 << 8 | b1` is set when `b0 b1` is among the first `shortestLong - 1` pairs of a literal.
    private let coveredPairs: [UInt64]
    /// Bit `b` is set when the one-byte literal `b` is searched for.
    private let singleBytes: [UInt64]
    /// The literals of two or more bytes, concatenated; `literalStarts[i]..<literalStarts[i + 1]` is literal `i`.
    private let literalBytes: [UInt8]
    private let literalStarts: [Int]
    /// Literals by first byte: `byFirstByte[firstByteStarts[b]..<firstByteStarts[b + 1]]` are their indices.
    private let byFirstByte: [Int]
    private let firstByteStarts: [Int]
    /// Length of the shortest literal of two or more bytes (`Int.max` when there is none).
    private let shortestLong: Int
    /// Whether the empty literal is among them (every value contains it).
    private let hasEmpty: Bool
    private let hasSingles: Bool

    init(_ literals: [[UInt8]], mapping: CaseMapping = .none) {
        mapped = (0...255).map { byte in
            switch mapping {
            case .none: UInt8(byte)
            case .lower: ASCII.lowercased(UInt8(byte))
            case .upper: ASCII.uppercased(UInt8(byte))
            }
        }
        mapsCase = mapping != .none
        let distinct = Array(Set(literals)).sorted { ByteOperations.compare($0, $1) < 0 }
        hasEmpty = distinct.contains { $0.isEmpty }
        var singles = [UInt64](repeating: 0, count: 4)
        var pairs = [UInt64](repeating: 0, count: 1024)
        var long: [[UInt8]] = []
        for literal in distinct {
            if literal.count == 1 {
                singles[Int(literal[0]) >> 6] |= 1 << UInt64(literal[0] & 63)
            } else if literal.count >= 2 {
                long.append(literal)
            }
        }
        let shortest = long.map(\.count).min() ?? Int.max
        for literal in long {
            for offset in 0..<(shortest - 1) {
                let pair = Int(literal[offset]) << 8 | Int(literal[offset + 1])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        hasSingles = singles.contains { $0 != 0 }
        singleBytes = singles
        coveredPairs = pairs
        literalBytes = long.flatMap { $0 }
        var starts = [0]
        for literal in long { starts.append(starts[starts.count - 1] + literal.count) }
        literalStarts = starts
        var byFirst: [Int] = []
        var firstStarts: [Int] = []
        for byte in 0...255 {
            firstStarts.append(byFirst.count)
            for (index, literal) in long.enumerated() where Int(literal[0]) == byte { byFirst.append(index) }
        }
        firstStarts.append(byFirst.count)
        byFirstByte = byFirst
        firstByteStarts = firstStarts
        shortestLong = shortest
    }

    /// Whether `haystack` contains at least one of the literals.
    func containsAny(_ haystack: [UInt8]) -> Bool {
        if hasEmpty { return true }
        return haystack.withUnsafeBufferPointer(containsAny)
    }

    /// Whether `haystack` contains at least one of the literals.
    func containsAny(_ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasEmpty { return true }
        guard let hay = haystack.baseAddress else { return false }
        let count = haystack.count
        return mapped.withUnsafeBufferPointer { table in
            guard let map = table.baseAddress else { return false }
            if hasSingles, containsSingleByte(hay, count, map) { return true }
            guard count >= shortestLong else { return false }
            let step = shortestLong - 1
            return coveredPairs.withUnsafeBufferPointer { pairs in
                guard let bits = pairs.baseAddress else { return false }
                var position = 0
                while position + 1 < count {
                    let pair = Int(map[Int(hay[position])]) << 8 | Int(map[Int(hay[position + 1])])
                    if bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 {
                        for start in max(0, position - step + 1)...position
                        where matchesLongLiteral(at: start, hay, count, map) {
                            return true
                        }
                    }
                    position += step
                }
                return false
            }
        }
    }

    private func containsSingleByte(_ hay: UnsafePointer<UInt8>, _ count: Int, _ map: UnsafePointer<UInt8>) -> Bool {
        singleBytes.withUnsafeBufferPointer { singles in
            for position in 0..<count {
                let byte = map[Int(hay[position])]
                if singles[Int(byte) >> 6] & (1 << UInt64(byte & 63)) != 0 { return true }
            }
            return false
        }
    }

    /// Whether a literal of two or more bytes occurs at `position` (of the mapped haystack). Kept out of line so
    /// that the scanning loop keeps its registers.
    @inline(never)
    private func matchesLongLiteral(
        at position: Int, _ hay: UnsafePointer<UInt8>, _ count: Int, _ map: UnsafePointer<UInt8>
    ) -> Bool {
        let first = Int(map[Int(hay[position])])
        return literalBytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            for slot in firstByteStarts[first]..<firstByteStarts[first + 1] {
                let index = byFirstByte[slot]
                let start = literalStarts[index]
                let length = literalStarts[index + 1] - start
                guard length <= count - position else { continue }
                if mapsCase {
                    if (0..<length).allSatisfy({ map[Int(hay[position + $0])] == base[start + $0] }) { return true }
                } else if memcmp(hay + position, base + start, length) == 0 {
                    return true
                }
            }
            return false
        }
    }
}
