import EdgeWire

/// URL normalisation of a request path as Cloudflare's default (`type: cloudflare`, `scope: incoming`) applies it
/// before rules see `http.request.uri*` (`docs/cloudflare-semantics.md`, "URL normalization"). The query is never
/// touched.
///
/// Steps, in order: percent-encoded unreserved characters (`A–Z a–z 0–9 - . _ ~`) are decoded, remaining
/// percent-encodings get uppercase hex digits, bytes not allowed literally in a path are percent-encoded,
/// `\` becomes `/`, runs of `/` merge into one, and `.`/`..` segments are removed (RFC 3986 §5.2.4).
/// Example: `/%68ello//pa\th` → `/hello/pa/th`.
public enum URLNormalizer {
    /// The normalised form of `path`.
    public static func normalize(path: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        normalize(path: path, into: &output)
        return output
    }

    /// Writes the normalised form of `path` into `output`, reusing its storage.
    public static func normalize(path: [UInt8], into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        if isAlreadyNormal(path) {
            output.append(contentsOf: path)
            return
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(path.count + 8)
        var index = 0
        while index < path.count {
            let byte = path[index]
            if byte == UInt8(ascii: "%"), index + 2 < path.count,
                let high = ASCII.hexDigitValue(path[index + 1]), let low = ASCII.hexDigitValue(path[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    appendSlashAware(decoded, to: &encoded)
                } else {
                    encoded.append(UInt8(ascii: "%"))
                    encoded.append(hexUpper(high))
                    encoded.append(hexUpper(low))
                }
                index += 3
                continue
            }
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
                appendSlashAware(UInt8(ascii: "/"), to: &encoded)
            } else if mustEncode(byte) {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexUpper(byte >> 4))
                encoded.append(hexUpper(byte & 0xF))
            } else {
                encoded.append(byte)
            }
            index += 1
        }
        removeDotSegments(encoded, into: &output)
    }

    /// Fast path: a path of plain characters, single slashes and no dot segments needs no work.
    private static func isAlreadyNormal(_ path: [UInt8]) -> Bool {
        path.withUnsafeBufferPointer { bytes in
            guard bytes.first == UInt8(ascii: "/") else { return false }
            // A segment starts after each `/`; the first byte is one.
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                    if previous == UInt8(ascii: "/") { return false }
                } else if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\\") || mustEncode(byte) {
                    return false
                }
                previous = byte
            }
            return true
        }
    }

    private static func appendSlashAware(_ byte: UInt8, to output: inout [UInt8]) {
        if byte == UInt8(ascii: "/"), output.last == UInt8(ascii: "/") { return }
        output.append(byte)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func mustEncode(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F...0xFF, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    private static func hexUpper(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
    }

    /// RFC 3986 §5.2.4 over `/`-separated segments; the result keeps a trailing slash where the input had one
    /// or ended in a dot segment.
    private static func removeDotSegments(_ path: [UInt8], into output: inout [UInt8]) {
        var segments: [ArraySlice<UInt8>] = []
        let parts = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let absolute = path.first == UInt8(ascii: "/")
        var trailingSlash = false
        for (position, part) in parts.enumerated() {
            if position == 0, absolute { continue }
            let isLast = position == parts.count - 1
            if part.elementsEqual([UInt8(ascii: ".")]) {
                trailingSlash = isLast
            } else if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if !segments.isEmpty { segments.removeLast() }
                trailingSlash = isLast
            } else {
                segments.append(part)
                trailingSlash = false
            }
        }
        if absolute || segments.isEmpty { output.append(UInt8(ascii: "/")) }
        for (position, segment) in segments.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "/")) }
            output.append(contentsOf: segment)
        }
        if trailingSlash, output.last != UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
    }
}
