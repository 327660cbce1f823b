import EdgeWire

/// How the `http.request.body.*` fields and `cf.unique_visitor_id` are computed from a request's inputs
/// (`docs/cloudflare-semantics.md`, "Request body fields" and "Rate limiting: rule shape and characteristics").
enum RequestBody {
    /// The most body bytes the body fields read (128 KB, Enterprise's figure); `http.request.body.size` is not cut.
    static let fieldLimit = 128 * 1024

    private static let formMediaType = Array("application/x-www-form-urlencoded".utf8)
    private static let contentTypeName = Array("content-type".utf8)

    /// Whether the request's first `Content-Type` header names the URL-encoded form media type (case-insensitive,
    /// parameters after `;` and surrounding spaces ignored), which is when Cloudflare fills the form fields.
    static func isForm(_ headers: [HTTPHeader]) -> Bool {
        guard let header = headers.first(where: { ByteOperations.equalIgnoringCase($0.name, contentTypeName) })
        else { return false }
        var value = header.value[...]
        if let semicolon = value.firstIndex(of: UInt8(ascii: ";")) { value = value[..<semicolon] }
        while value.first == 0x20 || value.first == 0x09 { value = value.dropFirst() }
        while value.last == 0x20 || value.last == 0x09 { value = value.dropLast() }
        return value.count == formMediaType.count && ByteOperations.equalIgnoringCase(Array(value), formMediaType)
    }

    /// The visitor id derived when a trace records none: `v1-` and 16 hex digits of a 64-bit FNV-1a hash of the
    /// client address (family and 16 bytes) and the `User-Agent` value, so the same client behind one address keeps
    /// one id and clients sharing an address (NAT) with different user agents get different ids.
    static func derivedVisitorID(ip: IPAddress, userAgent: [UInt8], into target: inout [UInt8]) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        mix(ip.family == .v4 ? 4 : 6)
        for shift in stride(from: 56, through: 0, by: -8) { mix(UInt8(truncatingIfNeeded: ip.high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { mix(UInt8(truncatingIfNeeded: ip.low >> UInt64(shift))) }
        mix(0)
        for byte in userAgent { mix(byte) }
        target.removeAll(keepingCapacity: true)
        target += Array("v1-".utf8)
        let digits = Array("0123456789abcdef".utf8)
        for shift in stride(from: 60, through: 0, by: -4) { target.append(digits[Int(hash >> UInt64(shift) & 0xF)]) }
    }

    /// Signatures for `http.request.body.mime`: leading bytes (at `offset`) and the type they mean, checked in order.
    private static let signatures: [(offset: Int, bytes: [UInt8], type: String)] = [
        (0, [0xFF, 0xD8, 0xFF], "image/jpeg"),
        (0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        (0, Array("GIF87a".utf8), "image/gif"),
        (0, Array("GIF89a".utf8), "image/gif"),
        (8, Array("WEBP".utf8), "image/webp"),
        (8, Array("WAVE".utf8), "audio/wav"),
        (8, Array("AVI ".utf8), "video/x-msvideo"),
        (4, Array("ftyp".utf8), "video/mp4"),
        (0, Array("ID3".utf8), "audio/mpeg"),
        (0, Array("OggS".utf8), "audio/ogg"),
        (0, [0x1A, 0x45, 0xDF, 0xA3], "video/webm"),
        (0, Array("%PDF-".utf8), "application/pdf"),
        (0, [0x50, 0x4B, 0x03, 0x04], "application/zip"),
        (0, [0x1F, 0x8B], "application/gzip"),
        (0, Array("<?xml".utf8), "text/xml"),
    ]

    /// The MIME type detected from the body's first bytes: a signature from the table above, else `application/json`
    /// for a body whose first non-space byte opens a JSON object or array, `text/html` for one that opens with `<`
    /// and a letter or `!`, `text/plain` for other valid UTF-8 without control bytes, `application/octet-stream`
    /// for the rest; empty for an empty body.
    static func mime(_ body: [UInt8]) -> [UInt8] {
        guard !body.isEmpty else { return [] }
        for signature in signatures where body.count >= signature.offset + signature.bytes.count {
            if body[signature.offset..<(signature.offset + signature.bytes.count)].elementsEqual(signature.bytes) {
                return Array(signature.type.utf8)
            }
        }
        let sample = body.prefix(512)
        let text = sample.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = text.first {
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return Array("application/json".utf8) }
            if first == UInt8(ascii: "<"), let next = text.dropFirst().first,
                next == UInt8(ascii: "!") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20)
            {
                return Array("text/html".utf8)
            }
        }
        let printable = !sample.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
        // A sample cut inside a character is still text: only an invalid sequence before the last three bytes counts.
        let invalid = UTF8Validation.firstInvalidOffset(Array(sample))
        let valid = invalid.map { body.count > sample.count && $0 >= sample.count - 3 } ?? true
        if printable, valid { return Array("text/plain".utf8) }
        return Array("application/octet-stream".utf8)
    }
}
