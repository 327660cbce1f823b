#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds which known key a JSON key's bytes are, without allocating: keys are bucketed by length and checked
/// by first byte, then `memcmp`.
struct KeyTable<Key: Sendable>: @unchecked Sendable {
    private struct Entry {
        let first: UInt8
        let text: UnsafeMutablePointer<UInt8>
        let key: Key
    }

    /// `buckets[length]` holds the entries of keys of that length.
    private let buckets: [[Entry]]
    private let pool: UnsafeMutablePointer<UInt8>

    /// Builds a table from key names (ASCII) and the keys they stand for; names are at most 63 bytes.
    init(_ names: [(String, Key)]) {
        let total = names.reduce(0) { $0 + $1.0.utf8.count }
        pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        var buckets = [[Entry]](repeating: [], count: 64)
        var offset = 0
        for (name, key) in names {
            let bytes = Array(name.utf8)
            precondition(!bytes.isEmpty && bytes.count < 64, "key names are 1–63 bytes")
            (pool + offset).initialize(from: bytes, count: bytes.count)
            buckets[bytes.count].append(Entry(first: bytes[0], text: pool + offset, key: key))
            offset += bytes.count
        }
        self.buckets = buckets
    }

    /// The key whose name is the `count` bytes at `start`, or nil.
    @inline(__always)
    func lookup(_ start: UnsafePointer<UInt8>, count: Int) -> Key? {
        guard count > 0, count < 64 else { return nil }
        let first = start[0]
        for entry in buckets[count] where entry.first == first {
            if memcmp(start, entry.text, count) == 0 { return entry.key }
        }
        return nil
    }
}
