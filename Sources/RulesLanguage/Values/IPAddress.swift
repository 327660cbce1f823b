/// An IPv4 or IPv6 address as the Rules language sees it: `ip.src` and IP literals.
///
/// IPv4 and IPv6 addresses are never equal, not even for IPv4-mapped IPv6 addresses, as in Cloudflare's engine.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address family.
    public enum Family: Hashable, Sendable {
        /// A 32-bit IPv4 address.
        case v4
        /// A 128-bit IPv6 address.
        case v6

        /// The number of bits in an address of this family.
        public var bitWidth: Int { self == .v4 ? 32 : 128 }
    }

    /// The address family.
    public let family: Family
    /// The upper 64 bits of an IPv6 address; zero for IPv4.
    public let high: UInt64
    /// The lower 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits.
    public let low: UInt64

    /// An IPv4 address from its 32-bit value.
    public init(v4 value: UInt32) {
        family = .v4
        high = 0
        low = UInt64(value)
    }

    /// An IPv6 address from its upper and lower 64 bits.
    public init(v6High high: UInt64, low: UInt64) {
        family = .v6
        self.high = high
        self.low = low
    }

    /// The unspecified IPv4 address `0.0.0.0`.
    public static let zeroV4 = IPAddress(v4: 0)

    /// Parses dotted IPv4 (`1.1.1.01` is `1.1.1.1`) or IPv6 text (with `::` and an embedded IPv4 tail); nil if malformed.
    public static func parse(_ text: String) -> IPAddress? { parse(bytes: Array(text.utf8)) }

    /// Parses an address from UTF-8 bytes; nil if malformed.
    public static func parse(bytes: [UInt8]) -> IPAddress? {
        if bytes.contains(UInt8(ascii: ":")) { return parseV6(bytes[...]) }
        return parseV4(bytes[...]).map { IPAddress(v4: $0) }
    }

    static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var current: UInt32 = 0
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | current
                parts += 1
                current = 0
                digits = 0
            } else if byte >= 0x30, byte <= 0x39 {
                current = current * 10 + UInt32(byte - 0x30)
                digits += 1
                guard digits <= 3, current <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | current
    }

    static func parseV6(_ bytes: ArraySlice<UInt8>) -> IPAddress? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var groups = Array(bytes).split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        // `::` at the start or end produces two empty groups; fold them into one gap marker.
        if groups.count >= 2, groups[0].isEmpty, groups[1].isEmpty { groups.removeFirst() }
        if groups.count >= 2, groups[groups.count - 1].isEmpty, groups[groups.count - 2].isEmpty { groups.removeLast() }
        for (index, group) in groups.enumerated() {
            if group.isEmpty {
                guard !sawGap else { return nil }
                sawGap = true
                continue
            }
            if index == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                guard let v4 = parseV4(group) else { return nil }
                let parts: [UInt16] = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                if sawGap { tail += parts } else { head += parts }
                continue
            }
            guard group.count <= 4, let value = parseHexGroup(group) else { return nil }
            if sawGap { tail.append(value) } else { head.append(value) }
        }
        let total = head.count + tail.count
        if sawGap { guard total <= 7 else { return nil } } else { guard total == 8 else { return nil } }
        let all = head + [UInt16](repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(all[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(all[index]) }
        return IPAddress(v6High: high, low: low)
    }

    private static func parseHexGroup(_ group: ArraySlice<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for byte in group {
            guard let digit = hexDigitValue(byte) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The address with every bit after the first `prefix` bits cleared.
    public func masked(toPrefix prefix: Int) -> IPAddress {
        switch family {
        case .v4:
            let bits = max(0, min(32, prefix))
            let mask: UInt32 = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
            return IPAddress(v4: UInt32(truncatingIfNeeded: low) & mask)
        case .v6:
            let bits = max(0, min(128, prefix))
            let highMask: UInt64 = bits >= 64 ? UInt64.max : (bits == 0 ? 0 : UInt64.max << UInt64(64 - bits))
            let lowMask: UInt64 = bits <= 64 ? 0 : (bits == 128 ? UInt64.max : UInt64.max << UInt64(128 - bits))
            return IPAddress(v6High: high & highMask, low: low & lowMask)
        }
    }

    /// The address with every bit after the first `prefix` bits set (the last address of the network).
    public func filled(fromPrefix prefix: Int) -> IPAddress {
        switch family {
        case .v4:
            let bits = max(0, min(32, prefix))
            let hostMask: UInt32 = bits == 32 ? 0 : UInt32.max >> UInt32(bits)
            return IPAddress(v4: UInt32(truncatingIfNeeded: low) | hostMask)
        case .v6:
            let bits = max(0, min(128, prefix))
            let highHost: UInt64 = bits >= 64 ? 0 : (bits == 0 ? UInt64.max : UInt64.max >> UInt64(bits))
            let lowHost: UInt64 = bits <= 64 ? UInt64.max : (bits == 128 ? 0 : UInt64.max >> UInt64(bits - 64))
            return IPAddress(v6High: high | highHost, low: low | lowHost)
        }
    }

    /// Orders IPv4 before IPv6, then by numeric value.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .v4 }
        return (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// Dotted quad for IPv4; RFC 5952 text (lowercase, longest zero run as `::`) for IPv6.
    public var description: String {
        switch family {
        case .v4:
            let value = UInt32(truncatingIfNeeded: low)
            return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
        case .v6:
            var groups: [UInt16] = []
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
            for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
            var bestStart = -1, bestLength = 0, runStart = -1
            for index in 0...8 {
                if index < 8, groups[index] == 0 {
                    if runStart < 0 { runStart = index }
                } else if runStart >= 0 {
                    if index - runStart > bestLength, index - runStart >= 2 { bestStart = runStart; bestLength = index - runStart }
                    runStart = -1
                }
            }
            func hex(_ range: Range<Int>) -> String {
                groups[range].map { String($0, radix: 16) }.joined(separator: ":")
            }
            if bestStart < 0 { return hex(0..<8) }
            return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
        }
    }
}

/// The value of an ASCII hex digit, or nil.
@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
}
