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
    /// Top paths (bounded counter).
    public internal(set) var paths: [String: Int] = [:]
    /// Top client addresses.
    public internal(set) var clients: [String: Int] = [:]
    /// Top user agents.
    public internal(set) var userAgents: [String: Int] = [:]
    /// Up to three redacted example requests.
    public internal(set) var examples: [String] = []

    static let maxDistinct = 1000

    init(from: String, to: String, rule: String?) {
        self.from = from
        self.to = to
        self.rule = rule
    }

    mutating func add(_ record: TraceRecord, redactor: Redactor) {
        requests += 1
        func bump(_ table: inout [String: Int], _ key: String) {
            if table[key] != nil || table.count < Self.maxDistinct { table[key, default: 0] += 1 }
        }
        bump(&paths, record.string(record.path) ?? "/")
        bump(&clients, record.ip?.description ?? "-")
        bump(&userAgents, record.headerValues(named: "user-agent").first ?? "")
        if examples.count < 3 {
            examples.append("line \(record.line): " + ExampleRequest.describe(record, redactor: redactor))
        }
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
/// action, deciding rule, cache status or origin contact is counted.
public enum SpecDiff {
    /// Compares `base` and `head` on `paths`.
    public static func run(
        base: CompiledEdge, head: CompiledEdge, paths: [String], options: ReplayOptions,
        diagnostics: DiagnosticCollector
    ) throws(Replay.Failure) -> SpecDiffResult {
        let baseModel = try Replay.model(for: base, rateLimitDelay: options.rateLimitDelay)
        let headModel = try Replay.model(for: head, rateLimitDelay: options.rateLimitDelay)
        var ordered = VerdictLookahead(
            try Replay.openTraces(paths, options: options, diagnostics: diagnostics), models: [baseModel, headModel],
            threads: options.managedRulesThreads)
        var groups: [String: DiffGroup] = [:]
        var requests = 0
        var baseReach = SettingReachCounts(), headReach = SettingReachCounts()
        var owasp = OWASPDiff(base: OWASPDeployment(base), head: OWASPDeployment(head))
        var request = EdgeRequest(HTTPRequest())
        var coverage = TraceFieldCoverage(for: [base, head])
        do {
            try ordered.forEachRecord { item in
                coverage.note(item.record)
                TraceRequestBuilder.fill(&request, from: item.record)
                request.http.timestampMilliseconds = item.virtualTimeMs
                let old = baseModel.process(request, colo: item.colo)
                let new = headModel.process(request, colo: item.colo)
                requests += 1
                if requests & (ReplayOptions.progressInterval - 1) == 0 { options.progress?(requests) }
                baseReach.add(old)
                headReach.add(new)
                owasp?.add(old: old, new: new, record: item.record, redactor: options.redactor)
                guard
                    old.action != new.action || old.ruleID != new.ruleID || old.cacheStatus != new.cacheStatus
                        || old.originContacted != new.originContacted
                else { return }
                let from = outcome(old), to = outcome(new)
                let rule = new.ruleID ?? old.ruleID
                let key = "\(from)\u{0}\(to)\u{0}\(rule ?? "")"
                groups[key, default: DiffGroup(from: from, to: to, rule: rule)].add(
                    item.record, redactor: options.redactor)
            }
        } catch {
            throw .trace(error)
        }
        return SpecDiffResult(
            requests: requests,
            groups: groups.values.sorted {
                $0.requests != $1.requests
                    ? $0.requests > $1.requests : ($0.from, $0.to, $0.rule ?? "") < ($1.from, $1.to, $1.rule ?? "")
            }, unsuppliedFields: coverage.unsupplied,
            baseNotSimulated: NotSimulatedSettings.uses(in: base),
            headNotSimulated: NotSimulatedSettings.uses(in: head),
            baseReach: baseReach, headReach: headReach, owasp: owasp)
    }

    /// `action by rule CACHE origin|edge`.
    static func outcome(_ decision: Decision) -> String {
        "\(decision.action.rawValue)\(decision.ruleID.map { " by \($0)" } ?? "") \(decision.cacheStatus.rawValue) "
            + "\(decision.originContacted ? "origin" : "edge")"
    }
}
