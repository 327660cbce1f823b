import CPCRE2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PCRE2 pattern compiled for byte mode with JIT, matched under a match limit.
///
/// When PCRE2 gives up (match, depth or heap limit, JIT stack exhausted) the result is `.gaveUp` and the caller
/// answers from the Pike VM instead; PCRE2's answer is never guessed.
final class PCRE2Matcher: @unchecked Sendable {
    /// The outcome of one PCRE2 search.
    enum Outcome: Equatable {
        case match, noMatch, gaveUp
    }

    /// Backtracking budget per search (`pcre2_set_match_limit`).
    static let matchLimit: UInt32 = 1_000_000
    /// Backtracking depth budget per search (`pcre2_set_depth_limit`; the interpreter only).
    static let depthLimit: UInt32 = 10_000

    private let code: OpaquePointer
    /// True when JIT compilation succeeded (otherwise the interpreter runs, under the same limits).
    let isJIT: Bool

    /// Compiles `pattern` (from `PCRE2Translation`); nil when PCRE2 refuses it (e.g. too large).
    init?(pattern: String) {
        let bytes = Array(pattern.utf8)
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_NEVER_UTF) | UInt32(PCRE2_NEVER_UCP) | UInt32(PCRE2_NEVER_BACKSLASH_C)
            | UInt32(PCRE2_DOLLAR_ENDONLY) | UInt32(PCRE2_NO_AUTO_CAPTURE)
        guard let compiled = bytes.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress else { return nil }
            return pcre2_compile_8(base, buffer.count, options, &errorCode, &errorOffset, nil)
        }) else { return nil }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// Searches `subject` anywhere; safe to call from several threads at once.
    func search(_ subject: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let scratch = PCRE2ThreadScratch.current else { return .gaveUp }
        let rc = withSubjectPointer(subject) { base in
            pcre2_match_8(code, base, subject.count, 0, 0, scratch.matchData, scratch.matchContext)
        }
        if rc >= 0 { return .match }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        return .gaveUp
    }

    private func withSubjectPointer(_ subject: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>) -> Int32) -> Int32 {
        if let base = subject.baseAddress { return body(base) }
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { body($0) }
    }
}

/// Match data, match context (with the limits) and JIT stack for one thread, created on first use and freed
/// when the thread exits. Match data sized for one pair serves every pattern, since only "matched?" is read.
final class PCRE2ThreadScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?

    private init?() {
        guard let data = pcre2_match_data_create_8(1, nil) else { return nil }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_match_data_free_8(data)
            return nil
        }
        matchData = data
        matchContext = context
        pcre2_set_match_limit_8(context, PCRE2Matcher.matchLimit)
        pcre2_set_depth_limit_8(context, PCRE2Matcher.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(matchContext)
        pcre2_match_data_free_8(matchData)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<PCRE2ThreadScratch>.fromOpaque(pointer).release()
        }
        return key
    }()

    /// This thread's scratch; nil only when PCRE2 cannot allocate it.
    static var current: PCRE2ThreadScratch? {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<PCRE2ThreadScratch>.fromOpaque(pointer).takeUnretainedValue()
        }
        guard let scratch = PCRE2ThreadScratch() else { return nil }
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }
}
