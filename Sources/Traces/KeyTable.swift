/// Finds which known key a JSON key's bytes are, without allocating or reference counting: keys are bucketed
/// by length and checked by first byte, then word by word.
///
/// A table's memory is never freed; tables are built once per process (static) and live as long as it.
struct KeyTable<Key: Sendable>: @unchecked Sendable {
    private struct Entry {
        let first: UInt8
        let text: UnsafeMutablePointer<UInt8>
        let key: Key
    }

    /// Entries sorted by key length.
    private let entries: UnsafeMutablePointer<Entry>
    /// For each length 0…63, the first entry of that length and how many there are.
    private let buckets: UnsafeMutablePointer<(start: Int32, count: Int32)>

    /// Builds a table from key names (ASCII, 1–63 bytes) and the keys they stand for.
    init(_ names: [(String, Key)]) {
        let sorted = names.map { (Array($0.0.utf8), $0.1) }.sorted { $0.0.count < $1.0.count }
        let total = sorted.reduce(0) { $0 + $1.0.count }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: max(1, sorted.count))
        buckets = UnsafeMutablePointer<(start: Int32, count: Int32)>.allocate(capacity: 64)
        buckets.initialize(repeating: (0, 0), count: 64)
        var offset = 0
        for (index, (bytes, key)) in sorted.enumerated() {
            precondition(!bytes.isEmpty && bytes.count < 64, "key names are 1–63 bytes")
            (pool + offset).initialize(from: bytes, count: bytes.count)
            (entries + index).initialize(to: Entry(first: bytes[0], text: pool + offset, key: key))
            if buckets[bytes.count].count == 0 { buckets[bytes.count].start = Int32(index) }
            buckets[bytes.count].count += 1
            offset += bytes.count
        }
    }

    /// The key whose name is the `count` bytes at `start`, or nil.
    @inline(__always)
    func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> Key? {
        guard count > 0, count < 64 else { return nil }
        let bucket = buckets[count]
        let first = start[0]
        var index = Int(bucket.start)
        let stop = index + Int(bucket.count)
        while index < stop {
            let entry = entries[index]
            if entry.first == first, bytesEqual(start, entry.text, count) { return entry.key }
            index += 1
        }
        return nil
    }
}

/// Whether `count` bytes at `lhs` and `rhs` are equal, compared eight at a time.
@inline(__always)
func bytesEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        let left = UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt64.self)
        let right = UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt64.self)
        if left != right { return false }
        index += 8
    }
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
