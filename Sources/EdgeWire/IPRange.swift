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
        guard prefix >= 0, prefix <= address.family.bitWidth, address.masked(toPrefix: prefix) == address else {
            return nil
        }
        lower = address
        upper = address.filled(fromPrefix: prefix)
    }

    /// Parses `a.b.c.d`, `a.b.c.d/n`, `x::/n` or `a..b` (the forms a named IP list holds); nil if malformed,
    /// if a CIDR has host bits set, or if a range is reversed or mixes families.
    public static func parse(_ text: String) -> IPRange? {
        if let dots = text.firstRange(of: "..") {
            guard let lower = IPAddress.parse(String(text[..<dots.lowerBound])),
                let upper = IPAddress.parse(String(text[dots.upperBound...]))
            else { return nil }
            return IPRange(lower: lower, upper: upper)
        }
        if let slash = text.firstIndex(of: "/") {
            guard let address = IPAddress.parse(String(text[..<slash])),
                let prefix = Int(text[text.index(after: slash)...])
            else { return nil }
            return IPRange(network: address, prefix: prefix)
        }
        return IPAddress.parse(text).map(IPRange.init(single:))
    }

    /// Whether `address` lies in the range.
    @inlinable @inline(__always)
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
