/// Finds which known key a JSON key's bytes are, without allocating or reference counting: a key's length,
/// first and last byte pick a bucket (the table is sized so that known keys rarely share one), then the bytes are
/// compared word by word.
///
/// A table's memory is never freed; tables are built once per process (static) and live as long as it.
public struct KeyTable<Key: Sendable>: @unchecked Sendable {
    @usableFromInline
    struct Entry {
        @usableFromInline let count: Int
        @usableFromInline let text: UnsafeMutablePointer<UInt8>
        @usableFromInline let key: Key
    }

    /// Entries grouped by bucket.
    @usableFromInline let entries: UnsafeMutablePointer<Entry>
    /// For each bucket, its first entry and how many there are.
    @usableFromInline let buckets: UnsafeMutablePointer<(start: Int32, count: Int32)>
    /// Bucket count minus one (a power of two minus one).
    @usableFromInline let mask: Int

    /// Builds a table from key names (ASCII, 1–63 bytes) and the keys they stand for.
    public init(_ names: [(String, Key)]) {
        let named = names.map { (Array($0.0.utf8), $0.1) }
        for (bytes, _) in named { precondition(!bytes.isEmpty && bytes.count < 64, "key names are 1–63 bytes") }
        // The smallest table (of at least four buckets a key, at most 4096) in which no two keys share a bucket.
        var size = 16
        while size < named.count * 4 { size *= 2 }
        while size < 4096, Set(named.map { Self.bucket($0.0, count: $0.0.count, mask: size - 1) }).count < named.count {
            size *= 2
        }
        mask = size - 1
        let sorted = named.map {
            (bucket: Self.bucket($0.0, count: $0.0.count, mask: size - 1), bytes: $0.0, key: $0.1)
        }
        .sorted { $0.bucket < $1.bucket }
        let total = sorted.reduce(0) { $0 + $1.bytes.count }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: max(1, sorted.count))
        buckets = UnsafeMutablePointer<(start: Int32, count: Int32)>.allocate(capacity: size)
        buckets.initialize(repeating: (0, 0), count: size)
        var offset = 0
        for (index, item) in sorted.enumerated() {
            (pool + offset).initialize(from: item.bytes, count: item.bytes.count)
            (entries + index).initialize(to: Entry(count: item.bytes.count, text: pool + offset, key: item.key))
            if buckets[item.bucket].count == 0 { buckets[item.bucket].start = Int32(index) }
            buckets[item.bucket].count += 1
            offset += item.bytes.count
        }
    }

    /// The bucket of a key of `count` bytes whose first and last bytes are `bytes[0]`, `bytes[count - 1]`.
    @inlinable @inline(__always)
    static func bucket<Bytes: Collection<UInt8>>(_ bytes: Bytes, count: Int, mask: Int) -> Int
    where Bytes.Index == Int {
        (count &* 0x9E5 ^ Int(bytes[0]) &* 0x2F ^ Int(bytes[count - 1]) &* 0x107) & mask
    }

    /// The key whose name is the `count` bytes at `start`, or nil.
    @inlinable @inline(__always)
    public func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> Key? {
        guard count > 0, count < 64 else { return nil }
        let bucket = buckets[Self.bucket(UnsafeBufferPointer(start: start, count: count), count: count, mask: mask)]
        var index = Int(bucket.start)
        let stop = index + Int(bucket.count)
        while index < stop {
            let entry = entries[index]
            if entry.count == count, bytesEqual(start, entry.text, count) { return entry.key }
            index += 1
        }
        return nil
    }
}

/// Whether `count` bytes at `lhs` and `rhs` are equal, compared eight at a time.
@inlinable @inline(__always)
func bytesEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index + 8 <= count {
        let left = UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt64.self)
        let right = UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt64.self)
        if left != right { return false }
        index += 8
    }
    if index + 4 <= count {
        let left = UnsafeRawPointer(lhs + index).loadUnaligned(as: UInt32.self)
        let right = UnsafeRawPointer(rhs + index).loadUnaligned(as: UInt32.self)
        if left != right { return false }
        index += 4
    }
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
