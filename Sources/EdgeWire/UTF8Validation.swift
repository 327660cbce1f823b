/// Strict UTF-8 (no overlong forms, surrogates or values above U+10FFFF), read byte by byte: the spec reader, the
/// regex parser and the trace writer all decide with it what is valid text.
public enum UTF8Validation {
    /// Decodes the scalar at `offset`: its value and encoded length (1–4); nil when the bytes there are not a
    /// well-formed sequence or `offset` is past the end.
    @inlinable
    public static func decodeScalar(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: UInt32, length: Int)? {
        let count = bytes.count
        guard offset >= 0, offset < count else { return nil }
        let lead = bytes[offset]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        let lowest: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; lowest = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; lowest = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; lowest = 0x10000; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard offset + length <= count else { return nil }
        for index in 1..<length {
            let continuation = bytes[offset + index]
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(continuation & 0x3F)
        }
        guard value >= lowest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    /// Decodes the scalar at `offset` of a byte buffer; see `decodeScalar(_:at:)` on raw bytes.
    @inlinable
    public static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (
        value: UInt32, length: Int
    )? {
        decodeScalar(UnsafeRawBufferPointer(bytes), at: offset)
    }

    /// Decodes the scalar at `offset` of an array; see `decodeScalar(_:at:)` on raw bytes.
    @inlinable
    public static func decodeScalar(_ bytes: [UInt8], at offset: Int) -> (value: UInt32, length: Int)? {
        bytes.withUnsafeBytes { decodeScalar($0, at: offset) }
    }

    /// The offset of the first byte that does not start a well-formed scalar, or nil when all of `bytes` is UTF-8.
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            guard let decoded = decodeScalar(bytes, at: index) else { return index }
            index += decoded.length
        }
        return nil
    }

    /// The offset of the first byte of an array that does not start a well-formed scalar, or nil.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { firstInvalidOffset($0) }
    }
}
