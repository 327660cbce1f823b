import Foundation

/// An inclusive range of addresses of one family: a single address, a CIDR network or `a..b`.
public struct IPRange: Hashable, Sendable, CustomStringConvertible {
    /// The first address in the range.
    public let lower: IPAddress
    /// The last address in the range.
    public let upper: IPAddress

    /// A range from `lower` to `upper`; nil when the families differ or `upper < lower`.
    public init?(lower: IPAddress, upper: IPAddress) {
        guard lower.family == upper.family, lower <= upper else { return nil }
        self.lower = lower
        self.upper = upper
    }

    /// The one-address range.
    public init(single address: IPAddress) {
        lower = address
        upper = address
    }

    /// The network `address/prefix`; nil when the prefix is too long or host bits are set.
    public init?(network address: IPAddress, prefix: Int) {
        guard prefix >= 0, prefix <= address.family.bitWidth, address.masked(toPrefix: prefix) == address else { return nil }
        lower = address
        upper = address.filled(fromPrefix: prefix)
    }

    /// Parses `a.b.c.d`, `a.b.c.d/n`, `x::/n` or `a..b` (the forms a named IP list holds); nil if malformed,
    /// if a CIDR has host bits set, or if a range is reversed or mixes families.
    public static func parse(_ text: String) -> IPRange? {
        if let dots = text.range(of: "..") {
            guard let lower = IPAddress.parse(String(text[..<dots.lowerBound])),
                  let upper = IPAddress.parse(String(text[dots.upperBound...])) else { return nil }
            return IPRange(lower: lower, upper: upper)
        }
        if let slash = text.firstIndex(of: "/") {
            guard let address = IPAddress.parse(String(text[..<slash])),
                  let prefix = Int(text[text.index(after: slash)...]) else { return nil }
            return IPRange(network: address, prefix: prefix)
        }
        return IPAddress.parse(text).map(IPRange.init(single:))
    }

    /// Whether `address` lies in the range.
    @inline(__always)
    public func contains(_ address: IPAddress) -> Bool {
        address.family == lower.family && lower <= address && address <= upper
    }

    /// The CIDR prefix length when the range is exactly one network, else nil.
    public var prefixLength: Int? {
        for prefix in 0...lower.family.bitWidth where IPRange(network: lower, prefix: prefix)?.upper == upper {
            return prefix
        }
        return nil
    }

    /// `a.b.c.d` for one address, `net/len` for a network, else `a..b`.
    public var description: String {
        if lower == upper { return lower.description }
        if let prefix = prefixLength { return "\(lower)/\(prefix)" }
        return "\(lower)..\(upper)"
    }
}

/// A set of IP ranges merged into sorted, disjoint intervals for binary search.
struct IPRangeSet: Sendable {
    private let starts: [IPAddress]
    private let ends: [IPAddress]

    init(_ ranges: [IPRange]) {
        let sorted = ranges.sorted { $0.lower < $1.lower }
        var starts: [IPAddress] = []
        var ends: [IPAddress] = []
        for range in sorted {
            if let last = ends.last, last.family == range.lower.family,
               range.lower <= last || IPRangeSet.isSuccessor(range.lower, of: last) {
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
    @inline(__always)
    func contains(_ address: IPAddress) -> Bool {
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
