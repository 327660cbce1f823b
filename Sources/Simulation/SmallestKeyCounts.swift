import EdgeCore

/// Counts per key for at most `limit` distinct keys, keeping the smallest keys when more come. Which keys are kept
/// does not depend on the order the counts arrive in, and two tables merge into the table of the combined counts:
/// a key among the `limit` smallest of all has fewer than `limit` smaller keys anywhere, so it was counted from its
/// first occurrence on, wherever it occurred. A replay split across threads or shards gets the same table.
struct SmallestKeyCounts<Key: Hashable & Comparable & Sendable>: Sendable {
    /// The most keys kept.
    let limit: Int
    /// The kept keys and their counts.
    private(set) var counts: [Key: Int] = [:]
    /// The kept keys as a max-heap: the largest on top, the first to go.
    private var heap: [Key] = []

    /// An empty table of at most `limit` keys.
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Adds `count` to `key`'s count, when the key is (or now becomes) one of the smallest `limit` keys.
    mutating func add(_ key: Key, count: Int = 1) {
        if let known = counts[key] {
            counts[key] = known + count
            return
        }
        if heap.count == limit {
            guard key < heap[0] else { return }
            counts[heap[0]] = nil
            heap[0] = key
            siftDown(0)
        } else {
            heap.append(key)
            siftUp(heap.count - 1)
        }
        counts[key] = count
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: SmallestKeyCounts) {
        for (key, count) in other.counts { add(key, count: count) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] < heap[child] else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < heap.count && heap[largest] < heap[child] {
                largest = child
            }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}

extension SmallestKeyCounts: Equatable {
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.limit == rhs.limit && lhs.counts == rhs.counts }
}

extension SmallestKeyCounts where Key == String {
    /// The counts exactly, for a mergeable summary: an object, keys in byte order.
    var state: JSONValue { StateWriter.counts(counts) }

    /// The table `state` describes, at most `limit` keys.
    init(limit: Int, state: StateReader) throws(SummaryStateError) {
        self.init(limit: limit)
        for (key, count) in try state.counts() { add(key, count: count) }
    }
}
