import Testing

@testable import ManagedRules

/// `CRSSlotBits`, which keeps its bits in memory of its own, against a set of (row, slot) pairs doing the same
/// operations.
struct CRSSlotBitsTests {
    @Test("Random inserts, removals, clears, fills and unions agree with a set", arguments: [1, 63, 64, 65, 130])
    func agreesWithASet(slots: Int) {
        let rows = 3
        let bits = CRSSlotBits(rows: rows, slots: slots, filled: false)
        let other = CRSSlotBits(rows: 1, slots: slots, filled: true)
        defer {
            bits.deallocate()
            other.deallocate()
        }
        var model = Set<[Int]>()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(slots)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let row = next(rows)
            let slot = next(slots)
            switch next(11) {
            case 0..<4:
                bits.insert(row: row, slot)
                model.insert([row, slot])
            case 4..<7:
                bits.remove(row: row, slot)
                model.remove([row, slot])
            case 7:
                let words = bits.rowWords.count
                let low = next(words + 1)
                let high = low + next(words - low + 1)
                bits.clear(row: row, wordRange: low..<high)
                model = model.filter { $0[0] != row || $0[1] < low * 64 || $0[1] >= high * 64 }
            case 10:
                bits.clear(row: row)
                model = model.filter { $0[0] != row }
            case 8:
                bits.fill(row: row)
                for slot in 0..<slots { model.insert([row, slot]) }
            default:
                let words = bits.rowWords.count
                let low = next(words + 1)
                let high = low + next(words - low + 1)
                bits.formUnion(row: row, with: other, wordRange: low..<high)
                for slot in min(low * 64, slots)..<min(high * 64, slots) { model.insert([row, slot]) }
            }
            for row in 0..<rows {
                for slot in 0..<slots where bits.contains(row: row, slot) != model.contains([row, slot]) {
                    Issue.record("row \(row) slot \(slot) differs after \(model.count) set")
                    return
                }
            }
        }
    }

    @Test("A filled row holds every slot, a union of its words copies them, and clearing one row leaves the others")
    func filledRowStopsAtTheLastSlot() {
        let bits = CRSSlotBits(rows: 2, slots: 70, filled: true)
        let empty = CRSSlotBits(rows: 1, slots: 70, filled: false)
        defer {
            bits.deallocate()
            empty.deallocate()
        }
        #expect((0..<70).allSatisfy { bits.contains(row: 1, $0) })
        empty.formUnion(row: 0, with: bits, row: 1, wordRange: empty.rowWords)
        #expect((0..<70).allSatisfy { empty.contains($0) })
        bits.clear(row: 0)
        #expect(!(0..<70).contains { bits.contains(row: 0, $0) })
        #expect((0..<70).allSatisfy { bits.contains(row: 1, $0) })
    }
}
