/// The model's only clock: it moves to each request's timestamp and never backwards, so a request that arrives
/// out of order is handled at the latest time already seen.
public struct VirtualClock: Sendable {
    /// The current time in milliseconds since the Unix epoch.
    public private(set) var now: Int64

    /// A clock at `start`.
    public init(start: Int64 = Int64.min) {
        now = start
    }

    /// Moves the clock to `time` unless it is already later; returns the current time.
    @discardableResult
    public mutating func advance(to time: Int64) -> Int64 {
        if time > now { now = time }
        return now
    }
}
