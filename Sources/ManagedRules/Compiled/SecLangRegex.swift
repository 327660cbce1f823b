import CPCRE2

/// A `@rx` pattern compiled as libmodsecurity 3.0.9 compiles it (`src/utils/regex.cc`): PCRE2 with `DOTALL` and
/// `MULTILINE`, JIT when available, PCRE2's default limits; a search that fails with an error is no match, as
/// there. The compiled code is shared read-only by every thread; each search brings its own match data.
final class SecLangRegex: @unchecked Sendable {
    private let code: OpaquePointer
    /// Whether the JIT compiled the pattern: searches then call the JIT directly, which skips the checks
    /// `pcre2_match` repeats on every call, with the same result.
    private let compiledByJIT: Bool

    /// Compiles `pattern`; nil with PCRE2's message when it does not compile.
    init(pattern: String, caseless: Bool = false) throws(SecLangCompileError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        var options = UInt32(PCRE2_DOTALL) | UInt32(PCRE2_MULTILINE)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) {
                pcre2_compile_8(buffer.baseAddress ?? $0, buffer.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            throw SecLangCompileError(
                "the pattern does not compile at offset \(errorOffset): "
                    + String(decoding: message.prefix(max(0, Int(length))), as: UTF8.self))
        }
        code = compiled
        compiledByJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The groups of the first match in `subject` (group number and bytes; groups that did not take part are
    /// left out), or nil when nothing matches.
    func firstMatch(_ subject: [UInt8], scratch: SecLangMatchData) -> [(group: Int, bytes: ArraySlice<UInt8>)]? {
        let rc = search(subject, scratch)
        guard rc > 0, let ovector = pcre2_get_ovector_pointer_8(scratch.data) else { return nil }
        var groups: [(group: Int, bytes: ArraySlice<UInt8>)] = []
        for group in 0..<Int(rc) {
            let start = ovector[2 * group]
            let end = ovector[2 * group + 1]
            guard start >= 0, end <= subject.count, start <= end else { continue }
            groups.append((group, subject[start..<end]))
        }
        return groups.isEmpty ? nil : groups
    }

    /// Whether `subject` contains a match (what `firstMatch` finds, without collecting the groups).
    func matches(_ subject: [UInt8], scratch: SecLangMatchData) -> Bool {
        let rc = search(subject, scratch)
        guard rc > 0, let ovector = pcre2_get_ovector_pointer_8(scratch.data) else { return false }
        for group in 0..<Int(rc) {
            let start = ovector[2 * group]
            let end = ovector[2 * group + 1]
            if start >= 0, end <= subject.count, start <= end { return true }
        }
        return false
    }

    /// PCRE2's return code for a search of all of `subject`, the match left in `scratch`.
    private func search(_ subject: [UInt8], _ scratch: SecLangMatchData) -> Int32 {
        subject.withUnsafeBufferPointer { buffer -> Int32 in
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) {
                let start = buffer.baseAddress ?? $0
                return compiledByJIT
                    ? pcre2_jit_match_8(code, start, buffer.count, 0, 0, scratch.data, nil)
                    : pcre2_match_8(code, start, buffer.count, 0, 0, scratch.data, nil)
            }
        }
    }
}

/// PCRE2 match data for one evaluation (one thread at a time), large enough for every CRS pattern's groups.
final class SecLangMatchData {
    /// The match data.
    let data: OpaquePointer

    /// Match data for up to 100 groups.
    init() {
        data = pcre2_match_data_create_8(100, nil)!
    }

    deinit {
        pcre2_match_data_free_8(data)
    }
}

/// Why a directive cannot be compiled.
struct SecLangCompileError: Error, CustomStringConvertible {
    /// What is missing or wrong.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
