/// A constant set of byte strings for `in {…}` and string lists: a short list is scanned (cheaper than hashing a
/// key), a long one is hashed once at compile time.
struct ByteStringSet: Sendable {
    private let small: [[UInt8]]
    private let hashed: Set<[UInt8]>
    private let usesHash: Bool

    /// Above this many distinct items, lookups hash.
    private static let linearLimit = 8

    init(_ items: [[UInt8]]) {
        let distinct = Array(Set(items)).sorted { ByteOperations.compare($0, $1) < 0 }
        usesHash = distinct.count > Self.linearLimit
        small = usesHash ? [] : distinct
        hashed = usesHash ? Set(distinct) : []
    }

    @inline(__always)
    func contains(_ value: [UInt8]) -> Bool {
        if usesHash { return hashed.contains(value) }
        for item in small where item == value { return true }
        return false
    }

    /// Whether a borrowed value can be tested without copying it (a scanned set; a hashed one needs an array).
    var testsBorrowed: Bool { !usesHash }

    /// Whether the set contains the borrowed `value`; only for sets that `testsBorrowed`.
    @inline(__always)
    func contains(borrowed value: UnsafeBufferPointer<UInt8>) -> Bool {
        for item in small where ByteOperations.equal(value, item) { return true }
        return false
    }
}

/// A constant set of integers and integer ranges, merged and sorted for binary search.
struct IntegerRangeSet: Sendable {
    private let lowers: [Int64]
    private let uppers: [Int64]

    init(_ ranges: [ClosedRange<Int64>]) {
        var lowers: [Int64] = []
        var uppers: [Int64] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = uppers.last, range.lowerBound <= last || range.lowerBound == last &+ 1 && last != Int64.max {
                uppers[uppers.count - 1] = max(last, range.upperBound)
            } else {
                lowers.append(range.lowerBound)
                uppers.append(range.upperBound)
            }
        }
        self.lowers = lowers
        self.uppers = uppers
    }

    @inline(__always)
    func contains(_ value: Int64) -> Bool {
        var low = 0
        var high = lowers.count
        while low < high {
            let middle = (low + high) / 2
            if lowers[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low > 0 && value <= uppers[low - 1]
    }
}
