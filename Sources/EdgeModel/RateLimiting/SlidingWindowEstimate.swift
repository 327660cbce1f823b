/// Cloudflare's sliding-window estimate (`docs/cloudflare-semantics.md`, "Rate limiting: counting"): two fixed windows
/// aligned to multiples of the period since the epoch; the rate is the previous window's count weighted by the part of
/// the period not yet elapsed, plus the current window's count. 42 requests in the previous minute and 18 so far, 15 s
/// into the current minute: 42 × 45/60 + 18 = 49.5.
enum SlidingWindowEstimate {
    /// Moves the entry's windows forward to the window containing `now` (never backwards).
    @inline(__always)
    static func advance(_ entry: inout RateLimiterEntry, to now: Int64, period: Int64) {
        roll(&entry, toWindow: now.flooredDivision(by: period))
    }

    @inline(__always)
    private static func roll(_ entry: inout RateLimiterEntry, toWindow window: Int64) {
        if window <= entry.window { return }
        entry.previous = window == entry.window + 1 ? entry.current : 0
        entry.current = 0
        entry.window = window
    }

    /// Counts one request made at `time` (which may be earlier than the entry's window under counter lag).
    @inline(__always)
    static func add(_ entry: inout RateLimiterEntry, at time: Int64, period: Int64) {
        let window = time.flooredDivision(by: period)
        roll(&entry, toWindow: window)
        if window == entry.window {
            entry.current = entry.current.saturatingAdd(1)
        } else if window == entry.window - 1 {
            entry.previous = entry.previous.saturatingAdd(1)
        }
    }

    /// Whether the estimate at `now`, with `extra` more requests in the current window, exceeds `requests`.
    /// Exact in integers: previous × (period − elapsed) + current × period > requests × period.
    @inline(__always)
    static func exceeds(_ entry: RateLimiterEntry, now: Int64, period: Int64, extra: Int64, requests: Int64) -> Bool {
        let remaining = remainingInWindow(entry, now: now, period: period)
        let weighted = entry.previous.saturatingMultiply(remaining)
            .saturatingAdd(entry.current.saturatingAdd(extra).saturatingMultiply(period))
        return weighted > requests.saturatingMultiply(period)
    }

    /// The estimate as a number, for reports.
    static func rate(_ entry: RateLimiterEntry, now: Int64, period: Int64, extra: Int64) -> Double {
        let remaining = remainingInWindow(entry, now: now, period: period)
        return Double(entry.previous) * Double(remaining) / Double(period) + Double(entry.current.saturatingAdd(extra))
    }

    /// Whether both windows are over, so the entry no longer affects any decision.
    static func isOver(_ entry: RateLimiterEntry, now: Int64, period: Int64) -> Bool {
        now.flooredDivision(by: period) >= entry.window.saturatingAdd(2)
    }

    /// Milliseconds of the current window not yet elapsed at `now` (0 when `now` is past the entry's window).
    private static func remainingInWindow(_ entry: RateLimiterEntry, now: Int64, period: Int64) -> Int64 {
        let window = now.flooredDivision(by: period)
        guard window == entry.window else { return 0 }
        let start = window.saturatingMultiply(period)
        return max(0, period - now.saturatingSubtract(start))
    }
}
