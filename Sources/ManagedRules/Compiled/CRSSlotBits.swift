/// One bit per outcome slot, in one or more rows, in memory of its own: read for every rule of every request, where
/// an array read through a class would pay for reference counting and exclusivity checks. Rows and slots are
/// below the counts the bits were made for (checked in debug builds).
final class CRSSlotBits {
    private let words: UnsafeMutableBufferPointer<UInt64>
    private let wordsPerRow: Int
    /// The number of rows.
    let rows: Int
    /// The number of slots in a row.
    let slots: Int

    /// `rows` rows of bits for `slots` slots, all set or all clear.
    init(rows: Int = 1, slots: Int, set: Bool) {
        self.rows = rows
        self.slots = slots
        wordsPerRow = (slots + 63) / 64
        words = .allocate(capacity: Swift.max(1, rows * wordsPerRow))
        words.initialize(repeating: set ? ~0 : 0)
    }

    deinit {
        words.deallocate()
    }

    /// The bit of `slot` in `row`.
    subscript(slot: Int, row row: Int = 0) -> Bool {
        get {
            let (word, mask) = place(slot, row)
            return words[word] & mask != 0
        }
        set {
            let (word, mask) = place(slot, row)
            if newValue { words[word] |= mask } else { words[word] &= ~mask }
        }
    }

    /// Clears every bit of `row`.
    func clear(row: Int) {
        assert(row >= 0 && row < rows)
        for index in row * wordsPerRow..<(row + 1) * wordsPerRow { words[index] = 0 }
    }

    /// Sets every bit of `row` that is set in the first row of `other`, which has as many slots.
    func formUnion(row: Int, with other: CRSSlotBits) {
        precondition(other.slots == slots, "slot bits of different programs")
        assert(row >= 0 && row < rows)
        let base = row * wordsPerRow
        for index in 0..<wordsPerRow { words[base + index] |= other.words[index] }
    }

    private func place(_ slot: Int, _ row: Int) -> (word: Int, mask: UInt64) {
        assert(slot >= 0 && slot < slots && row >= 0 && row < rows)
        return (row * wordsPerRow + slot &>> 6, 1 &<< UInt64(slot & 63))
    }
}
