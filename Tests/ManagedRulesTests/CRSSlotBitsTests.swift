import Testing

@testable import ManagedRules

/// The slot bits the compiled evaluator keeps per value and per request target list: each bit reads back what was
/// written, rows do not leak into each other, and a union adds exactly the other's bits.
struct CRSSlotBitsTests {
    @Test(
        "Bits read back as written, at word boundaries and in the last partial word", arguments: [1, 63, 64, 65, 130])
    func readBack(slots: Int) {
        let bits = CRSSlotBits(rows: 3, slots: slots, set: false)
        let chosen = Set([0, slots / 2, slots - 1])
        for slot in chosen { bits[slot, row: 1] = true }
        for row in 0..<3 {
            for slot in 0..<slots { #expect(bits[slot, row: row] == (row == 1 && chosen.contains(slot))) }
        }
        bits[slots - 1, row: 1] = false
        #expect(!bits[slots - 1, row: 1])
        #expect(bits[0, row: 1] == (slots > 1))
    }

    @Test("Bits made set are all set; clearing a row leaves the others")
    func clearRow() {
        let bits = CRSSlotBits(rows: 2, slots: 70, set: true)
        bits.clear(row: 0)
        #expect((0..<70).allSatisfy { !bits[$0, row: 0] })
        #expect((0..<70).allSatisfy { bits[$0, row: 1] })
    }

    @Test("A union into a row adds the other's bits and keeps its own")
    func union() {
        let row = CRSSlotBits(rows: 2, slots: 100, set: false)
        row[3, row: 1] = true
        let value = CRSSlotBits(slots: 100, set: false)
        value[64] = true
        value[99] = true
        row.formUnion(row: 1, with: value)
        #expect((0..<100).filter { row[$0, row: 1] } == [3, 64, 99])
        #expect((0..<100).allSatisfy { !row[$0, row: 0] })
    }

    @Test("A value's outcome states survive the round trip through its bits, and only undecided slots are added")
    func valueOutcomes() {
        let outcomes = CRSValueOutcomes(slots: 66)
        #expect(outcomes.state(65) == .unknown)
        outcomes.setState(1, .nothing)
        outcomes.setState(65, .kept)
        #expect(outcomes.state(1) == .nothing && outcomes.state(65) == .kept && outcomes.state(0) == .unknown)
        for slot in 0..<66 where slot != 65 { outcomes.setState(slot, .nothing) }
        let union = CRSSlotBits(slots: 66, set: false)
        outcomes.addUndecided(to: union, row: 0)
        #expect((0..<66).filter { union[$0] } == [65])
    }
}
