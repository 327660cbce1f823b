import EdgeWire

/// The times of the counted requests of one key, oldest first, for the exact sliding log. Only the newest
/// `limit + 1` are kept: that is enough to tell whether the count exceeds the limit.
struct TimestampLog {
    private var times = FIFOQueue<Int64>()

    /// The number of times held.
    var count: Int { times.count }

    /// The newest time, if any.
    var newest: Int64? { times.isEmpty ? nil : times.last }

    /// Drops times at or before `cutoff` (they left the window).
    mutating func drop(through cutoff: Int64) {
        while !times.isEmpty, times.first <= cutoff { times.removeFirst() }
    }

    /// Appends `time`, keeping at most `capacity` times.
    mutating func append(_ time: Int64, capacity: Int) {
        times.append(time)
        if times.count > capacity { times.removeFirst() }
    }

    /// Forgets every time, keeping storage.
    mutating func removeAll() { times.removeAll(keepingCapacity: true) }

    /// Frees storage of an unused log.
    mutating func release() { times.removeAll(keepingCapacity: false) }
}
