import EdgeSpec

/// Capacity from the Fly settings: per-minute origin concurrency by Little's law (origin requests per second ×
/// latency) against each machine's soft and hard concurrency limits.
public struct CapacityModel: Sendable {
    /// Concurrency a machine takes before Fly prefers other machines.
    public let softLimitPerMachine: Int
    /// Concurrency beyond which a machine gets no more requests (nil = unlimited).
    public let hardLimitPerMachine: Int?
    /// Machines configured (across regions).
    public let machines: Int

    /// Creates a model.
    public init(softLimitPerMachine: Int, hardLimitPerMachine: Int?, machines: Int) {
        self.softLimitPerMachine = max(1, softLimitPerMachine)
        self.hardLimitPerMachine = hardLimitPerMachine
        self.machines = max(1, machines)
    }

    /// The model for a spec's Fly app (Fly's defaults when the spec says nothing: soft 20, no hard limit, 1 machine).
    public init(fly: FlySpec?) {
        let concurrency = fly?.httpService?.concurrency
        let configured = max(fly?.machines.reduce(0) { $0 + $1.value } ?? 0, fly?.httpService?.minMachinesRunning ?? 0)
        self.init(
            softLimitPerMachine: concurrency?.softLimit ?? 20, hardLimitPerMachine: concurrency?.hardLimit,
            machines: max(1, configured))
    }

    /// Average requests in flight: arrival rate × time in the system.
    public static func concurrency(requestsPerSecond: Double, latencyMilliseconds: Double) -> Double {
        requestsPerSecond * latencyMilliseconds / 1000
    }

    /// Machines needed to keep `concurrency` under the soft limit.
    public func machinesNeeded(forConcurrency concurrency: Double) -> Int {
        max(1, Int((concurrency / Double(softLimitPerMachine)).rounded(.up)))
    }

    /// The assessment of a per-minute concurrency series.
    public func assess(_ perMinuteConcurrency: [Double]) -> (
        p99: Double, machinesNeeded: Int, minutesOverHardLimit: Int
    ) {
        guard !perMinuteConcurrency.isEmpty else { return (0, 1, 0) }
        let sorted = perMinuteConcurrency.sorted()
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        let over =
            hardLimitPerMachine.map { hard in perMinuteConcurrency.filter { $0 > Double(hard * machines) }.count } ?? 0
        return (p99, machinesNeeded(forConcurrency: p99), over)
    }
}
