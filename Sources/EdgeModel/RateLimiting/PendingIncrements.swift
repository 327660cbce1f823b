import EdgeWire

/// Counted requests waiting out a rule's counter lag, in the order they were counted. Times never go backwards,
/// so the queue is also ordered by the time each becomes visible.
struct PendingIncrements {
    /// One counted request.
    struct Increment {
        /// The counter's key hash.
        let key: UInt64
        /// When the request was counted.
        let countedAt: Int64
        /// When the count becomes visible to decisions.
        let visibleAt: Int64
    }

    private var items = FIFOQueue<Increment>()

    /// Whether nothing is waiting.
    var isEmpty: Bool { items.isEmpty }

    /// Queues a counted request.
    mutating func append(_ increment: Increment) { items.append(increment) }

    /// Removes and returns the oldest increment if it is visible at `now`.
    mutating func popVisible(at now: Int64) -> Increment? {
        guard !items.isEmpty, items.first.visibleAt <= now else { return nil }
        return items.removeFirst()
    }
}
