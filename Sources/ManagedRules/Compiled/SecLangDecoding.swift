/// ModSecurity's decoders, byte for byte as libmodsecurity 3.0.9 runs them (`src/utils/decode.cc` and the
/// transformations of the same names), quirks included: they decide what CRS's operators see.
enum SecLangDecoding {
    /// C's `isspace` in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The value of one hex digit, or nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    private static func x2c(_ high: UInt8, _ low: UInt8) -> UInt8 {
        (hexValue(high) ?? 0) &* 16 &+ (hexValue(low) ?? 0)
    }

    /// `urlDecode` and argument decoding: `+` is a space, a valid `%XX` its byte, anything else stays.
    static func urlDecodeNonStrict(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count, hexValue(input[index + 1]) != nil,
                hexValue(input[index + 2]) != nil
            {
                output.append(x2c(input[index + 1], input[index + 2]))
                index += 3
            } else {
                output.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return output
    }

    /// The decoding of the request URI (`REQUEST_URI`, `REQUEST_FILENAME`): valid `%XX` only, `+` stays.
    static func uriDecode(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]),
                let low = hexValue(input[index + 2])
            {
                output.append(high << 4 &+ low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }

    /// `urlDecodeUni`: `%XX`, IIS's `%uXXXX` (its low byte; full-width ASCII shifted back) and `+` as a space.
    static func urlDecodeUni(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            guard byte == UInt8(ascii: "%") else {
                output.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
                continue
            }
            if index + 1 < count, input[index + 1] == UInt8(ascii: "u") || input[index + 1] == UInt8(ascii: "U") {
                if index + 5 < count, (2...5).allSatisfy({ hexValue(input[index + $0]) != nil }) {
                    var decoded = x2c(input[index + 4], input[index + 5])
                    let fullWidth =
                        (input[index + 2] | 0x20) == UInt8(ascii: "f")
                        && (input[index + 3] | 0x20) == UInt8(ascii: "f")
                    if decoded > 0, decoded < 0x5F, fullWidth { decoded += 0x20 }
                    output.append(decoded)
                    index += 6
                } else {
                    output.append(input[index])
                    output.append(input[index + 1])
                    index += 2
                }
            } else if index + 2 < count, hexValue(input[index + 1]) != nil, hexValue(input[index + 2]) != nil {
                output.append(x2c(input[index + 1], input[index + 2]))
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// `htmlEntityDecode`: `&#DD;`, `&#xHH;` (their low byte) and `&quot; &amp; &lt; &gt; &nbsp;`.
    static func htmlEntityDecode(_ input: [UInt8]) -> [UInt8] {
        let count = input.count
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var index = 0
        func number(_ digits: ArraySlice<UInt8>, radix: Int) -> UInt8 {
            var value = 0
            for digit in digits {
                let (product, overflow) = value.multipliedReportingOverflow(by: radix)
                if overflow { return 0xFF }
                value = product + Int(hexValue(digit) ?? 0)
                if value < 0 { return 0xFF }
            }
            return UInt8(truncatingIfNeeded: value)
        }
        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
        }
        while index < count, output.count < count {
            var copy = 1
            entity: if input[index] == UInt8(ascii: "&"), index + 1 < count {
                var cursor = index + 1
                if input[cursor] == UInt8(ascii: "#") {
                    copy += 1
                    guard cursor + 1 < count else { break entity }
                    cursor += 1
                    var radix = 10
                    if input[cursor] == UInt8(ascii: "x") || input[cursor] == UInt8(ascii: "X") {
                        copy += 1
                        guard cursor + 1 < count else { break entity }
                        cursor += 1
                        radix = 16
                    }
                    let start = cursor
                    while cursor < count,
                        radix == 16 ? hexValue(input[cursor]) != nil : (input[cursor] >= 48 && input[cursor] <= 57)
                    {
                        cursor += 1
                    }
                    guard cursor > start else { break entity }
                    output.append(number(input[start..<cursor], radix: radix))
                    index = cursor < count && input[cursor] == UInt8(ascii: ";") ? cursor + 1 : cursor
                    continue
                }
                let start = cursor
                while cursor < count, isAlnum(input[cursor]) { cursor += 1 }
                guard cursor > start else { break entity }
                let name = String(decoding: input[start..<cursor], as: UTF8.self).lowercased()
                let decoded: UInt8? =
                    switch name {
                    case "quot": UInt8(ascii: "\"")
                    case "amp": UInt8(ascii: "&")
                    case "lt": UInt8(ascii: "<")
                    case "gt": UInt8(ascii: ">")
                    case "nbsp": 0xA0
                    default: nil
                    }
                guard let decoded else {
                    copy = cursor - start + 1
                    break entity
                }
                output.append(decoded)
                index = cursor < count && input[cursor] == UInt8(ascii: ";") ? cursor + 1 : cursor
                continue
            }
            var copied = 0
            while copied < copy, output.count < count, index < count {
                output.append(input[index])
                index += 1
                copied += 1
            }
        }
        return output
    }

    /// `jsDecode`: `\uHHHH` (low byte), `\xHH`, octal `\OOO`, `\a \b \f \n \r \t \v`, other `\C` as `C`.
    static func jsDecode(_ input: [UInt8]) -> [UInt8] {
        let count = input.count
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var index = 0
        func isOctal(_ position: Int) -> Bool { position < count && input[position] >= 48 && input[position] <= 55 }
        while index < count {
            guard input[index] == UInt8(ascii: "\\") else {
                output.append(input[index])
                index += 1
                continue
            }
            if index + 5 < count, input[index + 1] == UInt8(ascii: "u"),
                (2...5).allSatisfy({ hexValue(input[index + $0]) != nil })
            {
                var decoded = x2c(input[index + 4], input[index + 5])
                let fullWidth =
                    (input[index + 2] | 0x20) == UInt8(ascii: "f")
                    && (input[index + 3] | 0x20) == UInt8(ascii: "f")
                if decoded > 0, decoded < 0x5F, fullWidth { decoded += 0x20 }
                output.append(decoded)
                index += 6
            } else if index + 3 < count, input[index + 1] == UInt8(ascii: "x"), hexValue(input[index + 2]) != nil,
                hexValue(input[index + 3]) != nil
            {
                output.append(x2c(input[index + 2], input[index + 3]))
                index += 4
            } else if index + 1 < count, isOctal(index + 1) {
                var digits = 0
                while index + 1 + digits < count, digits < 3 {
                    digits += 1
                    if !isOctal(index + 1 + digits) { break }
                }
                if digits == 3, input[index + 1] > UInt8(ascii: "3") { digits = 2 }
                var value = 0
                for offset in 0..<digits { value = value * 8 + Int(input[index + 1 + offset] - 48) }
                output.append(UInt8(truncatingIfNeeded: value))
                index += 1 + digits
            } else if index + 1 < count {
                let escaped: UInt8 =
                    switch input[index + 1] {
                    case UInt8(ascii: "a"): 0x07
                    case UInt8(ascii: "b"): 0x08
                    case UInt8(ascii: "f"): 0x0C
                    case UInt8(ascii: "n"): 0x0A
                    case UInt8(ascii: "r"): 0x0D
                    case UInt8(ascii: "t"): 0x09
                    case UInt8(ascii: "v"): 0x0B
                    default: input[index + 1]
                    }
                output.append(escaped)
                index += 2
            } else {
                output.append(contentsOf: input[index...])
                index = count
            }
        }
        return output
    }

    /// `cssDecode`: `\` and 1–6 hex digits (the last byte, full-width ASCII shifted back; one blank after it
    /// dropped), `\` newline dropped, other `\C` as `C`. The result ends at its first NUL, as the C++ copy does.
    static func cssDecode(_ input: [UInt8]) -> [UInt8] {
        let count = input.count
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var index = 0
        while index < count {
            guard input[index] == UInt8(ascii: "\\") else {
                output.append(input[index])
                index += 1
                continue
            }
            guard index + 1 < count else {
                index += 1
                continue
            }
            index += 1
            var digits = 0
            while digits < 6, index + digits < count, hexValue(input[index + digits]) != nil { digits += 1 }
            if digits > 0 {
                var decoded =
                    digits == 1
                    ? hexValue(input[index]) ?? 0 : x2c(input[index + digits - 2], input[index + digits - 1])
                let fullCheck =
                    switch digits {
                    case 4: true
                    case 5: input[index] == UInt8(ascii: "0")
                    case 6: input[index] == UInt8(ascii: "0") && input[index + 1] == UInt8(ascii: "0")
                    default: false
                    }
                if fullCheck, decoded > 0, decoded < 0x5F, (input[index + digits - 3] | 0x20) == UInt8(ascii: "f"),
                    (input[index + digits - 4] | 0x20) == UInt8(ascii: "f")
                {
                    decoded += 0x20
                }
                output.append(decoded)
                if index + digits < count, isSpace(input[index + digits]) { digits += 1 }
                index += digits
            } else if input[index] == 0x0A {
                index += 1
            } else {
                output.append(input[index])
                index += 1
            }
        }
        if let nul = output.firstIndex(of: 0) { output.removeSubrange(nul...) }
        return output
    }

    /// `utf8toUnicode`: each valid multi-byte UTF-8 sequence as `%uHHHH` (lowercase hex, at least four digits
    /// below U+10000); invalid sequences as libmodsecurity 3.0.9 treats them; NUL bytes dropped.
    static func utf8ToUnicode(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        let count = input.count
        func byte(_ position: Int) -> UInt8 { position < count ? input[position] : 0 }
        func isContinuation(_ position: Int) -> Bool { byte(position) & 0xC0 == 0x80 }
        func emit(_ code: UInt32, pad: Bool) {
            output.append(UInt8(ascii: "%"))
            output.append(UInt8(ascii: "u"))
            var hex = Array(String(code, radix: 16).utf8)
            if pad, hex.count < 4 { hex = Array(repeating: UInt8(ascii: "0"), count: 4 - hex.count) + hex }
            output.append(contentsOf: hex)
        }
        var index = 0
        while index < count {
            let lead = input[index]
            var length = 0
            var code: UInt32 = 0
            if lead & 0x80 == 0 {
                if lead != 0 { output.append(lead) }
            } else if lead & 0xE0 == 0xC0 {
                if isContinuation(index + 1) {
                    length = 2
                    code = UInt32(lead & 0x1F) << 6 | UInt32(byte(index + 1) & 0x3F)
                    emit(code, pad: true)
                }
            } else if lead & 0xF0 == 0xE0 {
                if isContinuation(index + 1), isContinuation(index + 2) {
                    length = 3
                    code =
                        UInt32(lead & 0x0F) << 12 | UInt32(byte(index + 1) & 0x3F) << 6
                        | UInt32(byte(index + 2) & 0x3F)
                    emit(code, pad: true)
                }
            } else if lead & 0xF8 == 0xF0 {
                if lead >= 0xF5 { output.append(lead) }
                if isContinuation(index + 1), isContinuation(index + 2), isContinuation(index + 3) {
                    length = 4
                    code =
                        UInt32(lead & 0x07) << 18 | UInt32(byte(index + 1) & 0x3F) << 12
                        | UInt32(byte(index + 2) & 0x3F) << 6 | UInt32(byte(index + 3) & 0x3F)
                    emit(code, pad: false)
                }
            } else {
                output.append(lead)
            }
            if code >= 0xD800, code <= 0xDFFF { output.append(lead) }
            if (length == 4 && code < 0x10000) || (length == 3 && code < 0x800) || (length == 2 && code < 0x80) {
                output.append(lead)
            }
            index += max(length, 1)
        }
        return output
    }

    /// `base64Decode` as libmodsecurity runs it through mbed TLS: the input up to its first NUL; blanks at line
    /// ends and line breaks skipped; any other character outside the alphabet (or data after `=`) makes the
    /// result empty; an incomplete last group is dropped.
    static func base64Decode(_ input: [UInt8]) -> [UInt8] {
        let source = input.prefix { $0 != 0 }
        var sextets: [UInt8] = []
        var padding = 0
        var index = source.startIndex
        while index < source.endIndex {
            var spaces = 0
            while index < source.endIndex, source[index] == 0x20 {
                index += 1
                spaces += 1
            }
            if index == source.endIndex { break }
            let byte = source[index]
            index += 1
            if byte == 0x0D, index < source.endIndex, source[index] == 0x0A {
                index += 1
                continue
            }
            if byte == 0x0A { continue }
            if spaces != 0 { return [] }
            if byte == UInt8(ascii: "=") {
                padding += 1
                if padding > 2 { return [] }
                sextets.append(64)
                continue
            }
            guard let value = base64Value(byte), padding == 0 else { return [] }
            sextets.append(value)
        }
        var output: [UInt8] = []
        var remaining = 3
        var accumulator: UInt32 = 0
        var inGroup = 0
        for sextet in sextets {
            if sextet == 64 { remaining -= 1 }
            accumulator = accumulator << 6 | UInt32(sextet & 0x3F)
            inGroup += 1
            guard inGroup == 4 else { continue }
            inGroup = 0
            if remaining > 0 { output.append(UInt8(truncatingIfNeeded: accumulator >> 16)) }
            if remaining > 1 { output.append(UInt8(truncatingIfNeeded: accumulator >> 8)) }
            if remaining > 2 { output.append(UInt8(truncatingIfNeeded: accumulator)) }
        }
        return output
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 65...90: byte - 65
        case 97...122: byte - 71
        case 48...57: byte + 4
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
