import CPCRE2
import Glibc

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
        let options =
            UInt32(PCRE2_NEVER_UTF) | UInt32(PCRE2_NEVER_UCP) | UInt32(PCRE2_NEVER_BACKSLASH_C)
            | UInt32(PCRE2_DOLLAR_ENDONLY) | UInt32(PCRE2_NO_AUTO_CAPTURE)
        guard
            let compiled = bytes.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
                guard let base = buffer.baseAddress else { return nil }
                return pcre2_compile_8(base, buffer.count, options, &errorCode, &errorOffset, nil)
            })
        else { return nil }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// Searches `subject` anywhere; safe to call from several threads at once.
    func search(_ subject: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let scratch = PCRE2ThreadScratch.current else { return .gaveUp }
        var empty: UInt8 = 0
        let rc = withUnsafePointer(to: &empty) { emptyPointer in
            let base = subject.baseAddress ?? emptyPointer
            return isJIT
                ? pcre2_jit_match_8(
                    code, base, subject.count, 0, 0, scratch.pointee.matchData, scratch.pointee.matchContext)
                : pcre2_match_8(
                    code, base, subject.count, 0, 0, scratch.pointee.matchData, scratch.pointee.matchContext)
        }
        if rc >= 0 { return .match }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        return .gaveUp
    }
}

/// Match data, match context (with the limits) and JIT stack for one thread, created on first use and freed
/// when the thread exits. Match data sized for one pair serves every pattern, since only "matched?" is read.
/// Kept as a plain struct behind a thread-specific pointer so the hot path does no reference counting.
struct PCRE2ThreadScratch {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    let jitStack: OpaquePointer?

    private static func make() -> PCRE2ThreadScratch? {
        guard let data = pcre2_match_data_create_8(1, nil) else { return nil }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_match_data_free_8(data)
            return nil
        }
        pcre2_set_match_limit_8(context, PCRE2Matcher.matchLimit)
        pcre2_set_depth_limit_8(context, PCRE2Matcher.depthLimit)
        let jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        return PCRE2ThreadScratch(matchData: data, matchContext: context, jitStack: jitStack)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let scratch = raw?.assumingMemoryBound(to: PCRE2ThreadScratch.self) else { return }
            if let jitStack = scratch.pointee.jitStack { pcre2_jit_stack_free_8(jitStack) }
            pcre2_match_context_free_8(scratch.pointee.matchContext)
            pcre2_match_data_free_8(scratch.pointee.matchData)
            scratch.deinitialize(count: 1)
            scratch.deallocate()
        }
        return key
    }()

    /// This thread's scratch; nil only when PCRE2 cannot allocate it.
    static var current: UnsafeMutablePointer<PCRE2ThreadScratch>? {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: PCRE2ThreadScratch.self) }
        guard let scratch = make() else { return nil }
        let pointer = UnsafeMutablePointer<PCRE2ThreadScratch>.allocate(capacity: 1)
        pointer.initialize(to: scratch)
        pthread_setspecific(key, pointer)
        return pointer
    }
}
