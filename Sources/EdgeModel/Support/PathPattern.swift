/// A path pattern where `*` matches any run of bytes (including `/`) and every other byte matches itself,
/// anchored at both ends: `/v1/*` matches `/v1/items`, `/health` only `/health`.
struct PathPattern: Sendable {
    /// The literal pieces between stars (empty first or last piece when the pattern starts or ends with `*`).
    private let pieces: [[UInt8]]

    /// Compiles `pattern`.
    init(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        pieces = bytes.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether `path` matches the whole pattern.
    func matches(_ path: [UInt8]) -> Bool {
        if pieces.count == 1 { return path == pieces[0] }
        // First piece anchors the start, last piece anchors the end, middle pieces are found left to right.
        guard let first = pieces.first, let last = pieces.last else { return false }
        guard path.count >= first.count + last.count, path.starts(with: first) else { return false }
        guard path[(path.count - last.count)...].elementsEqual(last) else { return false }
        var position = first.count
        let limit = path.count - last.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = Self.find(piece, in: path, from: position, before: limit) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, before end: Int) -> Int? {
        guard needle.count <= end - start else { return nil }
        var index = start
        while index + needle.count <= end {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
