/// Sebastiano Vigna's SplitMix64: a tiny seeded generator whose stream is the same on every platform. Synthesis
/// seeds its xoshiro256** state with it, what-if scaling hashes addresses with `mix`, and tests and benchmarks draw
/// reproducible inputs from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state; each draw adds the golden-ratio increment to it.
    public var state: UInt64

    /// A generator whose first draw is `mix(state)`.
    @inlinable
    public init(state: UInt64) {
        self.state = state
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let value = Self.mix(state)
        state &+= Self.increment
        return value
    }

    /// A well-mixed 64-bit hash of `value`: the draw of a generator whose state is `value`.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ increment
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The golden-ratio increment added to the state per draw.
    @inlinable
    public static var increment: UInt64 { 0x9E37_79B9_7F4A_7C15 }
}
