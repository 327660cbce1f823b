/// The quoted forms of known keys, `"name":`, as up to three little-endian words with masks, so that a key the
/// parser expects next is confirmed with a few word compares instead of a scan for its closing quote and a
/// table lookup. Keys are 1–21 bytes (the quoted form fits in 24).
///
/// The patterns' memory is never freed; they are built once per process (static) and live as long as it.
public struct QuotedKeyPatterns: @unchecked Sendable {
    /// One key's quoted form.
    @usableFromInline
    struct Pattern {
        @usableFromInline var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        @usableFromInline var masks: (UInt64, UInt64, UInt64) = (0, 0, 0)
        /// Bytes in `"name":`.
        @usableFromInline var length = 0
    }

    @usableFromInline let patterns: UnsafeMutablePointer<Pattern>
    /// How many patterns there are.
    public let count: Int

    /// Builds the patterns for `names` (ASCII, 1–21 bytes), indexed by position.
    public init(_ names: [String]) {
        count = names.count
        patterns = UnsafeMutablePointer<Pattern>.allocate(capacity: max(1, names.count))
        for (index, name) in names.enumerated() {
            let bytes = [UInt8(ascii: "\"")] + Array(name.utf8) + [UInt8(ascii: "\""), UInt8(ascii: ":")]
            precondition(bytes.count <= 24, "key names are at most 21 bytes")
            var words: [UInt64] = [0, 0, 0]
            var masks: [UInt64] = [0, 0, 0]
            for (offset, byte) in bytes.enumerated() {
                words[offset / 8] |= UInt64(byte) << (8 * UInt64(offset % 8))
                masks[offset / 8] |= 0xFF << (8 * UInt64(offset % 8))
            }
            (patterns + index).initialize(
                to: Pattern(
                    words: (words[0], words[1], words[2]), masks: (masks[0], masks[1], masks[2]), length: bytes.count))
        }
    }

    /// Whether the bytes at `start` begin with the quoted form of key `index`; `available` bytes may be read
    /// there. Reads whole words, so a key too close to the end of the line is reported as not matching.
    @inlinable @inline(__always)
    public func matches(_ index: Int, at start: UnsafePointer<UInt8>, available: Int) -> Int? {
        guard index >= 0, index < count else { return nil }
        let pattern = patterns[index]
        guard available >= 24 || available >= (pattern.length + 7) & ~7 else { return nil }
        let raw = UnsafeRawPointer(start)
        var difference = (raw.loadUnaligned(as: UInt64.self) ^ pattern.words.0) & pattern.masks.0
        if pattern.length > 8 {
            difference |= (raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ pattern.words.1) & pattern.masks.1
            if pattern.length > 16 {
                difference |=
                    (raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) ^ pattern.words.2) & pattern.masks.2
            }
        }
        return difference == 0 ? pattern.length : nil
    }
}
