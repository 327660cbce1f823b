import EdgeModel
import Traces

/// Requests whose fate in the OWASP Core Ruleset changes between two specs, in one direction: how many, by CRS rule
/// id and by path, with a few redacted examples. Tables are bounded like `DiffGroup`'s.
public struct OWASPChange: Sendable, Equatable {
    /// Requests that changed this way.
    public internal(set) var requests = 0
    /// Of those, requests each CRS rule added points to, at the level of the spec whose ruleset acts on them (at
    /// most `DiffGroup.maxDistinct` ids, the smallest).
    public var rules: [Int: Int] { ruleCounts.counts }
    /// Requests by path without the query (at most `DiffGroup.maxDistinct` distinct paths, the smallest).
    public var paths: [String: Int] { pathCounts.counts }
    /// Up to three redacted example requests, each with its score and rules, the earliest in input order.
    public var examples: [String] { earliest.texts }
    private var ruleCounts = SmallestKeyCounts<Int>(limit: DiffGroup.maxDistinct)
    private var pathCounts = SmallestKeyCounts<String>(limit: DiffGroup.maxDistinct)
    private var earliest = EarliestExamples(limit: 3)

    /// Counts one request, input record `index`, scored `score` by rules `ids`.
    mutating func add(score: Int, ids: [Int], record: TraceRecord, index: Int, redactor: Redactor) {
        requests += 1
        for id in ids { ruleCounts.add(id) }
        pathCounts.add(record.string(record.path) ?? "/")
        earliest.add(
            index: index,
            text: "line \(record.line): \(ExampleRequest.describe(record, redactor: redactor)) — score \(score) ("
                + ids.map(String.init).joined(separator: " ") + ")")
    }

    /// Adds the requests of `other`.
    mutating func merge(_ other: OWASPChange) {
        requests += other.requests
        ruleCounts.merge(other.ruleCounts)
        pathCounts.merge(other.pathCounts)
        earliest.merge(other.earliest)
    }

    /// The rules by requests, most first, ties by id.
    public var rankedRules: [(id: Int, requests: Int)] {
        rules.map { (id: $0.key, requests: $0.value) }.sorted {
            $0.requests != $1.requests ? $0.requests > $1.requests : $0.id < $1.id
        }
    }

    /// The paths by requests, most first, ties by path.
    public var rankedPaths: [(path: String, requests: Int)] {
        paths.map { (path: $0.key, requests: $0.value) }.sorted {
            $0.requests != $1.requests ? $0.requests > $1.requests : $0.path < $1.path
        }
    }
}

/// What changes in the managed rules phase between a base and a head spec when the OWASP Core Ruleset's paranoia
/// level, threshold or deployment changes: the requests whose score newly reaches the threshold (they newly get the
/// action) and those whose score no longer does.
public struct OWASPDiff: Sendable, Equatable {
    /// The base spec's ruleset; nil when the base spec does not deploy it.
    public let base: OWASPDeployment?
    /// The head spec's ruleset; nil when the head spec does not deploy it.
    public let head: OWASPDeployment?
    /// Requests the head's ruleset acts on and the base's did not, by the head's rules.
    public internal(set) var newlyReached = OWASPChange()
    /// Requests the base's ruleset acted on and the head's does not, by the base's rules.
    public internal(set) var noLongerReached = OWASPChange()

    /// An empty comparison; nil when neither spec deploys the OWASP Core Ruleset.
    init?(base: OWASPDeployment?, head: OWASPDeployment?) {
        guard base != nil || head != nil else { return nil }
        self.base = base
        self.head = head
    }

    /// Compares the base's decision `old` with the head's `new` on `record`, input record `index`.
    mutating func add(old: Decision, new: Decision, record: TraceRecord, index: Int, redactor: Redactor) {
        let before = Self.reached(old, base), after = Self.reached(new, head)
        if let after, before == nil {
            newlyReached.add(score: after.score, ids: after.ids, record: record, index: index, redactor: redactor)
        } else if let before, after == nil {
            noLongerReached.add(score: before.score, ids: before.ids, record: record, index: index, redactor: redactor)
        }
    }

    /// Adds the comparisons of `other`, over other records.
    mutating func merge(_ other: OWASPDiff) {
        newlyReached.merge(other.newlyReached)
        noLongerReached.merge(other.noLongerReached)
    }

    /// The score and scoring rules of `decision` when `deployment`'s ruleset evaluated it and the score reached the
    /// threshold; nil otherwise.
    private static func reached(_ decision: Decision, _ deployment: OWASPDeployment?) -> (score: Int, ids: [Int])? {
        guard let deployment, let verdict = OWASPDeployment.verdict(of: decision), deployment.reachesThreshold(verdict)
        else { return nil }
        return (deployment.score(verdict), deployment.scoringRuleIDs(verdict))
    }

    /// `paranoia level 1 → 2, threshold 40 → 25, action block`: the settings of both sides, each once when equal.
    public var settingsDescription: String {
        func side(_ deployment: OWASPDeployment?) -> String { deployment?.description ?? "not deployed" }
        guard let base, let head else { return "\(side(base)) → \(side(head))" }
        func pair(_ name: String, _ old: String, _ new: String) -> String {
            old == new ? "\(name) \(old)" : "\(name) \(old) → \(new)"
        }
        return [
            pair("paranoia level", "\(base.paranoiaLevel)", "\(head.paranoiaLevel)"),
            pair("threshold", "\(base.scoreThreshold)", "\(head.scoreThreshold)"),
            pair("action", base.action, head.action),
        ].joined(separator: ", ")
    }
}
