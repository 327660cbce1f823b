@testable import CloudflareRegex

/// Helpers shared by the regex tests.
enum RegexTestSupport {
    /// Compiles `pattern` or returns nil.
    static func compiled(_ pattern: String) -> CompiledRegex? {
        try? CompiledRegex.compile(Array(pattern.utf8)).get()
    }

    /// The compile error for `pattern`, or nil when it compiles.
    static func error(_ pattern: String) -> RegexSyntaxError? {
        if case let .failure(error) = CompiledRegex.compile(Array(pattern.utf8)) { return error }
        return nil
    }

    /// Whether `pattern` (which must compile) matches `subject`; nil when it does not compile.
    static func matches(_ pattern: String, _ subject: [UInt8]) -> Bool? {
        compiled(pattern)?.isMatch(subject)
    }

    /// String convenience.
    static func matches(_ pattern: String, _ subject: String) -> Bool? {
        matches(pattern, Array(subject.utf8))
    }

    /// PCRE2 compiled from the regex's lowered form, or nil when PCRE2 cannot express it.
    static func pcre2(for regex: CompiledRegex) -> PCRE2Matcher? {
        PCRE2Translation.pattern(for: regex.hir).flatMap { PCRE2Matcher(pattern: $0) }
    }

    /// The answers of the Pike VM and of PCRE2 (nil when PCRE2 cannot run the pattern or gave up).
    static func engineAnswers(_ regex: CompiledRegex, _ matcher: PCRE2Matcher?, _ subject: [UInt8]) -> (
        vm: Bool, pcre2: Bool?
    ) {
        subject.withUnsafeBufferPointer { buffer in
            let vm = regex.vm.isMatch(buffer)
            switch matcher?.search(buffer) {
            case .match?: return (vm, true)
            case .noMatch?: return (vm, false)
            case .gaveUp?, nil: return (vm, nil)
            }
        }
    }
}
