/// A flat open-addressing table of counter entries keyed by a 64-bit hash of (rule, key parts, data centre),
/// with linear probing. Entries whose windows and timeouts are over are dropped when the table is rebuilt, which
/// happens when it fills up and after every `capacity / 2` operations, so its size follows the live keys rather
/// than the length of the trace.
struct RateLimiterTable {
    /// The slots; `key == 0` marks an empty one.
    private(set) var slots: [RateLimiterEntry]
    /// The number of occupied slots.
    private(set) var count = 0
    private var mask: Int
    private var operationsSinceRebuild = 0

    /// The smallest table.
    static let minimumCapacity = 16

    /// An empty table.
    init() {
        slots = Array(repeating: RateLimiterEntry(), count: Self.minimumCapacity)
        mask = Self.minimumCapacity - 1
    }

    /// The number of slots.
    var capacity: Int { slots.count }

    /// Whether the table is due for a rebuild before the next insertion or lookup: it would pass half full, or
    /// enough operations happened to pay for a sweep of every slot.
    var needsRebuild: Bool {
        (count + 1) * 2 > slots.count || operationsSinceRebuild >= slots.count / 2
    }

    /// The slot holding `key`, if any.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let slotKey = slots[index].key
            if slotKey == key { return index }
            if slotKey == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// The slot holding `key`, claiming an empty one (with `isNew` true) when absent. Call `rebuild` first when
    /// `needsRebuild` says so.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt64, rule: Int32) -> (index: Int, isNew: Bool) {
        operationsSinceRebuild += 1
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let slotKey = slots[index].key
            if slotKey == key { return (index, false) }
            if slotKey == 0 {
                slots[index] = RateLimiterEntry(key: key, rule: rule)
                count += 1
                return (index, true)
            }
            index = (index + 1) & mask
        }
    }

    /// Reads or writes the entry in slot `index`.
    @inline(__always)
    subscript(index: Int) -> RateLimiterEntry {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    /// Rebuilds the table with only the entries `keep` accepts, sized for a quarter load so that it grows or
    /// shrinks with the live keys.
    mutating func rebuild(keep: (RateLimiterEntry) -> Bool) {
        var live: [RateLimiterEntry] = []
        live.reserveCapacity(count)
        for entry in slots where entry.key != 0 && keep(entry) { live.append(entry) }
        var newCapacity = Self.minimumCapacity
        while newCapacity < live.count * 4 { newCapacity *= 2 }
        slots = Array(repeating: RateLimiterEntry(), count: newCapacity)
        mask = newCapacity - 1
        count = live.count
        for entry in live {
            var index = Int(truncatingIfNeeded: entry.key) & mask
            while slots[index].key != 0 { index = (index + 1) & mask }
            slots[index] = entry
        }
        operationsSinceRebuild = 0
    }
}
