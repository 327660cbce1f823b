import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeWire
import Foundation
import ManagedRules
import RulesLanguage
import Traces

/// A what-if scenario: the trace with `scale` times the clients (same per-client behaviour), optionally with an
/// extra population's trace mixed in.
public struct WhatIfScenario: Sendable {
    /// Name for the table.
    public let name: String
    /// Clients multiplied by this (fractions sample clients deterministically).
    public let scale: Double
    /// A trace of an extra population merged in (an added profile).
    public let addedTrace: String?
    /// The added profile's name.
    public let addedProfile: String?

    /// Creates a scenario.
    public init(name: String, scale: Double, addedTrace: String? = nil, addedProfile: String? = nil) {
        self.name = name
        self.scale = scale
        self.addedTrace = addedTrace
        self.addedProfile = addedProfile
    }
}

/// Runs what-if scenarios: the base trace is read and parsed once and fed to every scenario's own edge model, its
/// colos spread over `options.jobs` threads; each scenario then gets capacity and monthly cost.
public enum WhatIf {
    /// Results in scenario order, and warnings (plan limits crossed).
    public static func run(
        _ edge: CompiledEdge, trace paths: [String], scenarios: [WhatIfScenario], options: ReplayOptions,
        diagnostics: DiagnosticCollector
    ) throws(Replay.Failure) -> (results: [ScenarioResult], warnings: [String]) {
        let shared = scenarios.filter { $0.addedTrace == nil }
        var summaries = try replayShared(
            edge, paths: paths, scenarios: shared, options: options, diagnostics: diagnostics)
        for scenario in scenarios where scenario.addedTrace != nil {
            summaries.append(
                try Replay.run(edge, paths: paths + [scenario.addedTrace!], options: options, diagnostics: diagnostics))
        }
        let ordered = shared + scenarios.filter { $0.addedTrace != nil }
        var results: [ScenarioResult] = []
        var warnings: [String] = []
        for (scenario, summary) in zip(ordered, summaries) {
            let (result, scenarioWarnings) = assess(scenario, summary, edge: edge)
            results.append(result)
            warnings += scenarioWarnings.map { "\(scenario.name): \($0)" }
        }
        let order = Dictionary(scenarios.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        return (results.sorted { order[$0.name, default: 0] < order[$1.name, default: 0] }, warnings)
    }

    /// Capacity and cost of one scenario's replay.
    static func assess(_ scenario: WhatIfScenario, _ summary: ReplaySummary, edge: CompiledEdge) -> (
        ScenarioResult, [String]
    ) {
        let capacity = CapacityModel(fly: edge.fly)
        let assessment = capacity.assess(summary.timeline.originConcurrency)
        let days = summary.days
        let perMonth = 30 / days
        let usage = CostModel.Usage(
            incidentsPerMonth: summary.appUsage.incidents * perMonth,
            tokensInPerMonth: summary.appUsage.tokensIn * perMonth,
            tokensOutPerMonth: summary.appUsage.tokensOut * perMonth,
            redisCommandsPerDay: summary.appUsage.redisCommands / days,
            machines: max(capacity.machines, assessment.machinesNeeded))
        let (lines, warnings) = CostModel(edge: edge).monthly(usage)
        return (
            ScenarioResult(
                name: scenario.name, scale: scenario.scale, addedProfile: scenario.addedProfile, summary: summary,
                machinesNeeded: assessment.machinesNeeded, minutesOverHardLimit: assessment.minutesOverHardLimit,
                redisCommandsPerDay: usage.redisCommandsPerDay, costs: lines), warnings
        )
    }

    /// Reads the trace once and replays every scenario: the colos are spread over `options.jobs` lanes
    /// (`ColoLanes`), each running every scenario's model of its colos, and each scenario's lane summaries merge.
    private static func replayShared(
        _ edge: CompiledEdge, paths: [String], scenarios: [WhatIfScenario], options: ReplayOptions,
        diagnostics: DiagnosticCollector
    ) throws(Replay.Failure) -> [ReplaySummary] {
        guard !scenarios.isEmpty else { return [] }
        var lanes: [WhatIfLane] = []
        for _ in 0..<ColoLanes.laneCount(jobs: options.jobs) {
            lanes.append(try WhatIfLane(edge, scenarios: scenarios, options: options))
        }
        let reading = try ColoLanes.run(
            paths: paths, options: options, diagnostics: diagnostics, coverage: TraceFieldCoverage(for: [edge]),
            lanes: lanes.map { lane in (process: lane.process, finish: {}) })
        var summaries = lanes[0].summaries
        for lane in lanes.dropFirst() {
            for index in summaries.indices { summaries[index].merge(lane.summaries[index]) }
        }
        for index in summaries.indices {
            summaries[index].lateRecords = reading.lateRecords
            summaries[index].noteReading(reading.statistics, coverage: reading.coverage, shard: reading.shard)
        }
        return summaries
    }
}

/// One thread's share of the what-if scenarios: every scenario's model of the lane's colos and its summary.
final class WhatIfLane {
    private let scenarios: [WhatIfScenario]
    private let models: [ColoEdges]
    /// Each scenario's summary of the lane's records, in scenario order.
    private(set) var summaries: [ReplaySummary]
    private let redactor: Redactor

    init(_ edge: CompiledEdge, scenarios: [WhatIfScenario], options: ReplayOptions) throws(Replay.Failure) {
        self.scenarios = scenarios
        var models: [ColoEdges] = []
        for _ in scenarios { models.append(try Replay.model(for: edge, rateLimitDelay: options.rateLimitDelay)) }
        self.models = models
        var summary = ReplaySummary()
        summary.appUsage = AppUsageMeter(app: edge.app)
        summary.owasp = OWASPDeployment(edge).map(OWASPSummary.init)
        summaries = Array(repeating: summary, count: scenarios.count)
        redactor = options.redactor
    }

    /// Runs `item` through every scenario: each replica of its client at the scenario's scale.
    func process(_ item: OrderedTraceRecord) {
        var request = TraceRequestBuilder.request(item.record)
        request.http.timestampMilliseconds = item.virtualTimeMs
        for (index, scenario) in scenarios.enumerated() {
            for replica in 0..<Int(scenario.scale.rounded(.up)) {
                guard let scaled = ClientScaling.request(request, replica: replica, scale: scenario.scale) else {
                    continue
                }
                let decision = models[index].process(scaled, colo: item.colo)
                summaries[index].add(
                    decision, time: item.virtualTimeMs, record: item.record, index: item.number,
                    redactor: redactor)
                if replica == 0 {
                    summaries[index].compare(
                        decision, with: item.record.outcome, record: item.record, index: item.number,
                        redactor: redactor)
                }
                if decision.originContacted { summaries[index].appUsage.count(item.record) }
            }
        }
    }
}

/// More clients with the same behaviour: replica `i` of a request comes from a different client address (the same
/// for every request of the original client), so per-client rate limits see the same rates and caches see more
/// traffic. A fractional scale keeps a deterministic share of the clients.
enum ClientScaling {
    /// The request of replica `replica`, or nil when that client is not part of the scaled population.
    static func request(_ original: EdgeRequest, replica: Int, scale: Double) -> EdgeRequest? {
        let ip = original.http.ip
        let whole = Int(scale.rounded(.down))
        if replica >= whole {
            let fraction = scale - Double(whole)
            let hash = SplitMix64.mix(ip.high ^ ip.low &* SplitMix64.increment ^ UInt64(replica))
            guard Double(hash >> 11) / Double(1 << 53) < fraction else { return nil }
        }
        guard replica > 0 else { return original }
        var copy = original
        let shifted = SplitMix64.mix(ip.low ^ UInt64(replica) &* 0xD6E8_FEB8_6659_FD93)
        copy.http.ip =
            ip.family == .v4
            ? IPAddress(v4: UInt32(truncatingIfNeeded: shifted) | 0x0100_0000)
            : IPAddress(v6High: ip.high ^ SplitMix64.mix(UInt64(replica)), low: shifted)
        return copy
    }
}
