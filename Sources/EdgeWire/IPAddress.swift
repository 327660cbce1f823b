/// An IPv4 or IPv6 address: `ip.src`, an IP literal of the Rules language, a trace's client address.
///
/// IPv4 addresses are kept as their 32 bits in `low` (not as IPv4-mapped IPv6), so `1.2.3.4` and `::ffff:1.2.3.4`
/// stay different values, as they are different `ip.src` values at the edge and are never equal in Cloudflare's
/// engine.
@frozen
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address family.
    @frozen
    public enum Family: Hashable, Sendable {
        /// A 32-bit IPv4 address.
        case v4
        /// A 128-bit IPv6 address.
        case v6

        /// The number of bits in an address of this family.
        @inlinable
        public var bitWidth: Int { self == .v4 ? 32 : 128 }
    }

    /// The address family.
    public let family: Family
    /// The upper 64 bits of an IPv6 address; zero for IPv4.
    public let high: UInt64
    /// The lower 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits.
    public let low: UInt64

    /// An IPv4 address from its 32-bit value.
    @inlinable
    public init(v4 value: UInt32) {
        family = .v4
        high = 0
        low = UInt64(value)
    }

    /// An IPv6 address from its upper and lower 64 bits.
    @inlinable
    public init(v6High high: UInt64, low: UInt64) {
        family = .v6
        self.high = high
        self.low = low
    }

    /// The unspecified IPv4 address `0.0.0.0`, used where a request names none.
    public static let zeroV4 = IPAddress(v4: 0)

    /// How a dotted-quad part with a leading zero (`1.1.1.01`) is read.
    @frozen
    public enum LeadingZeros: Sendable {
        /// Refused: ambiguous (octal to some parsers), and never written by an edge's logs.
        case rejected
        /// Read as decimal (`1.1.1.01` is `1.1.1.1`), as Cloudflare's Rules language reads an IP literal; a part
        /// still has at most three digits.
        case decimal
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` compression and an embedded IPv4 tail); nil when the
    /// text is not an address. See `parse(_:leadingZeros:)` on bytes for what is refused.
    public static func parse(_ text: String, leadingZeros: LeadingZeros = .rejected) -> IPAddress? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), leadingZeros: leadingZeros) }
    }

    /// Parses address text from raw bytes; nil when the bytes are not an address.
    ///
    /// Refused: an IPv6 group of more than four hex digits, a zone id (`fe80::1%eth0`, which names a link of the
    /// host that wrote it, never a client the edge saw), surrounding white space, anything longer than 64 bytes,
    /// and, unless `leadingZeros` is `.decimal`, a dotted-quad part with a leading zero.
    public static func parse(_ bytes: UnsafeRawBufferPointer, leadingZeros: LeadingZeros = .rejected) -> IPAddress? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        if bytes.count <= 15, let bits = parseIPv4(bytes, from: 0, to: bytes.count, leadingZeros: leadingZeros) {
            return IPAddress(v4: bits)
        }
        return parseIPv6(bytes, leadingZeros: leadingZeros)
    }

    /// Parses `a.b.c.d` in `bytes[from..<to]`: four decimal parts 0–255 of one to three digits.
    private static func parseIPv4(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int, leadingZeros: LeadingZeros)
        -> UInt32?
    {
        guard from >= 0, from <= to, to <= bytes.count, let base = bytes.baseAddress,
            let quad = dottedQuadPrefix(
                base.assumingMemoryBound(to: UInt8.self) + from, count: to - from, leadingZeros: leadingZeros),
            quad.length == to - from
        else { return nil }
        return quad.bits
    }

    /// Reads the dotted quad that the `count` bytes at `text` start with, in one pass (each part one to three
    /// digits, 0–255, a leading zero read as `leadingZeros` says): its 32 bits and its length in bytes; nil when
    /// the bytes do not start with one. A digit or `.` may follow the quad; the caller decides what may.
    @inlinable @inline(__always)
    public static func dottedQuadPrefix(
        _ text: UnsafePointer<UInt8>, count: Int, leadingZeros: LeadingZeros = .rejected
    ) -> (bits: UInt32, length: Int)? {
        var index = 0
        var result: UInt32 = 0
        for part in 0..<4 {
            if part > 0 {
                guard index < count, text[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            guard index < count else { return nil }
            var value = UInt32(text[index] &- UInt8(ascii: "0"))
            guard value < 10 else { return nil }
            index += 1
            if index < count, case let second = UInt32(text[index] &- UInt8(ascii: "0")), second < 10 {
                guard value != 0 || leadingZeros == .decimal else { return nil }
                value = value * 10 + second
                index += 1
                if index < count, case let third = UInt32(text[index] &- UInt8(ascii: "0")), third < 10 {
                    value = value * 10 + third
                    guard value <= 255 else { return nil }
                    index += 1
                }
            }
            result = result << 8 | value
        }
        return (result, index)
    }

    /// Parses IPv6 text into 128 bits.
    private static func parseIPv6(_ raw: UnsafeRawBufferPointer, leadingZeros: LeadingZeros) -> IPAddress? {
        let end = raw.count
        var groups = [UInt16](repeating: 0, count: 8)
        var count = 0
        var gap: Int?
        var index = 0
        if end >= 2, raw[0] == UInt8(ascii: ":"), raw[1] == UInt8(ascii: ":") {
            gap = 0
            index = 2
        } else if end >= 1, raw[0] == UInt8(ascii: ":") {
            return nil
        }
        while index < end {
            var value: UInt32 = 0
            var digits = 0
            let groupStart = index
            while index < end, let nibble = ASCII.hexDigitValue(raw[index]) {
                value = value << 4 | UInt32(nibble)
                digits += 1
                index += 1
                if digits > 4 { return nil }
            }
            if index < end, raw[index] == UInt8(ascii: ".") {
                // An embedded IPv4 address takes the last two groups.
                guard count <= 6, let bits = parseIPv4(raw, from: groupStart, to: end, leadingZeros: leadingZeros)
                else {
                    return nil
                }
                groups[count] = UInt16(bits >> 16)
                groups[count + 1] = UInt16(bits & 0xFFFF)
                count += 2
                index = end
                break
            }
            guard digits > 0, count < 8 else { return nil }
            groups[count] = UInt16(value)
            count += 1
            if index == end { break }
            guard raw[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index < end, raw[index] == UInt8(ascii: ":") {
                guard gap == nil else { return nil }
                gap = count
                index += 1
            } else if index == end {
                return nil
            }
        }
        if let gap {
            guard count < 8 else { return nil }
            let tail = count - gap
            let moved = Array(groups[gap..<count])
            for position in gap..<8 { groups[position] = 0 }
            for offset in 0..<tail { groups[8 - tail + offset] = moved[offset] }
        } else if count != 8 {
            return nil
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for position in 0..<4 { high = high << 16 | UInt64(groups[position]) }
        for position in 4..<8 { low = low << 16 | UInt64(groups[position]) }
        return IPAddress(v6High: high, low: low)
    }

    /// The address with every bit after the first `prefix` bits cleared.
    @inlinable
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

    /// Whether both are the same address of the same family (inlinable: rules compare `ip.src` per request).
    @inlinable
    public static func == (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.low == rhs.low && lhs.high == rhs.high && lhs.family == rhs.family
    }

    /// Hashes the family and the address bits.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(high)
        hasher.combine(low)
    }

    /// Orders IPv4 before IPv6, then by address bits.
    @inlinable
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .v4 }
        return (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run of two or more groups as `::`).
    public var description: String {
        if family == .v4 {
            let bits = UInt32(truncatingIfNeeded: low)
            return "\(bits >> 24).\(bits >> 16 & 0xFF).\(bits >> 8 & 0xFF).\(bits & 0xFF)"
        }
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) {
            groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift)))
        }
        for shift in stride(from: 48, through: 0, by: -16) {
            groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift)))
        }
        var bestStart = -1, bestLength = 0, runStart = -1
        for position in 0...8 {
            if position < 8, groups[position] == 0 {
                if runStart < 0 { runStart = position }
            } else if runStart >= 0 {
                if position - runStart > bestLength { bestStart = runStart; bestLength = position - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var text = ""
        var position = 0
        while position < 8 {
            if position == bestStart {
                text += "::"
                position += bestLength
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            text += String(groups[position], radix: 16)
            position += 1
        }
        return text
    }
}
