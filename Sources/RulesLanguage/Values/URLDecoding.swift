import EdgeWire

/// Percent-decoding as `url_decode()` does it: `%XX` becomes the byte, `+` becomes a space; malformed escapes
/// stay as written.
enum URLDecoding {
    /// The options `url_decode` accepts in its second argument.
    struct Options: OptionSet, Hashable, Sendable {
        let rawValue: UInt8
        /// `r`: decode again until nothing changes (`%2520` → ` `).
        static let recursive = Options(rawValue: 1)
        /// `u`: also decode `%uXXXX` to the UTF-8 encoding of that code point.
        static let unicode = Options(rawValue: 2)
    }

    /// Bounds recursive decoding; each round shortens the text, so this is only a guard against pathological input.
    private static let maximumRounds = 64

    /// The decoded bytes.
    static func decode(_ input: [UInt8], options: Options) -> [UInt8] {
        var current = decodeOnce(input, unicode: options.contains(.unicode))
        guard options.contains(.recursive) else { return current }
        var rounds = 1
        while rounds < maximumRounds, current.contains(UInt8(ascii: "%")) {
            let next = decodeOnce(current, unicode: options.contains(.unicode))
            if next == current { break }
            current = next
            rounds += 1
        }
        return current
    }

    private static func decodeOnce(_ input: [UInt8], unicode: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(0x20)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "%") {
                if index + 2 < input.count,
                    let high = ASCII.hexDigitValue(input[index + 1]), let low = ASCII.hexDigitValue(input[index + 2])
                {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                if unicode, index + 5 < input.count, input[index + 1] | 0x20 == UInt8(ascii: "u"),
                    let scalar = unicodeEscape(input[(index + 2)...(index + 5)])
                {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += 6
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    private static func unicodeEscape(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for digit in digits {
            guard let nibble = ASCII.hexDigitValue(digit) else { return nil }
            value = value << 4 | UInt32(nibble)
        }
        return Unicode.Scalar(value)
    }
}
