/// The inputs of an HTML report: a title and whichever results there are. Every part but the title is optional;
/// a section appears only when its data does.
public struct HTMLReport: Sendable {
    /// The document title, e.g. "Replay of agenticverz-day.jsonl.gz".
    public let title: String
    /// A line under the title, e.g. the spec name and hash.
    public let subtitle: String?
    /// A replay's summary: overview, charts over time and top rules. With two or more scenarios the charts over time
    /// are drawn per scenario instead; the summary is then the first scenario's.
    public let summary: ReplaySummary?
    /// What-if scenarios: the comparison table, each scenario's charts over time (when there are two or more) and
    /// the cost breakdown.
    public let scenarios: [ScenarioResult]
    /// The origin's concurrency limits, drawn on the origin-load chart.
    public let capacity: CapacityLine?
    /// Groups of requests whose outcome changes between two specs.
    public let diffGroups: [DiffGroupRow]

    /// Creates the inputs of a report.
    public init(
        title: String, subtitle: String? = nil, summary: ReplaySummary? = nil, scenarios: [ScenarioResult] = [],
        capacity: CapacityLine? = nil, diffGroups: [DiffGroupRow] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.summary = summary
        self.scenarios = scenarios
        self.capacity = capacity
        self.diffGroups = diffGroups
    }
}

/// The origin's concurrency limits (Fly `http_service.concurrency`) and how many machines share the load.
public struct CapacityLine: Sendable, Equatable {
    /// Requests in flight one machine takes before the proxy prefers another.
    public let softLimitPerMachine: Int
    /// Requests in flight one machine takes at most, if limited.
    public let hardLimitPerMachine: Int?
    /// Machines running.
    public let machines: Int

    /// Creates a capacity line.
    public init(softLimitPerMachine: Int, hardLimitPerMachine: Int?, machines: Int) {
        self.softLimitPerMachine = softLimitPerMachine
        self.hardLimitPerMachine = hardLimitPerMachine
        self.machines = machines
    }

    /// Soft limit × machines, in Double so that no product can overflow.
    var softTotal: Double { Double(softLimitPerMachine) * Double(machines) }

    /// Hard limit × machines, if there is a hard limit.
    var hardTotal: Double? { hardLimitPerMachine.map { Double($0) * Double(machines) } }
}

/// One group of requests whose outcome changes between two specs, with the breakdowns `edgeproof diff` prints.
public struct DiffGroupRow: Sendable, Equatable {
    /// A value and how many of the group's requests have it, e.g. a path and its count.
    public struct Count: Sendable, Equatable {
        /// The path, client address or user agent ("" when the request had none).
        public let value: String
        /// Requests of the group with this value.
        public let requests: Int

        /// Creates a count.
        public init(value: String, requests: Int) {
            self.value = value
            self.requests = requests
        }
    }

    /// The outcome under the base spec, e.g. "allow".
    public let from: String
    /// The outcome under the new spec, e.g. "block".
    public let to: String
    /// The rule that decides under the new spec, if any.
    public let rule: String?
    /// Requests in the group.
    public let requests: Int
    /// The group's share of all requests (0…1).
    public let share: Double
    /// The most frequent paths, most requests first.
    public let topPaths: [Count]
    /// The most frequent client addresses, most requests first.
    public let topClients: [Count]
    /// The most frequent user agents, most requests first.
    public let topUserAgents: [Count]
    /// A few example requests (already redacted).
    public let examples: [String]

    /// Creates a row.
    public init(
        from: String, to: String, rule: String?, requests: Int, share: Double, topPaths: [Count] = [],
        topClients: [Count] = [], topUserAgents: [Count] = [], examples: [String]
    ) {
        self.from = from
        self.to = to
        self.rule = rule
        self.requests = requests
        self.share = share
        self.topPaths = topPaths
        self.topClients = topClients
        self.topUserAgents = topUserAgents
        self.examples = examples
    }

    /// The row of `group`, one of the groups of a diff over `totalRequests` requests: the same top values, in the
    /// same order, as the terminal report.
    public init(_ group: DiffGroup, totalRequests: Int) {
        func top(_ table: [String: Int]) -> [Count] {
            SpecDiffRenderer.sortedTop(table).map { Count(value: $0.key, requests: $0.value) }
        }
        self.init(
            from: group.from, to: group.to, rule: group.rule, requests: group.requests,
            share: totalRequests == 0 ? 0 : Double(group.requests) / Double(totalRequests),
            topPaths: top(group.paths), topClients: top(group.clients), topUserAgents: top(group.userAgents),
            examples: group.examples)
    }
}
