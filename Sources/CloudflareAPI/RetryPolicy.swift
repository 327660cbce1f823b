/// When to try an exchange again: after `429` and `5xx` answers and network failures, with exponential backoff
/// (1 s, 2 s, 4 s, …) or the server's `Retry-After` seconds, at most `maximumDelay` each, `attempts` tries in all.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var attempts: Int
    /// The first backoff, in seconds.
    public var initialDelay: Double
    /// The longest wait, in seconds (a longer `Retry-After` is cut to it).
    public var maximumDelay: Double

    /// A policy from its parts.
    public init(attempts: Int = 5, initialDelay: Double = 1, maximumDelay: Double = 60) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// Whether an answer with this status is worth another try.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// Seconds to wait before try `attempt + 1` (attempts count from 1), or nil when no try is left.
    public func delay(after attempt: Int, retryAfter: String?) -> Double? {
        guard attempt < attempts else { return nil }
        if let retryAfter, let seconds = Int(retryAfter), seconds >= 0 { return min(Double(seconds), maximumDelay) }
        var delay = initialDelay
        for _ in 1..<attempt { delay *= 2 }
        return min(delay, maximumDelay)
    }
}
