import EdgeWire

/// Appends one JSON object to a byte buffer, key by key, with minimal string escaping.
struct JSONObjectWriter {
    private var isFirst = true

    /// Starts an object: writes `{` at the end of `output`.
    init(_ output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
    }

    /// Ends the object: writes `}`.
    func close(_ output: inout [UInt8]) {
        output.append(UInt8(ascii: "}"))
    }

    /// Writes the separator and a plain ASCII key.
    mutating func key(_ name: StaticString, _ output: inout [UInt8]) {
        rawKey(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), &output)
    }

    /// Writes the separator and a key from bytes (escaped).
    mutating func rawKey(_ name: UnsafeRawBufferPointer, _ output: inout [UInt8]) {
        if !isFirst { output.append(UInt8(ascii: ",")) }
        isFirst = false
        Self.string(name, &output)
        output.append(UInt8(ascii: ":"))
    }

    /// `"key":"value"` when the slice is present.
    mutating func slice(
        _ name: StaticString, _ slice: ByteSlice, _ base: UnsafeMutablePointer<UInt8>, _ output: inout [UInt8]
    ) {
        guard slice.isPresent else { return }
        key(name, &output)
        Self.string(UnsafeRawBufferPointer(start: base + Int(slice.offset), count: Int(slice.count)), &output)
    }

    /// `"key":123` when the value is present.
    mutating func integer(_ name: StaticString, _ value: Int?, _ output: inout [UInt8]) {
        guard let value else { return }
        key(name, &output)
        output.append(contentsOf: String(value).utf8)
    }

    /// `"key":true` when the value is present.
    mutating func bool(_ name: StaticString, _ value: Bool?, _ output: inout [UInt8]) {
        guard let value else { return }
        key(name, &output)
        output.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A JSON string of `bytes`.
    static func string(_ bytes: [UInt8], _ output: inout [UInt8]) {
        bytes.withUnsafeBytes { string($0, &output) }
    }

    /// A JSON string of `bytes`: `"` `\` and control characters escaped, invalid UTF-8 as U+FFFD.
    static func string(_ bytes: UnsafeRawBufferPointer, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                output.append(byte)
                index += 1
                continue
            }
            if byte < 0x80 {
                appendEscaped(byte, &output)
                index += 1
                continue
            }
            let length = UTF8Validation.decodeScalar(bytes, at: index)?.length ?? 0
            if length == 0 {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += 1
            } else {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<(index + length)]))
                index += length
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [
                UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
            ])
        }
    }
}
