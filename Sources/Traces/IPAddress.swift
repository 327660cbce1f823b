/// An IPv4 or IPv6 address in 17 bytes: the 128 address bits and the family.
///
/// IPv4 addresses are kept as their 32 bits in `low` (not as IPv4-mapped IPv6), so `1.2.3.4` and
/// `::ffff:1.2.3.4` stay different values, as they are different `ip.src` values at the edge.
public struct IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The upper 64 bits of an IPv6 address; 0 for IPv4.
    public let high: UInt64
    /// The lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address.
    public let low: UInt64
    /// Whether this is an IPv4 address.
    public let isIPv4: Bool

    /// Creates an IPv4 address from its 32 bits.
    public init(ipv4 bits: UInt32) {
        high = 0
        low = UInt64(bits)
        isIPv4 = true
    }

    /// Creates an IPv6 address from its 128 bits.
    public init(ipv6High high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
        isIPv4 = false
    }

    /// `0.0.0.0`, the address used where a request names none.
    public static let unspecifiedIPv4 = IPAddress(ipv4: 0)

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` compression, an embedded IPv4 tail, and an
    /// optional `%zone` that is ignored); nil when the text is not an address.
    public init?(_ text: String) {
        var copy = text
        guard let address = copy.withUTF8({ Self.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = address
    }

    /// Parses address text from raw bytes; nil when the bytes are not an address.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> IPAddress? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        if bytes.count <= 15, let bits = parseIPv4(bytes, from: 0, to: bytes.count) { return IPAddress(ipv4: bits) }
        return parseIPv6(bytes)
    }

    /// Parses `a.b.c.d` in `bytes[from..<to]`: four decimal parts 0–255, no leading zeros beyond one digit.
    private static func parseIPv4(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> UInt32? {
        guard from >= 0, from <= to, to <= bytes.count, let base = bytes.baseAddress,
              let quad = dottedQuadPrefix(base.assumingMemoryBound(to: UInt8.self) + from, count: to - from),
              quad.length == to - from
        else { return nil }
        return quad.bits
    }

    /// Reads the dotted quad that the `count` bytes at `text` start with, in one pass (each part one to three
    /// digits, 0–255, no leading zeros beyond one digit): its 32 bits and its length in bytes; nil when the
    /// bytes do not start with one. A digit or `.` may follow the quad; the caller decides what may.
    @inline(__always)
    static func dottedQuadPrefix(_ text: UnsafePointer<UInt8>, count: Int) -> (bits: UInt32, length: Int)? {
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
                guard value != 0 else { return nil }
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
    private static func parseIPv6(_ raw: UnsafeRawBufferPointer) -> IPAddress? {
        var end = raw.count
        for index in 0..<raw.count where raw[index] == UInt8(ascii: "%") {
            end = index
            break
        }
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
            while index < end, let nibble = hexValue(raw[index]) {
                value = value << 4 | UInt32(nibble)
                digits += 1
                index += 1
                if digits > 4 { return nil }
            }
            if index < end, raw[index] == UInt8(ascii: ".") {
                // An embedded IPv4 address takes the last two groups.
                guard count <= 6, let bits = parseIPv4(raw, from: groupStart, to: end) else { return nil }
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
        return IPAddress(ipv6High: high, low: low)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Orders IPv4 before IPv6, then by address bits.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.isIPv4 != rhs.isIPv4 { return lhs.isIPv4 }
        return (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run of two or more groups as `::`).
    public var description: String {
        if isIPv4 {
            let bits = UInt32(truncatingIfNeeded: low)
            return "\(bits >> 24).\(bits >> 16 & 0xFF).\(bits >> 8 & 0xFF).\(bits & 0xFF)"
        }
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
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
