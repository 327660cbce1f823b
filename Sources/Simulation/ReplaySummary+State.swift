import EdgeCompiler
import EdgeCore
import EdgeModel

/// A replay summary written out exactly and read back (`replay --summary-json`, `edgeproof merge`): every count,
/// series and example, never a ratio, so that the summaries of a partition's shards merge into the summary one
/// replay of everything gives (`docs/scaling.md`). What follows from the spec (the app's routes, the OWASP
/// deployment, the settings not simulated, the counter delay) is not written: it is rebuilt from the spec.
extension ReplaySummary {
    /// An empty summary of `edge`'s settings, its rate limits counting with `rateLimitDelay` (nil: the spec's).
    init(_ edge: CompiledEdge, rateLimitDelay: EdgeDuration?) {
        self.init()
        appUsage = AppUsageMeter(app: edge.app)
        self.rateLimitDelay = ModelConfigurationBuilder.rateLimitDelay(for: edge, override: rateLimitDelay)
        notSimulated = NotSimulatedSettings.uses(in: edge)
        owasp = OWASPDeployment(edge).map(OWASPSummary.init)
    }

    /// Every count of the summary.
    public var state: JSONValue {
        .object([
            ("requests", .int(Int64(requests))),
            (
                "by_action",
                StateWriter.counts(Dictionary(uniqueKeysWithValues: zip(OutcomeIndex.actionNames, actionCounts)))
            ),
            ("by_rule", StateWriter.counts(byRule)),
            ("rate_limit_triggers", StateWriter.counts(rateLimitTriggers)),
            (
                "rate_limit_keys",
                .object(
                    rateLimitKeyCounts.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
                        ($0.key, $0.value.state)
                    })
            ),
            (
                "by_cache_status",
                StateWriter.counts(Dictionary(uniqueKeysWithValues: zip(OutcomeIndex.cacheStatusNames, cacheCounts)))
            ),
            (
                "bytes_by_cache_status",
                StateWriter.counts(Dictionary(uniqueKeysWithValues: zip(OutcomeIndex.cacheStatusNames, cacheBytes)))
            ),
            ("origin_requests", .int(Int64(originRequests))), ("origin_seconds", originSeconds.state),
            ("late_records", .int(Int64(lateRecords))), ("malformed_records", .int(Int64(malformedRecords))),
            ("repaired_records", .int(Int64(repairedRecords))),
            (
                "unsupplied_fields",
                .array(unsuppliedFields.map { .object([("name", .string($0.name)), ("reads", .string($0.reads))]) })
            ),
            ("owasp", owasp?.state ?? .null),
            ("managed_rules_not_simulated", .int(Int64(managedRulesNotSimulated))),
            ("passed_through_counter_delay", .int(Int64(passedThroughCounterDelay))),
            ("action_agreement", StateWriter.nestedCounts(actionAgreement)),
            ("cache_agreement", StateWriter.nestedCounts(cacheAgreement)),
            ("disagreements", disagreementExamples.state),
            ("first_timestamp", StateWriter.optional(firstTimestamp)),
            ("last_timestamp", StateWriter.optional(lastTimestamp)),
            ("timeline", timeline.state), ("app_usage", appUsage.state),
        ])
    }

    /// The summary `state` describes, of a replay of `edge` with the counter delay `rateLimitDelay`.
    public init(_ edge: CompiledEdge, rateLimitDelay: EdgeDuration?, state: JSONValue, path: String)
        throws(SummaryStateError)
    {
        self.init(edge, rateLimitDelay: rateLimitDelay)
        let state = StateReader(value: state, path: path)
        requests = try state.member("requests").count()
        actionCounts = try Self.aligned(state.member("by_action"), names: OutcomeIndex.actionNames)
        let rules = try state.member("by_rule")
        let ruleCounts = try rules.counts()
        byRule = ruleCounts
        if let unknown = ruleCounts.keys.sorted().first(where: { key in
            key.firstIndex(of: "/").flatMap { EdgePhase(rawValue: String(key[..<$0])) } == nil
        }) {
            throw SummaryStateError(path: "\(rules.path).\(unknown)", expected: "a key PHASE/RULE of a known phase")
        }
        rateLimitTriggers = try state.member("rate_limit_triggers").counts()
        for (rule, keys) in try state.member("rate_limit_keys").members() {
            rateLimitKeyCounts[rule] = try SmallestKeyCounts(limit: Self.maxKeysPerRule, state: keys)
        }
        cacheCounts = try Self.aligned(state.member("by_cache_status"), names: OutcomeIndex.cacheStatusNames)
        cacheBytes = try Self.aligned(state.member("bytes_by_cache_status"), names: OutcomeIndex.cacheStatusNames).map {
            Int64($0)
        }
        originRequests = try state.member("origin_requests").count()
        originSeconds = try OriginSeconds(state: state.member("origin_seconds"))
        lateRecords = try state.member("late_records").count()
        malformedRecords = try state.member("malformed_records").count()
        repairedRecords = try state.member("repaired_records").count()
        for field in try state.member("unsupplied_fields").items() {
            unsuppliedFields.append(
                UnsuppliedField(name: try field.member("name").string(), reads: try field.member("reads").string()))
        }
        if let owaspState = state.optionalMember("owasp") {
            guard owasp != nil else {
                throw SummaryStateError(path: owaspState.path, expected: "null: the spec deploys no OWASP ruleset")
            }
            try owasp?.take(state: owaspState)
        }
        managedRulesNotSimulated = try state.member("managed_rules_not_simulated").count()
        passedThroughCounterDelay = try state.member("passed_through_counter_delay").count()
        actionAgreement = try state.member("action_agreement").nestedCounts()
        cacheAgreement = try state.member("cache_agreement").nestedCounts()
        disagreementExamples = try EarliestExamples(limit: 10, state: state.member("disagreements"))
        firstTimestamp = try state.optionalMember("first_timestamp")?.int64()
        lastTimestamp = try state.optionalMember("last_timestamp")?.int64()
        timeline = try ReplayTimeline(state: state.member("timeline"))
        try appUsage.take(state: state.member("app_usage"))
    }

    /// Counts by name, in the order of `names`; a name the state lacks counts 0, a name it has that this build
    /// does not know is an error.
    private static func aligned(_ state: StateReader, names: [String]) throws(SummaryStateError) -> [Int] {
        let counts = try state.counts()
        if let unknown = counts.keys.sorted().first(where: { !names.contains($0) }) {
            throw SummaryStateError(
                path: "\(state.path).\(unknown)", expected: "one of \(names.joined(separator: ", "))")
        }
        return names.map { counts[$0] ?? 0 }
    }
}

/// The summary of one replay of a whole partition, built from the summaries of its shards one at a time (`edgeproof
/// merge`), each of a replay of the same spec with the same settings: counts and reading statistics add up, and a
/// field is unsupplied when no shard supplied it. One shard's summary is held at a time.
public struct PartitionSummary {
    /// The shards' summaries merged so far.
    public private(set) var summary: ReplaySummary
    private var shards = 0

    /// No shards yet, of a replay of `edge` with the counter delay `rateLimitDelay`.
    public init(_ edge: CompiledEdge, rateLimitDelay: EdgeDuration?) {
        summary = ReplaySummary(edge, rateLimitDelay: rateLimitDelay)
    }

    /// Adds the summary of one more shard.
    public mutating func add(_ shard: ReplaySummary) {
        summary.merge(shard)
        summary.malformedRecords += shard.malformedRecords
        summary.repairedRecords += shard.repairedRecords
        summary.unsuppliedFields =
            shards == 0 ? shard.unsuppliedFields : summary.unsuppliedFields.filter(shard.unsuppliedFields.contains)
        shards += 1
    }
}
