/// A member's name in a collection (`TX:anomaly_score`), with its hash computed once, over the bytes in bulk:
/// names come from the compiled rules, so hashing them per lookup would cost more than the lookups themselves.
struct CRSName: Hashable, Sendable {
    /// The bytes.
    let bytes: [UInt8]
    private let hash: Int

    /// The name of `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    /// The hash a dictionary asks for, from the one computed once: the default would run a whole hasher per lookup.
    func _rawHashValue(seed: Int) -> Int {
        hash ^ seed
    }

    static func == (left: CRSName, right: CRSName) -> Bool {
        left.hash == right.hash && left.bytes == right.bytes
    }
}
