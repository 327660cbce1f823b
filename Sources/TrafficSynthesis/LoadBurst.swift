/// A window in which the rate is multiplied: a launch, a bot wave, a campaign. Offsets count from the start of
/// the synthesized trace. Overlapping bursts multiply.
public struct LoadBurst: Sendable, Equatable {
    /// Start of the window, milliseconds after the trace start (≥ 0).
    public var startOffsetMilliseconds: Int64
    /// Length of the window in milliseconds (> 0).
    public var durationMilliseconds: Int64
    /// Factor on the rate inside the window (0 … 1000; below 1 is a dip).
    public var multiplier: Double
    /// The population kind the burst applies to; nil for every population.
    public var population: PopulationKind?

    /// Creates a burst.
    public init(
        startOffsetMilliseconds: Int64, durationMilliseconds: Int64, multiplier: Double,
        population: PopulationKind? = nil
    ) {
        self.startOffsetMilliseconds = startOffsetMilliseconds
        self.durationMilliseconds = durationMilliseconds
        self.multiplier = multiplier
        self.population = population
    }

    /// Whether the burst affects `kind`.
    func applies(to kind: PopulationKind) -> Bool {
        population == nil || population == kind
    }
}
