/// Base64 decoding for `decode_base64()`: standard (`+/`) and URL-safe (`-_`) alphabets, padding optional.
enum Base64Decoding {
    private static let table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8).enumerated() {
            table[Int(byte)] = Int8(index)
        }
        table[Int(UInt8(ascii: "+"))] = 62
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "/"))] = 63
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The decoded bytes, or nil when `text` is not base64.
    static func decode(_ text: [UInt8]) -> [UInt8]? {
        var body = text[...]
        var padding = 0
        while body.last == UInt8(ascii: "="), padding < 2 {
            body = body.dropLast()
            padding += 1
        }
        if padding > 0, text.count % 4 != 0 { return nil }
        guard body.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(body.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in body {
            let value = table[Int(byte)]
            guard value >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}
