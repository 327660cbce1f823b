/// What the edge did with a request, in this project's names (`managed_challenge`, not Logpush's
/// `managedChallenge`): the model's decision and the action a trace recorded share this one vocabulary.
public enum EdgeAction: String, CaseIterable, Hashable, Sendable {
    /// Passed through every phase (also Cloudflare's `skip`, `bypass` and solved challenges).
    case allow
    /// Blocked.
    case block
    /// Interactive challenge shown and not solved.
    case challenge
    /// Managed challenge shown and not solved.
    case managedChallenge = "managed_challenge"
    /// JavaScript challenge shown and not solved.
    case jsChallenge = "js_challenge"
    /// Passed through, with a `log` rule recording the match.
    case log

    /// Whether the request stopped at the edge.
    @inlinable
    public var terminates: Bool {
        switch self {
        case .block, .challenge, .managedChallenge, .jsChallenge: true
        case .allow, .log: false
        }
    }

    /// Reads one of this project's action names from bytes; nil for any other text.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> EdgeAction? {
        switch bytes.count {
        case 3 where ASCII.equals(bytes, "log"): .log
        case 5 where ASCII.equals(bytes, "allow"): .allow
        case 5 where ASCII.equals(bytes, "block"): .block
        case 9 where ASCII.equals(bytes, "challenge"): .challenge
        case 12 where ASCII.equals(bytes, "js_challenge"): .jsChallenge
        case 17 where ASCII.equals(bytes, "managed_challenge"): .managedChallenge
        default: nil
        }
    }
}
