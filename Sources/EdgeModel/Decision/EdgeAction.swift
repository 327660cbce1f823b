/// What the edge did with a request, as Logpush's `SecurityAction` spells it for rules.
public enum EdgeAction: String, Sendable, Hashable, CaseIterable {
    /// Passed through every phase (possibly after a solved challenge).
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
    public var terminates: Bool {
        switch self {
        case .block, .challenge, .managedChallenge, .jsChallenge: true
        case .allow, .log: false
        }
    }
}
