/// A scanned string literal: the decoded bytes and, for each byte, its offset in the expression text.
struct StringToken {
    /// The decoded value (for regex literals, the pattern handed to the engine).
    let bytes: [UInt8]
    /// The expression byte offset each decoded byte came from; used to locate regex and wildcard errors.
    let sourceOffsets: [Int]
    /// The literal's full extent including quotes and `r#`.
    let range: Range<Int>

    /// The expression range for `length` bytes starting at decoded offset `offset`.
    func sourceRange(offset: Int, length: Int) -> Range<Int> {
        guard offset < sourceOffsets.count else { return (range.upperBound - 1)..<range.upperBound }
        let start = sourceOffsets[max(0, min(offset, sourceOffsets.count - 1))]
        let lastIndex = max(0, min(offset + max(length, 1) - 1, sourceOffsets.count - 1))
        let end = max(start + 1, sourceOffsets[lastIndex] + 1)
        return start..<min(end, range.upperBound)
    }
}
