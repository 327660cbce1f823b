import EdgeWire
import Glibc

/// Byte-level helpers for comparisons: ASCII case mapping and substring search without allocating.
enum ByteOperations {
    /// Writes the ASCII lowercase of `source` into `target`, reusing its storage.
    static func lowercase(_ source: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target.append(contentsOf: source)
        target.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices { bytes[index] = ASCII.lowercased(bytes[index]) }
        }
    }

    /// Writes the ASCII uppercase of `source` into `target`, reusing its storage.
    static func uppercase(_ source: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target.append(contentsOf: source)
        target.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices { bytes[index] = ASCII.uppercased(bytes[index]) }
        }
    }

    /// Whether the two byte strings are equal (`memcmp` on the contents).
    @inline(__always)
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBufferPointer { equal($0, rhs) }
    }

    /// Whether the borrowed bytes equal `rhs`.
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return rhs.withUnsafeBufferPointer { right in
            guard let leftBase = lhs.baseAddress, let rightBase = right.baseAddress else { return false }
            return memcmp(leftBase, rightBase, lhs.count) == 0
        }
    }

    /// Whether the two byte strings are equal ignoring ASCII case.
    static func equalIgnoringCase(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBufferPointer { left in
            rhs.withUnsafeBufferPointer { right in
                for index in left.indices where ASCII.lowercased(left[index]) != ASCII.lowercased(right[index]) {
                    return false
                }
                return true
            }
        }
    }

    /// Whether `haystack` contains `needle` as a contiguous byte sequence.
    @inline(__always)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        return haystack.withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Whether the borrowed `haystack` contains `needle` as a contiguous byte sequence.
    @inline(__always)
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > hay.count { return false }
        return needle.withUnsafeBufferPointer { pattern in
            guard let hayBase = hay.baseAddress, let patternBase = pattern.baseAddress else { return false }
            let first = Int32(patternBase[0])
            let lastStart = hay.count - pattern.count
            var offset = 0
            while offset <= lastStart {
                // memchr finds candidate first bytes at machine speed; memcmp confirms the rest.
                guard let found = memchr(hayBase + offset, first, lastStart - offset + 1) else { return false }
                let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - hayBase
                if memcmp(hayBase + position, patternBase, pattern.count) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }

    /// Whether `value` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ value: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= value.count else { return false }
        if prefix.isEmpty { return true }
        return value.withUnsafeBufferPointer { hasPrefix($0, prefix) }
    }

    /// Whether the borrowed `value` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ value: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= value.count else { return false }
        if prefix.isEmpty { return true }
        return prefix.withUnsafeBufferPointer { start in
            guard let wholeBase = value.baseAddress, let startBase = start.baseAddress else { return false }
            return memcmp(wholeBase, startBase, start.count) == 0
        }
    }

    /// Whether `value` ends with `suffix`.
    @inline(__always)
    static func hasSuffix(_ value: [UInt8], _ suffix: [UInt8]) -> Bool {
        guard suffix.count <= value.count else { return false }
        if suffix.isEmpty { return true }
        return value.withUnsafeBufferPointer { hasSuffix($0, suffix) }
    }

    /// Whether the borrowed `value` ends with `suffix`.
    @inline(__always)
    static func hasSuffix(_ value: UnsafeBufferPointer<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard suffix.count <= value.count else { return false }
        if suffix.isEmpty { return true }
        let offset = value.count - suffix.count
        return suffix.withUnsafeBufferPointer { end in
            guard let wholeBase = value.baseAddress, let endBase = end.baseAddress else { return false }
            return memcmp(wholeBase + offset, endBase, end.count) == 0
        }
    }

    /// Lexicographic byte order: negative, zero or positive like `memcmp`, shorter prefix first.
    static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        let common = min(lhs.count, rhs.count)
        for index in 0..<common where lhs[index] != rhs[index] {
            return lhs[index] < rhs[index] ? -1 : 1
        }
        return lhs.count - rhs.count
    }
}
