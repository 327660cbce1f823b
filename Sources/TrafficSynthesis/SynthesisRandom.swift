import EdgeWire
import Glibc

/// The seeded generator behind trace synthesis: xoshiro256** seeded through splitmix64. The integer stream is the
/// same everywhere; the floating-point draws go through libm's `log`, so byte-identical traces are promised for
/// one seed on one platform.
struct SynthesisRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `seed`, with `stream` selecting an independent sequence (one per population).
    init(seed: UInt64, stream: UInt64 = 0) {
        var seeder = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform value in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in 0..<bound (bound > 0), without modulo bias worth measuring (Lemire's multiply-shift).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in the closed range.
    mutating func between(_ lower: Int, _ upper: Int) -> Int {
        lower + below(upper - lower + 1)
    }

    /// Whether an event of probability `probability` happens.
    mutating func chance(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// An exponential variate with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - uniform())
    }

    /// A geometric count ≥ 1 with the given mean (≥ 1): the number of trials up to and including the first success.
    mutating func geometric(mean: Double) -> Int {
        guard mean > 1 else { return 1 }
        let failure = 1 - 1 / mean
        let draw = (log(1 - uniform()) / log(failure)).rounded(.down)
        return draw >= Double(Int32.max) ? Int(Int32.max) : 1 + Int(draw)
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
