/// One line of a monthly cost breakdown.
public struct CostLine: Sendable, Equatable {
    /// The service, e.g. "Upstash Redis".
    public let service: String
    /// How the figure was reached, e.g. "1.2M commands × $0.20/100K".
    public let detail: String
    /// USD per month.
    public let monthly: Double

    /// Creates a line.
    public init(service: String, detail: String, monthly: Double) {
        self.service = service
        self.detail = detail
        self.monthly = monthly
    }
}

/// The outcome of one what-if scenario: traffic outcomes, capacity and monthly cost.
public struct ScenarioResult: Sendable {
    /// Scenario name, e.g. "2x" or "+bot-wave".
    public let name: String
    /// Traffic scale (clients multiplied, same per-client behaviour).
    public let scale: Double
    /// A population mixed in, if any.
    public let addedProfile: String?
    /// The replay summary of the scaled trace.
    public let summary: ReplaySummary
    /// Machines needed to stay under the soft limit at the p99 minute.
    public let machinesNeeded: Int
    /// Minutes in which the configured machines would exceed the hard limit.
    public let minutesOverHardLimit: Int
    /// Redis commands a day from the app layer.
    public let redisCommandsPerDay: Double
    /// Monthly cost lines.
    public let costs: [CostLine]

    /// Creates a result.
    public init(
        name: String, scale: Double, addedProfile: String?, summary: ReplaySummary, machinesNeeded: Int,
        minutesOverHardLimit: Int, redisCommandsPerDay: Double, costs: [CostLine]
    ) {
        self.name = name
        self.scale = scale
        self.addedProfile = addedProfile
        self.summary = summary
        self.machinesNeeded = machinesNeeded
        self.minutesOverHardLimit = minutesOverHardLimit
        self.redisCommandsPerDay = redisCommandsPerDay
        self.costs = costs
    }

    /// Total monthly cost.
    public var monthlyCost: Double { costs.reduce(0) { $0 + $1.monthly } }
}
