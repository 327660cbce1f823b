#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for comparisons: ASCII case mapping and substring search without allocating.
enum ByteOperations {
    /// The ASCII lowercase of one byte; other bytes unchanged.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// The ASCII uppercase of one byte; other bytes unchanged.
    @inline(__always)
    static func upper(_ byte: UInt8) -> UInt8 { byte &- 0x61 < 26 ? byte & 0xDF : byte }

    /// Writes the ASCII lowercase of `source` into `target`, reusing its storage.
    static func lowercase(_ source: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target.reserveCapacity(source.count)
        for byte in source { target.append(lower(byte)) }
    }

    /// Writes the ASCII uppercase of `source` into `target`, reusing its storage.
    static func uppercase(_ source: [UInt8], into target: inout [UInt8]) {
        target.removeAll(keepingCapacity: true)
        target.reserveCapacity(source.count)
        for byte in source { target.append(upper(byte)) }
    }

    /// Whether the two byte strings are equal ignoring ASCII case.
    static func equalIgnoringCase(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in lhs.indices where lower(lhs[index]) != lower(rhs[index]) { return false }
        return true
    }

    /// Whether `haystack` contains `needle` as a contiguous byte sequence.
    @inline(__always)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
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
    }

    /// Whether `value` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ value: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= value.count else { return false }
        for index in prefix.indices where value[index] != prefix[index] { return false }
        return true
    }

    /// Whether `value` ends with `suffix`.
    @inline(__always)
    static func hasSuffix(_ value: [UInt8], _ suffix: [UInt8]) -> Bool {
        guard suffix.count <= value.count else { return false }
        let offset = value.count - suffix.count
        for index in suffix.indices where value[offset + index] != suffix[index] { return false }
        return true
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
