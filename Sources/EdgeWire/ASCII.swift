/// Byte-level ASCII helpers shared by the readers, the Rules language and the edge model: header names, hex escapes
/// and case-insensitive matching all work on bytes, never on `String`.
public enum ASCII {
    /// The lower-case form of an ASCII upper-case letter; every other byte (also non-ASCII) unchanged.
    @inlinable @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// The upper-case form of an ASCII lower-case letter; every other byte (also non-ASCII) unchanged.
    @inlinable @inline(__always)
    public static func uppercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "a") < 26 ? byte & 0xDF : byte
    }

    /// The value of an ASCII hex digit (`0-9`, `a-f`, `A-F`), or nil.
    @inlinable @inline(__always)
    public static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Whether `bytes` hold exactly the text `text`, byte for byte.
    @inlinable
    public static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let expected = text.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
        return true
    }

    /// The value of the `count` ASCII decimal digits of `bytes` from `start` (no sign, no separators), or nil when
    /// one is not a digit. The caller keeps `start + count` within `bytes` and `count` small enough not to overflow.
    @inlinable
    public static func decimalDigits(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
