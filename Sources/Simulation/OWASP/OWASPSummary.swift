import EdgeCore
import EdgeModel
import Traces

/// What the OWASP Core Ruleset did over a replay: requests evaluated, requests that reached the threshold (and got
/// the action), requests that scored below it, matches by CRS rule id, actions by path, the score distribution at
/// the deployed level, the highest-scoring requests that reached the threshold, and requests whose body-only rules
/// were not evaluated. Every table is bounded, so memory does not grow with the trace.
public struct OWASPSummary: Sendable {
    /// Requests one CRS rule matched, and where.
    public struct RuleCounts: Sendable, Equatable {
        /// Requests the rule matched (it added points at the deployed level).
        public internal(set) var matched = 0
        /// Of those, requests whose score reached the threshold.
        public internal(set) var reachedThreshold = 0
        /// Matched requests by path (at most `OWASPSummary.maxPathsPerRule` distinct paths, the smallest).
        public var paths: [String: Int] { pathCounts.counts }
        /// The earliest matched request in input order (redacted), for the false-positive review.
        public var example: String? { earliest.texts.first }
        var pathCounts = SmallestKeyCounts<String>(limit: OWASPSummary.maxPathsPerRule)
        var earliest = EarliestExamples(limit: 1)

        /// Counts one matched request on `path`, input record `index`; `example` describes it.
        mutating func add(path: String, reached: Bool, index: Int, example: () -> String) {
            matched += 1
            if reached { reachedThreshold += 1 }
            pathCounts.add(path)
            earliest.add(index: index, text: example())
        }

        /// Adds the counts of `other`.
        mutating func merge(_ other: RuleCounts) {
            matched += other.matched
            reachedThreshold += other.reachedThreshold
            pathCounts.merge(other.pathCounts)
            earliest.merge(other.earliest)
        }
    }

    /// One request whose score reached the threshold.
    public struct TopRequest: Sendable, Equatable {
        /// The record's place in the input (ties go to the earlier).
        let index: Int
        /// The trace line.
        public let line: Int
        /// The request, redacted (`ExampleRequest`).
        public let request: String
        /// Its anomaly score at the deployed level.
        public let score: Int
        /// The CRS rules that added points, in evaluation order.
        public let ruleIDs: [Int]
    }

    /// The ruleset as deployed.
    public let deployment: OWASPDeployment
    /// Requests the ruleset evaluated (they reached the managed rules phase and no custom rule skipped it).
    public internal(set) var evaluated = 0
    /// Requests whose score reached the threshold, so they got the action.
    public internal(set) var reachedThreshold = 0
    /// Requests that scored points below the threshold: matched, but let through by the ruleset.
    public internal(set) var belowThreshold = 0
    /// Requests for which rules that read only the body were not evaluated (the trace had no body).
    public internal(set) var bodyRulesNotEvaluated = 0
    /// Per CRS rule id, the requests it matched (at most `maxRules` distinct ids, the smallest).
    public internal(set) var rules: [Int: RuleCounts] = [:]
    /// Requests that reached the threshold, by path without the query (at most `maxPaths` distinct paths, the
    /// smallest).
    public var pathsReachingThreshold: [String: Int] { thresholdPaths.counts }
    private var thresholdPaths = SmallestKeyCounts<String>(limit: OWASPSummary.maxPaths)
    /// Evaluated requests per score band at the deployed level (`scoreBands`).
    public internal(set) var scoreHistogram = [Int](repeating: 0, count: OWASPSummary.scoreBands.count)
    /// The highest-scoring requests that reached the threshold, highest first, ties in input order (at most
    /// `maxTopRequests`).
    public internal(set) var topRequests: [TopRequest] = []

    /// The lowest score of each band of `scoreHistogram`: 0, 1 to 4, 5 to 9, and so on up to 60 and more (the
    /// thresholds high, medium and low each start a band).
    public static let scoreBands = [0, 1, 5, 10, 15, 20, 25, 40, 60]
    /// Distinct rule ids counted; CRS 3.3.4 has fewer, so this only guards against a foreign catalogue.
    static let maxRules = 2_000
    /// Distinct paths counted per rule.
    static let maxPathsPerRule = 100
    /// Distinct paths counted in `pathsReachingThreshold`.
    static let maxPaths = 10_000
    /// Requests kept in `topRequests`.
    static let maxTopRequests = 10

    /// An empty summary of `deployment`.
    public init(_ deployment: OWASPDeployment) {
        self.deployment = deployment
    }

    /// The label of score band `index`, e.g. `5–9` or `60+`.
    public static func bandLabel(_ index: Int) -> String {
        let low = scoreBands[index]
        guard index + 1 < scoreBands.count else { return "\(low)+" }
        let high = scoreBands[index + 1] - 1
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    /// Counts one decision; `record` is the trace record it was taken on, input record `index`.
    mutating func add(_ decision: Decision, record: TraceRecord, index: Int, redactor: Redactor) {
        guard let verdict = OWASPDeployment.verdict(of: decision) else { return }
        evaluated += 1
        if !verdict.notEvaluated.isEmpty { bodyRulesNotEvaluated += 1 }
        let score = deployment.score(verdict)
        scoreHistogram[Self.scoreBands.lastIndex { $0 <= score } ?? 0] += 1
        guard score > 0 else { return }
        let reached = score >= deployment.scoreThreshold
        if reached { reachedThreshold += 1 } else { belowThreshold += 1 }
        let path = record.string(record.path) ?? "/"
        let ids = deployment.scoringRuleIDs(verdict)
        var example: String?
        for id in ids where admits(id) {
            rules[id, default: RuleCounts()].add(path: path, reached: reached, index: index) {
                if example == nil {
                    example = "line \(record.line): " + ExampleRequest.describe(record, redactor: redactor)
                }
                return example ?? ""
            }
        }
        guard reached else { return }
        thresholdPaths.add(path)
        guard ranksAmongTop(score: score, index: index) else { return }
        keep(
            TopRequest(
                index: index, line: record.line, request: ExampleRequest.describe(record, redactor: redactor),
                score: score, ruleIDs: ids))
    }

    /// Whether rule `id` has (or now gets) a place among the `maxRules` smallest ids; a larger id is let go for it.
    private mutating func admits(_ id: Int) -> Bool {
        guard rules[id] == nil, rules.count >= Self.maxRules else { return true }
        guard let largest = rules.keys.max(), id < largest else { return false }
        rules[largest] = nil
        return true
    }

    /// Adds `counts` to rule `id`'s, keeping the `maxRules` smallest ids.
    private mutating func add(_ counts: RuleCounts, id: Int) {
        guard admits(id) else { return }
        rules[id, default: RuleCounts()].merge(counts)
    }

    /// Whether a request scoring `score`, input record `index`, would be kept among `topRequests` (so its description
    /// is worth building).
    private func ranksAmongTop(score: Int, index: Int) -> Bool {
        guard topRequests.count >= Self.maxTopRequests, let lowest = topRequests.last else { return true }
        return score > lowest.score || (score == lowest.score && index < lowest.index)
    }

    /// Keeps `request` among `topRequests` when it ranks above the lowest kept one (higher score, or the same score
    /// and earlier in the input); a record already kept (a what-if replica of it) is not kept twice.
    private mutating func keep(_ request: TopRequest) {
        guard !topRequests.contains(where: { $0.index == request.index }) else { return }
        let position = topRequests.firstIndex { Self.ranks(request, above: $0) } ?? topRequests.endIndex
        guard position < Self.maxTopRequests else { return }
        topRequests.insert(request, at: position)
        if topRequests.count > Self.maxTopRequests { topRequests.removeLast() }
    }

    private static func ranks(_ lhs: TopRequest, above rhs: TopRequest) -> Bool {
        lhs.score != rhs.score ? lhs.score > rhs.score : lhs.index < rhs.index
    }

    /// Adds the counts of `other`, a summary of other records of the same replay.
    mutating func merge(_ other: OWASPSummary) {
        evaluated += other.evaluated
        reachedThreshold += other.reachedThreshold
        belowThreshold += other.belowThreshold
        bodyRulesNotEvaluated += other.bodyRulesNotEvaluated
        for (id, counts) in other.rules { add(counts, id: id) }
        thresholdPaths.merge(other.thresholdPaths)
        for index in scoreHistogram.indices { scoreHistogram[index] += other.scoreHistogram[index] }
        for request in other.topRequests { keep(request) }
    }

    /// The rules by requests matched, most first, ties by id.
    public var rankedRules: [(id: Int, counts: RuleCounts)] {
        rules.map { (id: $0.key, counts: $0.value) }.sorted {
            $0.counts.matched != $1.counts.matched ? $0.counts.matched > $1.counts.matched : $0.id < $1.id
        }
    }

    /// The paths by requests that reached the threshold, most first, ties by path.
    public var rankedPaths: [(path: String, requests: Int)] {
        pathsReachingThreshold.map { (path: $0.key, requests: $0.value) }.sorted {
            $0.requests != $1.requests ? $0.requests > $1.requests : $0.path < $1.path
        }
    }

    /// The path a rule matched most (ties by path), if any.
    public static func topPath(_ counts: RuleCounts) -> (path: String, requests: Int)? {
        counts.paths.min { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            (path: $0.key, requests: $0.value)
        }
    }
}

extension OWASPSummary {
    /// The counts exactly, for a mergeable summary (`SummaryState.swift`).
    var state: JSONValue {
        .object([
            ("evaluated", .int(Int64(evaluated))), ("reached_threshold", .int(Int64(reachedThreshold))),
            ("below_threshold", .int(Int64(belowThreshold))),
            ("body_rules_not_evaluated", .int(Int64(bodyRulesNotEvaluated))),
            (
                "rules",
                .array(
                    rules.sorted { $0.key < $1.key }.map { id, counts in
                        .object([
                            ("id", .int(Int64(id))), ("matched", .int(Int64(counts.matched))),
                            ("reached_threshold", .int(Int64(counts.reachedThreshold))),
                            ("paths", counts.pathCounts.state), ("example", counts.earliest.state),
                        ])
                    })
            ),
            ("threshold_paths", thresholdPaths.state), ("score_histogram", StateWriter.ints(scoreHistogram)),
            (
                "top_requests",
                .array(
                    topRequests.map {
                        .object([
                            ("n", .int(Int64($0.index))), ("line", .int(Int64($0.line))),
                            ("request", .string($0.request)),
                            ("score", .int(Int64($0.score))), ("rule_ids", StateWriter.ints($0.ruleIDs)),
                        ])
                    })
            ),
        ])
    }

    /// Takes the counts `state` describes, of the same deployment, into this empty summary.
    mutating func take(state: StateReader) throws(SummaryStateError) {
        evaluated = try state.member("evaluated").count()
        reachedThreshold = try state.member("reached_threshold").count()
        belowThreshold = try state.member("below_threshold").count()
        bodyRulesNotEvaluated = try state.member("body_rules_not_evaluated").count()
        for rule in try state.member("rules").items() {
            var counts = RuleCounts()
            counts.matched = try rule.member("matched").count()
            counts.reachedThreshold = try rule.member("reached_threshold").count()
            counts.pathCounts = try SmallestKeyCounts(limit: Self.maxPathsPerRule, state: rule.member("paths"))
            counts.earliest = try EarliestExamples(limit: 1, state: rule.member("example"))
            add(counts, id: try rule.member("id").int())
        }
        thresholdPaths = try SmallestKeyCounts(limit: Self.maxPaths, state: state.member("threshold_paths"))
        let histogram = try state.member("score_histogram").ints()
        guard histogram.count == scoreHistogram.count else {
            throw SummaryStateError(
                path: state.path + ".score_histogram", expected: "\(scoreHistogram.count) counts, one per score band")
        }
        scoreHistogram = histogram
        for request in try state.member("top_requests").items() {
            keep(
                TopRequest(
                    index: try request.member("n").count(), line: try request.member("line").int(),
                    request: try request.member("request").string(), score: try request.member("score").int(),
                    ruleIDs: try request.member("rule_ids").ints()))
        }
    }
}
