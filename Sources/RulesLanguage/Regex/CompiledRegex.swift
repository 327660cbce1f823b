import CPCRE2

/// Stand-in for the regex engine: PCRE2 in byte mode with JIT, behind the engine's API.
/// The real engine replaces this file.

/// A syntax error in a regular expression, located by byte offset inside the pattern.
public struct RegexSyntaxError: Error, Sendable {
    /// Diagnostic id.
    public let id: String
    /// What is wrong.
    public let message: String
    /// Offset of the problem inside the pattern.
    public let byteOffset: Int
    /// Length of the offending text.
    public let length: Int
    /// How to fix it.
    public let help: String?
}

/// A compiled regular expression.
public final class CompiledRegex: @unchecked Sendable {
    private let code: OpaquePointer

    private init(code: OpaquePointer) { self.code = code }

    deinit { pcre2_code_free_8(code) }

    /// Compiles a pattern.
    public static func compile(_ pattern: [UInt8]) -> Result<CompiledRegex, RegexSyntaxError> {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled = pattern.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, 0, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = String(decoding: message.prefix(max(0, Int(length))), as: UTF8.self)
            // Unbalanced parentheses carry the engine's id for them (E0661); other errors the generic E0626.
            let unbalanced = errorCode == PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS
                || errorCode == PCRE2_ERROR_UNMATCHED_CLOSING_PARENTHESIS
            return .failure(RegexSyntaxError(id: unbalanced ? "E0661" : "E0626", message: text, byteOffset: errorOffset,
                                             length: 1, help: nil))
        }
        pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))
        return .success(CompiledRegex(code: compiled))
    }

    /// Whether the pattern matches anywhere in `subject`.
    public func isMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return false }
        defer { pcre2_match_data_free_8(data) }
        let empty: UInt8 = 0
        let result = withUnsafePointer(to: empty) { fallback in
            pcre2_match_8(code, subject.baseAddress ?? fallback, subject.count, 0, 0, data, nil)
        }
        return result >= 0
    }
}
