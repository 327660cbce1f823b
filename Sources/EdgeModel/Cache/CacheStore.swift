/// One data centre's cache: entries by key hash, evicted least recently used first once their sizes pass the
/// capacity in bytes.
struct CacheStore {
    /// The capacity in bytes.
    let capacityBytes: Int64
    /// The bytes of all entries.
    private(set) var usedBytes: Int64 = 0
    private var index: [UInt64: Int32] = [:]
    private var entries: [CacheEntry] = []
    private var free: [Int32] = []
    /// Most and least recently used entries.
    private var newest: Int32 = -1
    private var oldest: Int32 = -1

    /// An empty store of `capacityBytes`.
    init(capacityBytes: Int64) {
        self.capacityBytes = capacityBytes
    }

    /// The number of stored entries.
    var count: Int { index.count }

    /// The slot of `key`, if stored (does not change recency).
    @inline(__always)
    func find(_ key: UInt64) -> Int32? { index[key] }

    /// The entry in `slot`; writing keeps its key, size and recency links (use `store` to change those).
    subscript(slot: Int32) -> CacheEntry {
        get { entries[Int(slot)] }
        set {
            let old = entries[Int(slot)]
            var updated = newValue
            updated.newer = old.newer
            updated.older = old.older
            updated.key = old.key
            updated.size = old.size
            entries[Int(slot)] = updated
        }
    }

    /// Marks `slot` as just used.
    mutating func touch(_ slot: Int32) {
        guard newest != slot else { return }
        unlink(slot)
        linkAsNewest(slot)
    }

    /// Stores `entry`, replacing any entry with its key and evicting the least recently used entries until it
    /// fits. Returns false (and stores nothing) when the entry alone is larger than the capacity.
    @discardableResult
    mutating func store(_ entry: CacheEntry) -> Bool {
        remove(entry.key)
        guard entry.size <= capacityBytes else { return false }
        while usedBytes.saturatingAdd(entry.size) > capacityBytes, oldest >= 0 {
            remove(entries[Int(oldest)].key)
        }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            entries[Int(slot)] = entry
        } else {
            slot = Int32(entries.count)
            entries.append(entry)
        }
        index[entry.key] = slot
        usedBytes += entry.size
        linkAsNewest(slot)
        return true
    }

    /// Removes the entry with `key`, if stored.
    mutating func remove(_ key: UInt64) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        usedBytes -= entries[Int(slot)].size
        free.append(slot)
    }

    private mutating func unlink(_ slot: Int32) {
        let entry = entries[Int(slot)]
        if entry.newer >= 0 { entries[Int(entry.newer)].older = entry.older } else { newest = entry.older }
        if entry.older >= 0 { entries[Int(entry.older)].newer = entry.newer } else { oldest = entry.newer }
        entries[Int(slot)].newer = -1
        entries[Int(slot)].older = -1
    }

    private mutating func linkAsNewest(_ slot: Int32) {
        entries[Int(slot)].older = newest
        entries[Int(slot)].newer = -1
        if newest >= 0 { entries[Int(newest)].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
