/// A small byte-level JSON reader for `lookup_json_string()` and `lookup_json_integer()`: follows a path of keys
/// and indexes without building a document tree. Malformed JSON on the path yields nil (a missing value).
enum JSONPathLookup {
    /// One step of a lookup path.
    enum Step: Sendable, Equatable {
        /// An object key.
        case key([UInt8])
        /// An array index.
        case index(Int)
    }

    /// Nesting guard for skipping values, so hostile documents cannot recurse without bound.
    private static let maximumDepth = 128

    /// The string at `path`, unescaped.
    static func string(in document: [UInt8], path: [Step]) -> [UInt8]? {
        var reader = Reader(bytes: document)
        guard reader.follow(path), reader.peek() == UInt8(ascii: "\"") else { return nil }
        return reader.readString()
    }

    /// The integer at `path`; nil for non-integers such as `42.0` or `1e3`, or values outside Int64.
    static func integer(in document: [UInt8], path: [Step]) -> Int64? {
        var reader = Reader(bytes: document)
        guard reader.follow(path) else { return nil }
        return reader.readInteger()
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        mutating func follow(_ path: [Step]) -> Bool {
            skipSpace()
            for step in path {
                switch step {
                case .key(let key):
                    guard peek() == UInt8(ascii: "{") else { return false }
                    position += 1
                    var found = false
                    while !found {
                        skipSpace()
                        guard peek() == UInt8(ascii: "\"") , let name = readString() else { return false }
                        skipSpace()
                        guard peek() == UInt8(ascii: ":") else { return false }
                        position += 1
                        skipSpace()
                        if name == key {
                            found = true
                        } else {
                            guard skipValue(depth: 0) else { return false }
                            skipSpace()
                            guard peek() == UInt8(ascii: ",") else { return false }
                            position += 1
                        }
                    }
                case .index(let index):
                    guard peek() == UInt8(ascii: "[") else { return false }
                    position += 1
                    skipSpace()
                    for _ in 0..<index {
                        guard peek() != UInt8(ascii: "]"), skipValue(depth: 0) else { return false }
                        skipSpace()
                        guard peek() == UInt8(ascii: ",") else { return false }
                        position += 1
                        skipSpace()
                    }
                    if peek() == UInt8(ascii: "]") { return false }
                }
            }
            return true
        }

        mutating func readString() -> [UInt8]? {
            guard peek() == UInt8(ascii: "\"") else { return nil }
            position += 1
            var output: [UInt8] = []
            while let byte = peek() {
                position += 1
                if byte == UInt8(ascii: "\"") { return output }
                guard byte == UInt8(ascii: "\\") else { output.append(byte); continue }
                guard let escaped = peek() else { return nil }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let scalar = readUnicodeEscape() else { return nil }
                    output += Array(String(Character(scalar)).utf8)
                default: output.append(escaped)
                }
            }
            return nil
        }

        private mutating func readHex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                guard let digit = hexDigitValue(bytes[position + offset]) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            position += 4
            return value
        }

        private mutating func readUnicodeEscape() -> Unicode.Scalar? {
            guard let first = readHex4() else { return nil }
            if (0xD800..<0xDC00).contains(first), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
               bytes[position + 1] == UInt8(ascii: "u") {
                position += 2
                guard let second = readHex4(), (0xDC00..<0xE000).contains(second) else { return nil }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            }
            return Unicode.Scalar(first) ?? Unicode.Scalar(0xFFFD)
        }

        mutating func readInteger() -> Int64? {
            let start = position
            if peek() == UInt8(ascii: "-") { position += 1 }
            while let byte = peek(), byte >= 0x30, byte <= 0x39 { position += 1 }
            if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                return nil
            }
            return Int64(String(decoding: bytes[start..<position], as: UTF8.self))
        }

        mutating func skipValue(depth: Int) -> Bool {
            guard depth < JSONPathLookup.maximumDepth, let byte = peek() else { return false }
            switch byte {
            case UInt8(ascii: "\""):
                return readString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if peek() == close { position += 1; return true }
                while true {
                    if byte == UInt8(ascii: "{") {
                        guard readString() != nil else { return false }
                        skipSpace()
                        guard peek() == UInt8(ascii: ":") else { return false }
                        position += 1
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if peek() == close { position += 1; return true }
                    guard peek() == UInt8(ascii: ",") else { return false }
                    position += 1
                    skipSpace()
                }
            default:
                let start = position
                while let next = peek(), next != UInt8(ascii: ","), next != UInt8(ascii: "}"), next != UInt8(ascii: "]"),
                      next != 0x20, next != 0x0A, next != 0x0D, next != 0x09 {
                    position += 1
                }
                return position > start
            }
        }
    }
}
