#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path pattern where `*` matches any run of bytes (including `/`) and every other byte matches itself,
/// anchored at both ends: `/v1/*` matches `/v1/items`, `/health` only `/health`. Origin routes and the app
/// routes of the cost model both match paths with it.
public struct PathPattern: Sendable {
    /// The literal pieces between stars (empty first or last piece when the pattern starts or ends with `*`).
    private let pieces: [[UInt8]]

    /// Compiles `pattern`.
    public init(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        pieces = bytes.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether `path` matches the whole pattern.
    public func matches(_ path: [UInt8]) -> Bool {
        path.withUnsafeBytes { matches($0) }
    }

    /// Whether the bytes of `path` match the whole pattern.
    public func matches(_ path: UnsafeRawBufferPointer) -> Bool {
        // First piece anchors the start, last piece anchors the end, middle pieces are found left to right.
        guard let first = pieces.first, let last = pieces.last else { return false }
        if pieces.count == 1 { return path.count == first.count && Self.occurs(first, in: path, at: 0) }
        guard path.count >= first.count + last.count, Self.occurs(first, in: path, at: 0),
              Self.occurs(last, in: path, at: path.count - last.count)
        else { return false }
        var position = first.count
        let limit = path.count - last.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = Self.find(piece, in: path, from: position, before: limit) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// Whether `piece` stands in `path` at `offset` (the caller keeps it in range).
    private static func occurs(_ piece: [UInt8], in path: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard !piece.isEmpty, let base = path.baseAddress else { return true }
        return piece.withUnsafeBytes { bytes in bytes.baseAddress.map { memcmp($0, base + offset, piece.count) == 0 } ?? true }
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int, before end: Int) -> Int? {
        var index = start
        while index + needle.count <= end {
            if occurs(needle, in: haystack, at: index) { return index }
            index += 1
        }
        return nil
    }
}
