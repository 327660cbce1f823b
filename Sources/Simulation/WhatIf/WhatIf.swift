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

/// Runs what-if scenarios: the base trace is read and parsed once and fed to every scenario's own edge model in
/// parallel; each scenario then gets capacity and monthly cost.
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

    /// Reads the trace once on a reader thread and replays every scenario on its own worker.
    private static func replayShared(
        _ edge: CompiledEdge, paths: [String], scenarios: [WhatIfScenario], options: ReplayOptions,
        diagnostics: DiagnosticCollector
    ) throws(Replay.Failure) -> [ReplaySummary] {
        guard !scenarios.isEmpty else { return [] }
        var models: [ColoEdges] = []
        for _ in scenarios { models.append(try Replay.model(for: edge, rateLimitDelay: options.rateLimitDelay)) }
        let slots = models.map { $0.configuration.managedRules?.owasp?.evaluator as? ManagedRulesVerdictSlot }
        let verdictSource = slots.lazy.compactMap { $0?.source }.first
        let threads = options.managedRulesThreads
        let broadcast = BatchBroadcast(subscribers: scenarios.count)
        let counts = SharedCounts()
        let reader = ReaderThreadBox(try Replay.openTraces(paths, options: options, diagnostics: diagnostics))
        let thread = Thread {
            var batch: [SharedRecord] = []
            var failure: TraceReadError?
            var coverage = TraceFieldCoverage(for: [edge])
            var read = 0
            do throws(TraceReadError) {
                try reader.reader.forEachRecord { item in
                    read += 1
                    if read & (ReplayOptions.progressInterval - 1) == 0 { options.progress?(read) }
                    coverage.note(item.record)
                    var request = TraceRequestBuilder.request(item.record)
                    request.http.timestampMilliseconds = item.virtualTimeMs
                    batch.append(
                        SharedRecord(
                            request: request, record: item.record, index: item.inputIndex, colo: item.colo,
                            virtualTime: item.virtualTimeMs))
                    if batch.count == VerdictLookahead.windowSize {
                        broadcast.publish(withVerdicts(batch, from: verdictSource, threads: threads))
                        batch = []
                    }
                }
                if !batch.isEmpty { broadcast.publish(withVerdicts(batch, from: verdictSource, threads: threads)) }
            } catch {
                failure = error
            }
            let statistics = reader.reader.source.statistics
            counts.set(
                late: reader.reader.lateRecords, malformed: statistics.malformed, repaired: statistics.repaired,
                unsupplied: coverage.unsupplied)
            broadcast.finish(failure: failure)
        }
        thread.stackSize = 8 << 20
        thread.start()
        let results = ResultSlots(count: scenarios.count)
        let app = edge.app
        let owasp = OWASPDeployment(edge)
        let redactor = options.redactor
        let boxes = models.map(ModelBox.init)
        // One thread per scenario, not a bounded pool: every subscriber must keep draining its queue, or the reader
        // (paced by the slowest queue) and a waiting worker would block each other.
        let done = DispatchGroup()
        for index in scenarios.indices {
            done.enter()
            let worker = Thread {
                defer { done.leave() }
                let scenario = scenarios[index]
                let model = boxes[index].edges
                var summary = ReplaySummary()
                summary.appUsage = AppUsageMeter(app: app)
                summary.owasp = owasp.map(OWASPSummary.init)
                do throws(TraceReadError) {
                    while let batch = try broadcast.next(for: index) {
                        for item in batch {
                            if let slot = slots[index], let owasp = item.owasp {
                                slot.hold(owasp.verdict, for: owasp.key)
                            }
                            defer { slots[index]?.release() }
                            for replica in 0..<Int(scenario.scale.rounded(.up)) {
                                guard
                                    let request = ClientScaling.request(
                                        item.request, replica: replica, scale: scenario.scale)
                                else { continue }
                                let decision = model.process(request, colo: item.colo)
                                summary.add(
                                    decision, time: item.virtualTime, record: item.record, index: item.index,
                                    redactor: redactor)
                                if replica == 0 {
                                    summary.compare(
                                        decision, with: item.record.outcome, record: item.record, index: item.index,
                                        redactor: redactor)
                                }
                                if decision.originContacted { summary.appUsage.count(item.record) }
                            }
                        }
                    }
                    summary.lateRecords = counts.late
                    summary.malformedRecords = counts.malformed
                    summary.repairedRecords = counts.repaired
                    summary.unsuppliedFields = counts.unsupplied
                    results.set(index, .success(summary))
                } catch {
                    results.set(index, .failure(error))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        done.wait()
        var summaries: [ReplaySummary] = []
        for result in results.values {
            switch result {
            case let .success(summary): summaries.append(summary)
            case let .failure(error): throw .trace(error)
            case nil: throw .configuration("a scenario did not finish")
            }
        }
        return summaries
    }

    /// `batch` with the OWASP Core Rule Set's verdicts from `source` (the scenarios' shared memoised evaluator),
    /// evaluated on up to `threads` threads; unchanged when the scenarios do not deploy the ruleset.
    private static func withVerdicts(_ batch: [SharedRecord], from source: MemoisedEvaluator?, threads: Int)
        -> [SharedRecord]
    {
        guard let source else { return batch }
        let resolved = source.verdicts(for: batch.map { CRSRequest($0.request.http) }, threads: threads)
        return zip(batch, resolved).map { item, owasp in
            var item = item
            item.owasp = owasp
            return item
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

private final class ReaderThreadBox: @unchecked Sendable {
    var reader: TimeOrderedTraceReader<MergedTraceSource>
    init(_ reader: TimeOrderedTraceReader<MergedTraceSource>) { self.reader = reader }
}

private final class ModelBox: @unchecked Sendable {
    let edges: ColoEdges
    init(_ edges: ColoEdges) { self.edges = edges }
}

private final class SharedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var values = (late: 0, malformed: 0, repaired: 0, unsupplied: [UnsuppliedField]())
    func set(late: Int, malformed: Int, repaired: Int, unsupplied: [UnsuppliedField]) {
        lock.withLock { values = (late, malformed, repaired, unsupplied) }
    }
    var late: Int { lock.withLock { values.late } }
    var malformed: Int { lock.withLock { values.malformed } }
    var repaired: Int { lock.withLock { values.repaired } }
    var unsupplied: [UnsuppliedField] { lock.withLock { values.unsupplied } }
}

private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ReplaySummary, TraceReadError>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<ReplaySummary, TraceReadError>) { lock.withLock { slots[index] = result } }
    var values: [Result<ReplaySummary, TraceReadError>?] { lock.withLock { slots } }
}
