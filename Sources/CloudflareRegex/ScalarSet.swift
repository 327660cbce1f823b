/// A set of Unicode scalar values as sorted, disjoint, non-adjacent ranges (surrogates never included).
struct ScalarSet: Hashable, Sendable {
    private(set) var ranges: [ClosedRange<UInt32>]

    static let empty = ScalarSet(normalized: [])
    static let all = ScalarSet([0...0x10FFFF])

    /// Builds a set from arbitrary ranges (unsorted, overlapping and covering surrogates are all fine).
    init(_ ranges: [ClosedRange<UInt32>]) {
        var sorted = ranges.map { $0.lowerBound...min($0.upperBound, 0x10FFFF) }.filter { $0.lowerBound <= 0x10FFFF }
        sorted.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.init(normalized: Self.removingSurrogates(merged))
    }

    private init(normalized: [ClosedRange<UInt32>]) {
        self.ranges = normalized
    }

    private static func removingSurrogates(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges {
            if range.upperBound < 0xD800 || range.lowerBound > 0xDFFF {
                result.append(range)
                continue
            }
            if range.lowerBound < 0xD800 { result.append(range.lowerBound...0xD7FF) }
            if range.upperBound > 0xDFFF { result.append(0xE000...range.upperBound) }
        }
        return result
    }

    var isEmpty: Bool { ranges.isEmpty }
    var isASCII: Bool { ranges.last.map { $0.upperBound < 0x80 } ?? true }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(ranges + other.ranges) }

    /// The complement within all Unicode scalar values.
    var inverted: ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return ScalarSet(result)
    }

    func intersection(_ other: ScalarSet) -> ScalarSet { inverted.union(other.inverted).inverted }
    func subtracting(_ other: ScalarSet) -> ScalarSet { intersection(other.inverted) }
    func symmetricDifference(_ other: ScalarSet) -> ScalarSet { subtracting(other).union(other.subtracting(self)) }

    /// The ASCII members as a byte set.
    var asciiBytes: ByteSet {
        var set = ByteSet()
        for range in ranges where range.lowerBound < 0x80 {
            set.insert(UInt8(range.lowerBound)...UInt8(min(range.upperBound, 0x7F)))
        }
        return set
    }

    /// The set of the given bytes read as the scalars U+0000…U+00FF.
    init(latin1 bytes: ByteSet) {
        self.init(bytes.ranges.map { UInt32($0.lowerBound)...UInt32($0.upperBound) })
    }
}
