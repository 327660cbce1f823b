/// A set of IP ranges merged into sorted, disjoint intervals, searched in O(log n): `ip.src in {…}` and named IP
/// lists test every request against one.
public struct IPRangeSet: Sendable {
    /// The first address of each interval, ascending.
    @usableFromInline let starts: [IPAddress]
    /// The last address of each interval, in the order of `starts`.
    @usableFromInline let ends: [IPAddress]

    /// Merges `ranges`; overlapping and adjacent ranges of one family become one interval.
    public init(_ ranges: [IPRange]) {
        let sorted = ranges.sorted { $0.lower < $1.lower }
        var starts: [IPAddress] = []
        var ends: [IPAddress] = []
        for range in sorted {
            if let last = ends.last, last.family == range.lower.family,
                range.lower <= last || IPRangeSet.isSuccessor(range.lower, of: last)
            {
                if range.upper > last { ends[ends.count - 1] = range.upper }
            } else {
                starts.append(range.lower)
                ends.append(range.upper)
            }
        }
        self.starts = starts
        self.ends = ends
    }

    private static func isSuccessor(_ next: IPAddress, of previous: IPAddress) -> Bool {
        if previous.low == UInt64.max {
            return previous.high != UInt64.max && next.high == previous.high &+ 1 && next.low == 0
        }
        return next.high == previous.high && next.low == previous.low &+ 1
    }

    /// Whether any range contains `address`.
    @inlinable @inline(__always)
    public func contains(_ address: IPAddress) -> Bool {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return false }
        let end = ends[low - 1]
        return end.family == address.family && address <= end
    }
}
