import EdgeCore

/// Maps byte offsets in a scalar's decoded value back to positions in the YAML source.
///
/// Aligns the decoded value with the raw source between the scalar's marks: source bytes that match the next value
/// byte advance both; quotes, escape backslashes, indentation and block headers are skipped; a space or newline in
/// the value matches a run of line break and indentation in the source (line folding). Works for every scalar
/// style; a byte produced by an escape (`\x41`) maps to the escape's last character.
struct ScalarSourceMap {
    private var offsets: [Int] = []
    private let source: SourceFile
    private let node: ScalarNode

    init(node: ScalarNode, source: SourceFile) {
        self.node = node
        self.source = source
        guard let start = source.byteOffset(of: node.range.start), let end = source.byteOffset(of: node.range.end),
            start <= end, end <= source.bytes.count
        else { return }
        let raw = source.bytes[start..<end]
        var cursor = raw.startIndex
        if node.style == .literal || node.style == .folded {
            while cursor < raw.endIndex, raw[cursor] != UInt8(ascii: "\n") { cursor += 1 }
        } else if node.style != .plain, cursor < raw.endIndex {
            cursor += 1
        }
        for byte in node.value.utf8 {
            let isFold = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
            while cursor < raw.endIndex, raw[cursor] != byte {
                if isFold, raw[cursor] == UInt8(ascii: "\n") || raw[cursor] == UInt8(ascii: "\r") { break }
                cursor += 1
            }
            if cursor < raw.endIndex, raw[cursor] != byte {
                offsets.append(cursor)
                cursor += 1
                while cursor < raw.endIndex, raw[cursor] == UInt8(ascii: " ") || raw[cursor] == UInt8(ascii: "\n") {
                    cursor += 1
                }
                continue
            }
            offsets.append(min(cursor, raw.endIndex))
            if cursor < raw.endIndex { cursor += 1 }
        }
        offsets.append(min(cursor, raw.endIndex))
    }

    /// The source span of value bytes `bytes`; the scalar's whole span when the mapping is unavailable.
    func range(ofValueBytes bytes: Range<Int>) -> SourceRange {
        guard offsets.count > 1 else { return node.range }
        let lower = offsets[min(max(0, bytes.lowerBound), offsets.count - 1)]
        let lastIndex = min(max(bytes.lowerBound, bytes.upperBound - 1), offsets.count - 1)
        let upper = bytes.isEmpty ? lower : offsets[lastIndex] + 1
        return SourceRange(
            file: node.range.file, start: source.location(ofByteOffset: lower),
            end: source.location(ofByteOffset: upper))
    }
}
