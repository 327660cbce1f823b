import EdgeWire

/// Decodes standard base64 (RFC 4648 alphabet `A–Z a–z 0–9 + /`, `=` padding optional) in place: the decoded
/// bytes are written over the start of the text they come from, which is always longer, so a trace's `body_b64`
/// costs no buffer of its own.
enum Base64InPlace {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// Decodes the text at `slice` of `base` and returns the slice of decoded bytes (same start), or why it is not
    /// base64 and where (from the slice's start).
    static func decode(_ slice: ByteSlice, in base: UnsafeMutablePointer<UInt8>) -> Result<ByteSlice, Failure> {
        let start = Int(slice.offset)
        var end = start + Int(slice.count)
        var padding = 0
        while end > start, base[end - 1] == UInt8(ascii: "="), padding < 2 {
            end -= 1
            padding += 1
        }
        let length = end - start
        guard length % 4 != 1, padding == 0 || (length + padding) % 4 == 0 else {
            return .failure(Failure(offset: length, reason: "its length is not that of base64 text"))
        }
        var written = start
        var accumulator: UInt32 = 0
        var bits = 0
        var index = start
        while index < end {
            let value = values[Int(base[index])]
            guard value != 0xFF else {
                return .failure(Failure(offset: index - start, reason: "it holds a byte that is not base64"))
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                base[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                written += 1
            }
            index += 1
        }
        return .success(ByteSlice(start: start, end: written))
    }

    /// Why the text is not base64.
    struct Failure: Error {
        /// Offset of the problem from the start of the text.
        let offset: Int
        /// What is wrong, after "body_b64 is not base64: ".
        let reason: String
    }
}
