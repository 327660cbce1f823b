import EdgeWire

/// One ModSecurity transformation (`t:…`), ported from libmodsecurity 3.0.9's `src/actions/transformations/` so a
/// compiled rule sees the bytes the reference engine's operator sees.
enum SecLangTransformation: String, Sendable, CaseIterable {
    case lowercase, urlDecode, urlDecodeUni, htmlEntityDecode, jsDecode, cssDecode, utf8toUnicode, removeNulls
    case removeWhitespace, compressWhitespace, replaceComments, cmdLine, normalisePath, normalizePath
    case normalisePathWin, normalizePathWin, length, hexEncode, base64Decode, sha1

    /// The transformation named `name` (ModSecurity's names are case-insensitive), nil when not ported.
    init?(named name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = match
    }

    /// `input` transformed.
    func apply(_ input: [UInt8]) -> [UInt8] {
        switch self {
        case .lowercase: return input.map(ASCII.lowercased)
        case .urlDecode: return SecLangDecoding.urlDecodeNonStrict(input)
        case .urlDecodeUni: return SecLangDecoding.urlDecodeUni(input)
        case .htmlEntityDecode: return SecLangDecoding.htmlEntityDecode(input)
        case .jsDecode: return SecLangDecoding.jsDecode(input)
        case .cssDecode: return SecLangDecoding.cssDecode(input)
        case .utf8toUnicode: return SecLangDecoding.utf8ToUnicode(input)
        case .removeNulls: return input.filter { $0 != 0 }
        case .removeWhitespace: return input.filter { !SecLangDecoding.isSpace($0) && $0 != 0xA0 && $0 != 0xC2 }
        case .compressWhitespace: return Self.compressWhitespace(input)
        case .replaceComments: return Self.replaceComments(input)
        case .cmdLine: return Self.cmdLine(input)
        case .normalisePath, .normalizePath: return SecLangPath.normalise(input, windows: false)
        case .normalisePathWin, .normalizePathWin: return SecLangPath.normalise(input, windows: true)
        case .length: return Array(String(input.count).utf8)
        case .hexEncode: return Self.hexEncode(input)
        case .base64Decode: return SecLangDecoding.base64Decode(input)
        case .sha1: return SecLangSHA1.digest(input)
        }
    }

    private static func compressWhitespace(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var inSpace = false
        for byte in input {
            if SecLangDecoding.isSpace(byte) {
                if !inSpace { output.append(0x20) }
                inSpace = true
            } else {
                inSpace = false
                output.append(byte)
            }
        }
        return output
    }

    private static func replaceComments(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        var inComment = false
        while index < input.count {
            let opens = input[index] == UInt8(ascii: "/") && index + 1 < input.count && input[index + 1] == 0x2A
            let closes = input[index] == 0x2A && index + 1 < input.count && input[index + 1] == UInt8(ascii: "/")
            if !inComment {
                if opens {
                    inComment = true
                    index += 2
                } else {
                    output.append(input[index])
                    index += 1
                }
            } else if closes {
                inComment = false
                index += 2
                output.append(0x20)
            } else {
                index += 1
            }
        }
        if inComment { output.append(0x20) }
        return output
    }

    private static func cmdLine(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var space = false
        for byte in input {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "^"): continue
            case 0x20, UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, 0x0D, 0x0A:
                if !space { output.append(0x20) }
                space = true
            case UInt8(ascii: "/"), UInt8(ascii: "("):
                if space { output.removeLast() }
                space = false
                output.append(byte)
            default:
                output.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
                space = false
            }
        }
        return output
    }

    private static func hexEncode(_ input: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        for byte in input {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0xF)])
        }
        return output
    }
}
