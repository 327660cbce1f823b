/// What a synthesis run wrote.
public struct SynthesisStatistics: Sendable, Equatable {
    /// Records written by one population.
    public struct PopulationCount: Sendable, Equatable {
        /// The population's name.
        public let name: String
        /// Its kind.
        public let kind: PopulationKind
        /// Records it wrote.
        public let records: Int
    }

    /// All records written.
    public let totalRecords: Int
    /// Records per population, in profile order.
    public let populations: [PopulationCount]
    /// Records in each whole or partial minute from the trace start (8 bytes a minute of trace).
    public let recordsPerMinute: [Int]
    /// Fewest records in a whole minute (the partial last minute counts only when there is no whole one).
    public let minimumRecordsPerMinute: Int
    /// Most records in a whole minute (same rule).
    public let maximumRecordsPerMinute: Int
    /// Most clients alive at once between their requests (the size of the synthesizer's schedule, less one entry
    /// per population).
    public let peakActiveSessions: Int
    /// The bound `peakActiveSessions` is expected to stay under (`TraceSynthesizer.activeSessionBound`).
    public let activeSessionBound: Int

    /// Creates statistics from per-minute counts; `wholeMinutes` says how many leading minutes are complete.
    init(
        populations: [PopulationCount], recordsPerMinute: [Int], wholeMinutes: Int, peakActiveSessions: Int,
        activeSessionBound: Int
    ) {
        totalRecords = populations.reduce(0) { $0 + $1.records }
        self.populations = populations
        self.recordsPerMinute = recordsPerMinute
        let counted = wholeMinutes > 0 ? recordsPerMinute.prefix(wholeMinutes) : recordsPerMinute[...]
        minimumRecordsPerMinute = counted.min() ?? 0
        maximumRecordsPerMinute = counted.max() ?? 0
        self.peakActiveSessions = peakActiveSessions
        self.activeSessionBound = activeSessionBound
    }

    /// Records written by all populations of `kind`.
    public func records(of kind: PopulationKind) -> Int {
        populations.filter { $0.kind == kind }.reduce(0) { $0 + $1.records }
    }
}
