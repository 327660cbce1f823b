import CPCRE2
import EdgeWire

/// Unicode scripts and binary properties taken from PCRE2's own Unicode tables (the standard library exposes
/// general categories but not scripts): the members of `\p{…}` are enumerated once by running PCRE2 over
/// every scalar, then cached.
enum PCRE2PropertyTable {
    private static let lock = Lock()
    nonisolated(unsafe) private static var cache: [String: ScalarSet?] = [:]

    /// The scalars matching the PCRE2 property expression `expression` (the text inside `\p{…}`),
    /// or nil when PCRE2 does not know it.
    static func scalars(matching expression: String) -> ScalarSet? {
        if let cached = lock.withLock({ cache[expression] }) { return cached }
        let result = enumerate(expression)
        lock.withLock { cache[expression] = result }
        return result
    }

    private static func enumerate(_ expression: String) -> ScalarSet? {
        let pattern = Array("\\p{\(expression)}+".utf8)
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_NEVER_BACKSLASH_C)
        guard let code = pcre2_compile_8(pattern, pattern.count, options, &errorCode, &errorOffset, nil) else {
            return nil
        }
        defer { pcre2_code_free_8(code) }
        guard let matchData = pcre2_match_data_create_8(1, nil) else { return nil }
        defer { pcre2_match_data_free_8(matchData) }

        var ranges: [ClosedRange<UInt32>] = []
        let chunk: UInt32 = 0x10000
        var first: UInt32 = 0
        while first <= 0x10FFFF {
            var subject: [UInt8] = []
            subject.reserveCapacity(Int(chunk) * 4)
            for value in first..<(first + chunk) {
                guard let scalar = Unicode.Scalar(value) else { continue }
                UTF8.encode(scalar) { subject.append($0) }
            }
            subject.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var start = 0
                while start < buffer.count {
                    let rc = pcre2_match_8(code, base, buffer.count, start, 0, matchData, nil)
                    guard rc >= 0, let ovector = pcre2_get_ovector_pointer_8(matchData) else { break }
                    let matchStart = ovector[0], matchEnd = ovector[1]
                    guard matchEnd > matchStart, let low = UTF8Validation.decodeScalar(buffer, at: matchStart) else {
                        break
                    }
                    var lastStart = matchEnd - 1
                    while lastStart > matchStart, buffer[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
                    guard let high = UTF8Validation.decodeScalar(buffer, at: lastStart) else { break }
                    ranges.append(low.value...high.value)
                    start = matchEnd
                }
            }
            first += chunk
        }
        return ScalarSet(ranges)
    }
}
