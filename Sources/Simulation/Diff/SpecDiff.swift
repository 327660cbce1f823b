import EdgeCompiler
import EdgeCore
import EdgeModel
import RulesLanguage
import Traces

/// Requests whose outcome changed between two specs, grouped by (old → new outcome, rule).
public struct DiffGroup: Sendable {
    /// The old outcome, e.g. `allow DYNAMIC origin`.
    public let from: String
    /// The new outcome.
    public let to: String
    /// The rule that decided the new outcome (or the old one when the new is allow).
    public let rule: String?
    /// Requests in the group.
    public internal(set) var requests = 0
    /// Requests by path (at most `maxDistinct` distinct paths, the smallest).
    public var paths: [String: Int] { pathCounts.counts }
    /// Requests by client address (at most `maxDistinct`, the smallest).
    public var clients: [String: Int] { clientCounts.counts }
    /// Requests by user agent (at most `maxDistinct`, the smallest).
    public var userAgents: [String: Int] { userAgentCounts.counts }
    /// Up to three redacted example requests, the earliest in input order.
    public var examples: [String] { earliest.texts }

    static let maxDistinct = 1000
    private var pathCounts = SmallestKeyCounts<String>(limit: maxDistinct)
    private var clientCounts = SmallestKeyCounts<String>(limit: maxDistinct)
    private var userAgentCounts = SmallestKeyCounts<String>(limit: maxDistinct)
    private var earliest = EarliestExamples(limit: 3)

    init(from: String, to: String, rule: String?) {
        self.from = from
        self.to = to
        self.rule = rule
    }

    /// Counts `record`, input record `index`.
    mutating func add(_ record: TraceRecord, index: Int, redactor: Redactor) {
        requests += 1
        pathCounts.add(record.string(record.path) ?? "/")
        clientCounts.add(record.ip?.description ?? "-")
        userAgentCounts.add(record.headerValues(named: "user-agent").first ?? "")
        earliest.add(index: index, text: "line \(record.line): " + ExampleRequest.describe(record, redactor: redactor))
    }

    /// Adds the requests of `other`, the same group over other records.
    mutating func merge(_ other: DiffGroup) {
        requests += other.requests
        pathCounts.merge(other.pathCounts)
        clientCounts.merge(other.clientCounts)
        userAgentCounts.merge(other.userAgentCounts)
        earliest.merge(other.earliest)
    }
}

/// The result of replaying one trace through two specs.
public struct SpecDiffResult: Sendable {
    /// Records compared.
    public let requests: Int
    /// Groups of changed requests, largest first.
    public let groups: [DiffGroup]
    /// Fields either spec reads that no record supplied, each with the value every request read instead.
    public let unsuppliedFields: [UnsuppliedField]

    /// The base spec's uses of settings the model does not simulate.
    public let baseNotSimulated: [NotSimulatedUse]
    /// The head spec's uses of settings the model does not simulate.
    public let headNotSimulated: [NotSimulatedUse]
    /// The requests the base spec's phases reached.
    public let baseReach: SettingReachCounts
    /// The requests the head spec's phases reached.
    public let headReach: SettingReachCounts

    /// What changes in the OWASP Core Ruleset's verdicts; nil when neither spec deploys it.
    public let owasp: OWASPDiff?

    /// Requests whose outcome changed.
    public var changed: Int { groups.reduce(0) { $0 + $1.requests } }
}

/// Replays one trace through two compiled specs: each parsed record feeds both models, and every difference in
/// action, deciding rule, cache status or origin contact is counted. With `options.jobs` above 1 the colos are
/// spread over that many threads (`ColoLanes`), with the same result.
public enum SpecDiff {
    /// Compares `base` and `head` on `paths`.
    public static func run(
        base: CompiledEdge, head: CompiledEdge, paths: [String], options: ReplayOptions,
        diagnostics: DiagnosticCollector
    ) throws(Replay.Failure) -> SpecDiffResult {
        var lanes: [DiffLane] = []
        let laneCount = options.jobs > 1 ? ColoLanes.laneCount(jobs: options.jobs) : 1
        for _ in 0..<laneCount { lanes.append(try DiffLane(base: base, head: head, options: options)) }
        let coverage = TraceFieldCoverage(for: [base, head])
        let statistics: (unsupplied: [UnsuppliedField], requests: Int)
        if lanes.count == 1 {
            let lane = lanes[0]
            var ordered = VerdictLookahead(
                try Replay.openTraces(paths, options: options, diagnostics: diagnostics),
                models: [lane.baseModel, lane.headModel], threads: options.managedRulesThreads)
            var coverage = coverage
            do {
                try ordered.forEachRecord { item in
                    coverage.note(item.record)
                    lane.process(item)
                    if lane.requests & (ReplayOptions.progressInterval - 1) == 0 { options.progress?(lane.requests) }
                }
            } catch {
                throw .trace(error)
            }
            statistics = (coverage.unsupplied, lane.requests)
        } else {
            let reading = try ColoLanes.run(
                paths: paths, options: options, diagnostics: diagnostics, coverage: coverage,
                lanes: lanes.map { lane in (process: lane.process, finish: {}) })
            for lane in lanes.dropFirst() { lanes[0].merge(lane) }
            statistics = (reading.coverage.unsupplied, lanes[0].requests)
        }
        let lane = lanes[0]
        return SpecDiffResult(
            requests: statistics.requests,
            groups: lane.groups.values.sorted {
                $0.requests != $1.requests
                    ? $0.requests > $1.requests : ($0.from, $0.to, $0.rule ?? "") < ($1.from, $1.to, $1.rule ?? "")
            }, unsuppliedFields: statistics.unsupplied,
            baseNotSimulated: NotSimulatedSettings.uses(in: base),
            headNotSimulated: NotSimulatedSettings.uses(in: head),
            baseReach: lane.baseReach, headReach: lane.headReach, owasp: lane.owasp)
    }

    /// `action by rule CACHE origin|edge`.
    static func outcome(_ decision: Decision) -> String {
        "\(decision.action.rawValue)\(decision.ruleID.map { " by \($0)" } ?? "") \(decision.cacheStatus.rawValue) "
            + "\(decision.originContacted ? "origin" : "edge")"
    }
}

/// One thread's share of a diff: both specs' models for its colos and what their decisions differ in.
final class DiffLane {
    /// The base spec's edges.
    let baseModel: ColoEdges
    /// The head spec's edges.
    let headModel: ColoEdges
    /// Records compared.
    private(set) var requests = 0
    /// Changed requests by old → new outcome and rule.
    private(set) var groups: [String: DiffGroup] = [:]
    /// The requests each spec's phases reached.
    private(set) var baseReach = SettingReachCounts(), headReach = SettingReachCounts()
    /// What changes in the OWASP Core Ruleset's verdicts.
    private(set) var owasp: OWASPDiff?
    private let redactor: Redactor
    private var request = EdgeRequest(HTTPRequest())

    init(base: CompiledEdge, head: CompiledEdge, options: ReplayOptions) throws(Replay.Failure) {
        baseModel = try Replay.model(for: base, rateLimitDelay: options.rateLimitDelay)
        headModel = try Replay.model(for: head, rateLimitDelay: options.rateLimitDelay)
        owasp = OWASPDiff(base: OWASPDeployment(base), head: OWASPDeployment(head))
        redactor = options.redactor
    }

    /// Runs `item` through both specs' edges of its colo and counts any difference.
    func process(_ item: OrderedTraceRecord) {
        TraceRequestBuilder.fill(&request, from: item.record)
        request.http.timestampMilliseconds = item.virtualTimeMs
        let old = baseModel.process(request, colo: item.colo)
        let new = headModel.process(request, colo: item.colo)
        requests += 1
        baseReach.add(old)
        headReach.add(new)
        owasp?.add(old: old, new: new, record: item.record, index: item.number, redactor: redactor)
        guard
            old.action != new.action || old.ruleID != new.ruleID || old.cacheStatus != new.cacheStatus
                || old.originContacted != new.originContacted
        else { return }
        let from = SpecDiff.outcome(old), to = SpecDiff.outcome(new)
        let rule = new.ruleID ?? old.ruleID
        let key = "\(from)\u{0}\(to)\u{0}\(rule ?? "")"
        groups[key, default: DiffGroup(from: from, to: to, rule: rule)].add(
            item.record, index: item.number, redactor: redactor)
    }

    /// Adds what `other` counted over other colos.
    func merge(_ other: DiffLane) {
        requests += other.requests
        for (key, group) in other.groups {
            if groups[key] == nil {
                groups[key] = group
            } else {
                groups[key]?.merge(group)
            }
        }
        baseReach.merge(other.baseReach)
        headReach.merge(other.headReach)
        if let theirs = other.owasp { owasp?.merge(theirs) }
    }
}
