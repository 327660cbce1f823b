/// A set of byte values, 256 bits.
struct ByteSet: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let empty = ByteSet()
    static let all = ByteSet(ranges: [0...255])

    init() {}

    init(ranges: [ClosedRange<UInt8>]) {
        for range in ranges { insert(range) }
    }

    init(byte: UInt8) {
        insert(byte)
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    var isEmpty: Bool { words.0 | words.1 | words.2 | words.3 == 0 }
    var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }
    var isASCII: Bool { words.2 | words.3 == 0 }
    var isFull: Bool { self == .all }

    func union(_ other: ByteSet) -> ByteSet {
        var result = ByteSet()
        result.words = (
            words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3
        )
        return result
    }

    func intersection(_ other: ByteSet) -> ByteSet {
        var result = ByteSet()
        result.words = (
            words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3
        )
        return result
    }

    func subtracting(_ other: ByteSet) -> ByteSet {
        intersection(other.inverted)
    }

    func symmetricDifference(_ other: ByteSet) -> ByteSet {
        var result = ByteSet()
        result.words = (
            words.0 ^ other.words.0, words.1 ^ other.words.1, words.2 ^ other.words.2, words.3 ^ other.words.3
        )
        return result
    }

    var inverted: ByteSet {
        var result = ByteSet()
        result.words = (~words.0, ~words.1, ~words.2, ~words.3)
        return result
    }

    /// The set closed under ASCII case folding (`a` ↔ `A`).
    var asciiCaseFolded: ByteSet {
        var result = self
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            if contains(byte) || contains(byte | 0x20) {
                result.insert(byte)
                result.insert(byte | 0x20)
            }
        }
        return result
    }

    /// The members as maximal ranges, ascending.
    var ranges: [ClosedRange<UInt8>] {
        var result: [ClosedRange<UInt8>] = []
        var start: Int?
        for value in 0...256 {
            let member = value < 256 && contains(UInt8(value))
            if member, start == nil { start = value }
            if !member, let first = start {
                result.append(UInt8(first)...UInt8(value - 1))
                start = nil
            }
        }
        return result
    }

    /// The only member, when there is exactly one.
    var singleByte: UInt8? {
        guard count == 1, let range = ranges.first else { return nil }
        return range.lowerBound
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
