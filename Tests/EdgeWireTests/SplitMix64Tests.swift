import EdgeWire
import Testing

@Test func splitMixMatchesTheReferenceStream() {
    // The first outputs for seed 0 of Vigna's reference splitmix64.c.
    var generator = SplitMix64(state: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
    #expect(SplitMix64.mix(0) == 0xE220_A839_7B1D_CDAF)
    #expect(SplitMix64.mix(SplitMix64.increment) == 0x6E78_9E6A_A1B9_65F4)
}

@Test func splitMixIsARandomNumberGenerator() {
    var first = SplitMix64(state: 42)
    var second = SplitMix64(state: 42)
    let drawn = (0..<16).map { _ in Int.random(in: 0..<1000, using: &first) }
    #expect(drawn == (0..<16).map { _ in Int.random(in: 0..<1000, using: &second) })
    #expect(Set(drawn).count > 1)
}
