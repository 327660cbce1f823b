/// The times of the counted requests of one key, oldest first, for the exact sliding log. Only the newest
/// `limit + 1` are kept: that is enough to tell whether the count exceeds the limit.
struct TimestampLog {
    private var times: [Int64] = []
    private var head = 0

    /// The number of times held.
    var count: Int { times.count - head }

    /// The newest time, if any.
    var newest: Int64? { count > 0 ? times.last : nil }

    /// Drops times at or before `cutoff` (they left the window).
    mutating func drop(through cutoff: Int64) {
        while head < times.count, times[head] <= cutoff { head += 1 }
        compactIfWasteful()
    }

    /// Appends `time`, keeping at most `capacity` times.
    mutating func append(_ time: Int64, capacity: Int) {
        times.append(time)
        if count > capacity { head += 1 }
        compactIfWasteful()
    }

    /// Forgets every time, keeping storage.
    mutating func removeAll() {
        times.removeAll(keepingCapacity: true)
        head = 0
    }

    /// Frees storage of an unused log.
    mutating func release() {
        times = []
        head = 0
    }

    private mutating func compactIfWasteful() {
        if head == times.count {
            times.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32, head * 2 > times.count {
            times.removeFirst(head)
            head = 0
        }
    }
}
