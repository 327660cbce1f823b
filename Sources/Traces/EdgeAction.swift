#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The action an edge took on a request, in this project's names (`managed_challenge`, not Cloudflare's
/// Logpush spelling `managedChallenge`).
public enum EdgeAction: String, CaseIterable, Hashable, Sendable {
    /// The request went on to the origin or cache (also Cloudflare's `skip`, `bypass` and solved challenges).
    case allow
    /// The request was refused.
    case block
    /// A legacy interactive challenge was served.
    case challenge
    /// A JavaScript challenge was served.
    case jsChallenge = "js_challenge"
    /// A managed challenge was served.
    case managedChallenge = "managed_challenge"
    /// The request was only logged.
    case log

    /// Parses one of this project's action names from bytes.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> EdgeAction? {
        switch bytes.count {
        case 3 where equals(bytes, "log"): .log
        case 5 where equals(bytes, "allow"): .allow
        case 5 where equals(bytes, "block"): .block
        case 9 where equals(bytes, "challenge"): .challenge
        case 12 where equals(bytes, "js_challenge"): .jsChallenge
        case 17 where equals(bytes, "managed_challenge"): .managedChallenge
        default: nil
        }
    }
}

/// Whether `bytes` hold exactly the ASCII text `text`.
@inline(__always)
func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    guard let base = bytes.baseAddress else { return text.utf8CodeUnitCount == 0 }
    return memcmp(base, text.utf8Start, bytes.count) == 0
}
