/// A fast, deterministic 64-bit hash for counter and cache keys: the same input and seed give the same value on
/// every run and machine (unlike `Hasher`, which is seeded per process).
struct StableHasher {
    private var state: UInt64

    /// A hasher whose results depend on `seed`.
    init(seed: UInt64) {
        state = seed ^ 0x9E37_79B9_7F4A_7C15
    }

    /// Mixes in one 64-bit word.
    @inline(__always)
    mutating func combine(_ word: UInt64) {
        state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 31
    }

    /// Mixes in a byte string and its length, eight bytes at a time.
    @inline(__always)
    mutating func combine(bytes: some Collection<UInt8>) {
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                combine(word)
                word = 0
                shift = 0
            }
        }
        combine(word ^ (UInt64(bytes.count) << 56) ^ 0xFF)
    }

    /// The hash: a finalising mix of the state (MurmurHash3's `fmix64`), never 0 so that 0 can mean "empty".
    func finalize() -> UInt64 {
        var value = state
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value = value &* 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value == 0 ? 1 : value
    }
}
