/// The thresholds a run applied and the ones it broke, for the result formats that report them.
public struct ThresholdStatus: Sendable, Equatable {
    /// How many thresholds were applied.
    public let applied: Int
    /// One line per broken threshold, as `ThresholdCheck.broken` writes it.
    public let broken: [String]

    /// Creates a status.
    public init(applied: Int, broken: [String]) {
        self.applied = applied
        self.broken = broken
    }

    /// The text the terminal shows after the result: `Thresholds: all 2 hold`, or the broken ones, one a line.
    public var text: String {
        broken.isEmpty
            ? "Thresholds: all \(applied) hold"
            : "Thresholds broken:\n" + broken.map { "  \($0)" }.joined(separator: "\n")
    }
}
