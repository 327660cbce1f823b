/// Rows of outcome slots, one bit per slot, in memory of its own: read for nearly every rule of every request, so
/// kept out of arrays, whose reads through a class pay for reference counting and exclusivity checks. The owner
/// frees the memory with `deallocate()`. Slots and rows out of range trap.
struct CRSSlotBits {
    private let words: UnsafeMutableBufferPointer<UInt64>
    private let wordsPerRow: Int
    /// The slots per row.
    let slots: Int
    /// The rows.
    let rows: Int

    /// `rows` rows of `slots` slots each, every slot set when `filled`, none otherwise.
    init(rows: Int = 1, slots: Int, filled: Bool) {
        precondition(rows >= 0 && slots >= 0, "negative size")
        self.rows = rows
        self.slots = slots
        wordsPerRow = (slots + 63) / 64
        words = .allocate(capacity: max(1, rows * wordsPerRow))
        words.initialize(repeating: 0)
        if filled {
            for row in 0..<rows { fill(row: row) }
        }
    }

    /// Frees the memory; the value must not be used afterwards.
    func deallocate() {
        words.deallocate()
    }

    /// Whether `slot` is set in `row`.
    func contains(row: Int = 0, _ slot: Int) -> Bool {
        let (word, bit) = position(row: row, slot)
        return words[word] & (1 << UInt64(bit)) != 0
    }

    /// Sets `slot` in `row`.
    func insert(row: Int = 0, _ slot: Int) {
        let (word, bit) = position(row: row, slot)
        words[word] |= 1 << UInt64(bit)
    }

    /// Clears `slot` in `row`.
    func remove(row: Int = 0, _ slot: Int) {
        let (word, bit) = position(row: row, slot)
        words[word] &= ~(1 << UInt64(bit))
    }

    /// Clears every slot of `row`, or those in the words `wordRange` (offsets within a row).
    func clear(row: Int, wordRange: Range<Int>? = nil) {
        let range = wordRange ?? 0..<wordsPerRow
        precondition(row >= 0 && row < rows, "row out of range")
        precondition(range.lowerBound >= 0 && range.upperBound <= wordsPerRow, "words out of range")
        let start = row * wordsPerRow
        for offset in range { words[start + offset] = 0 }
    }

    /// Sets every slot of `row`.
    func fill(row: Int) {
        precondition(row >= 0 && row < rows, "row out of range")
        let start = row * wordsPerRow
        for word in start..<start + wordsPerRow { words[word] = ~0 }
        if slots & 63 != 0 { words[start + wordsPerRow - 1] = (1 << UInt64(slots & 63)) - 1 }
    }

    /// Adds the slots of `other`'s row `otherRow` (with as many slots) held in the words `wordRange` (offsets
    /// within a row) to `row`.
    func formUnion(row: Int, with other: CRSSlotBits, row otherRow: Int = 0, wordRange: Range<Int>) {
        precondition(other.slots == slots, "slot counts differ")
        precondition(row >= 0 && row < rows && otherRow >= 0 && otherRow < other.rows, "row out of range")
        precondition(wordRange.lowerBound >= 0 && wordRange.upperBound <= wordsPerRow, "words out of range")
        let start = row * wordsPerRow
        let otherStart = otherRow * wordsPerRow
        for offset in wordRange { words[start + offset] |= other.words[otherStart + offset] }
    }

    /// The words of a row.
    var rowWords: Range<Int> { 0..<wordsPerRow }

    private func position(row: Int, _ slot: Int) -> (word: Int, bit: Int) {
        precondition(row >= 0 && row < rows && slot >= 0 && slot < slots, "slot out of range")
        return (row * wordsPerRow + slot >> 6, slot & 63)
    }
}
