/// A token bucket: `requests` tokens per period flow in up to `capacity`; each counted request takes one.
/// Tokens are held multiplied by the period (in ms) so refilling is exact integer arithmetic: one millisecond
/// adds `requests` units and one token is `period` units. When mitigated requests are counted the bucket can
/// go into debt, which keeps a client that does not slow down over the rate.
enum TokenBucket {
    /// A full bucket at `now`.
    static func fill(_ entry: inout RateLimiterEntry, now: Int64, _ parameters: LimiterParameters) {
        entry.window = now
        entry.current = parameters.capacity.saturatingMultiply(parameters.period)
    }

    /// Adds the tokens that flowed in since the last refill.
    @inline(__always)
    static func advance(_ entry: inout RateLimiterEntry, to now: Int64, _ parameters: LimiterParameters) {
        guard now > entry.window else { return }
        let full = parameters.capacity.saturatingMultiply(parameters.period)
        let inflow = now.saturatingSubtract(entry.window).saturatingMultiply(parameters.requests)
        entry.current = min(full, entry.current.saturatingAdd(inflow))
        entry.window = now
    }

    /// Takes one token.
    @inline(__always)
    static func take(_ entry: inout RateLimiterEntry, _ parameters: LimiterParameters) {
        entry.current = entry.current.saturatingSubtract(parameters.period)
    }

    /// Whether taking `extra` more tokens would leave the bucket in debt.
    @inline(__always)
    static func exceeds(_ entry: RateLimiterEntry, extra: Int64, _ parameters: LimiterParameters) -> Bool {
        entry.current.saturatingSubtract(extra.saturatingMultiply(parameters.period)) < 0
    }

    /// Tokens in use (including `extra` more), for reports.
    static func rate(_ entry: RateLimiterEntry, extra: Int64, _ parameters: LimiterParameters) -> Double {
        let full = Double(parameters.capacity)
        return full - Double(entry.current) / Double(parameters.period) + Double(extra)
    }

    /// Whether the bucket is full again at `now`, so the entry no longer affects any decision.
    static func isOver(_ entry: RateLimiterEntry, now: Int64, _ parameters: LimiterParameters) -> Bool {
        var refilled = entry
        advance(&refilled, to: now, parameters)
        return refilled.current >= parameters.capacity.saturatingMultiply(parameters.period)
    }
}
