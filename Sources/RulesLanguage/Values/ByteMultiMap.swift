/// A map from byte-string keys to ordered lists of values (`Map<Array<Bytes>>`): headers, query arguments, cookies.
///
/// Keys keep first-seen order; repeated keys append to the key's list. Lookups scan linearly, which beats
/// hashing for the few dozen keys a request carries and allocates nothing.
public struct ByteMultiMap: Sendable, Equatable {
    /// Distinct keys in first-seen order.
    public private(set) var keys: [[UInt8]] = []
    /// The values of each key, parallel to `keys`.
    public private(set) var values: [[[UInt8]]] = []

    /// An empty map.
    public init() {}

    /// Appends `value` to the list of `key`.
    public mutating func append(_ value: [UInt8], for key: [UInt8]) {
        if let index = keys.firstIndex(of: key) {
            values[index].append(value)
        } else {
            keys.append(key)
            values.append([value])
        }
    }

    /// Removes every entry, keeping storage for reuse.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// The values of `key`, or nil when it is absent.
    @inline(__always)
    public func lookup(_ key: [UInt8]) -> [[UInt8]]? {
        for index in keys.indices where keys[index] == key { return values[index] }
        return nil
    }

    /// Whether `key` is present.
    public func hasKey(_ key: [UInt8]) -> Bool { keys.contains(key) }

    /// The number of distinct keys.
    public var count: Int { keys.count }
}
