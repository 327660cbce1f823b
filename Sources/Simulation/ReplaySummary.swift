import EdgeCore
import EdgeModel
import EdgeWire
import Traces

/// The counts a replay accumulates: actions and rules, rate-limit triggers with their top keys, cache statuses and
/// hit ratios, origin load and its peaks, late and malformed records, and agreement with recorded outcomes.
public struct ReplaySummary: Sendable {
    /// Records simulated.
    public internal(set) var requests = 0
    /// Requests by final action.
    public var byAction: [String: Int] { OutcomeIndex.named(actionCounts, OutcomeIndex.actionNames) }
    var actionCounts = [Int](repeating: 0, count: OutcomeIndex.actions.count)
    /// Requests decided by each rule, keyed `phase/rule`.
    public internal(set) var byRule: [String: Int] {
        get {
            Dictionary(uniqueKeysWithValues: ruleCounts.map { ("\($0.key.phase.rawValue)/\($0.key.rule)", $0.value) })
        }
        set {
            ruleCounts = [:]
            for (key, count) in newValue {
                guard let slash = key.firstIndex(of: "/"), let phase = EdgePhase(rawValue: String(key[..<slash])) else {
                    continue
                }
                ruleCounts[DecidingRule(phase: phase, rule: String(key[key.index(after: slash)...])), default: 0] +=
                    count
            }
        }
    }
    var ruleCounts: [DecidingRule: Int] = [:]
    /// A rule in its phase; counting by this key spares building the `phase/rule` text per decision.
    struct DecidingRule: Hashable, Sendable {
        let phase: EdgePhase
        let rule: String
    }
    /// Rate-limit actions by rule.
    public internal(set) var rateLimitTriggers: [String: Int] = [:]
    /// Per rate-limit rule, the keys it acted on and how often (at most `maxKeysPerRule` distinct keys kept: the
    /// smallest, whatever order the colos were replayed in).
    public var rateLimitKeys: [String: [String: Int]] { rateLimitKeyCounts.mapValues(\.counts) }
    var rateLimitKeyCounts: [String: SmallestKeyCounts<String>] = [:]
    /// Requests by cache status.
    public var byCacheStatus: [String: Int] { OutcomeIndex.named(cacheCounts, OutcomeIndex.cacheStatusNames) }
    /// Bytes sent to clients by cache status.
    public var bytesByCacheStatus: [String: Int64] { OutcomeIndex.named(cacheBytes, OutcomeIndex.cacheStatusNames) }
    var cacheCounts = [Int](repeating: 0, count: OutcomeIndex.cacheStatuses.count)
    var cacheBytes = [Int64](repeating: 0, count: OutcomeIndex.cacheStatuses.count)
    /// Requests that reached the origin.
    public internal(set) var originRequests = 0
    /// The most origin requests in one second (over the first 31 days).
    public var peakOriginPerSecond: Int { originSeconds.peakPerSecond }
    /// The most origin requests in one minute (over the first 31 days).
    public var peakOriginPerMinute: Int { originSeconds.peakPerMinute }
    var originSeconds = OriginSeconds()
    /// Records processed at the current virtual time because they came too late.
    public internal(set) var lateRecords = 0
    /// Lines that could not be read.
    public internal(set) var malformedRecords = 0
    /// Lines kept after an unambiguous repair.
    public internal(set) var repairedRecords = 0
    /// Fields the spec reads that no record supplied, each with the value every request read instead.
    public internal(set) var unsuppliedFields: [UnsuppliedField] = []
    /// What the OWASP Core Ruleset did, when the spec deploys it.
    public internal(set) var owasp: OWASPSummary?
    /// Requests that reached the managed rules phase (what an unsimulated managed ruleset could have touched).
    public internal(set) var managedRulesNotSimulated = 0
    /// The rate-limit counter delay the replay ran with (`--rate-limit-delay`, `replay.rate_limit_delay`).
    public internal(set) var rateLimitDelay = EdgeDuration(milliseconds: 0)
    /// Requests that passed because of the counter delay: counters without delay would have stopped them.
    public internal(set) var passedThroughCounterDelay = 0
    /// The spec's uses of settings the model does not simulate, reported with the requests each could have touched.
    public internal(set) var notSimulated: [NotSimulatedUse] = []
    /// Recorded action → model action → count, for records with a recorded outcome.
    public internal(set) var actionAgreement: [String: [String: Int]] = [:]
    /// Recorded cache status → model cache status → count.
    public internal(set) var cacheAgreement: [String: [String: Int]] = [:]
    /// A few disagreeing requests (redacted), with what was recorded and what the model decided: the earliest in
    /// input order.
    public var disagreements: [String] { disagreementExamples.texts }
    var disagreementExamples = EarliestExamples(limit: 10)
    /// The earliest virtual time, epoch ms.
    public internal(set) var firstTimestamp: Int64?
    /// The latest virtual time, epoch ms.
    public internal(set) var lastTimestamp: Int64?
    /// The shard of a partition the replay read (`TraceShard`), if it read one.
    public internal(set) var shard: TraceShard?
    /// Per-minute series for charts.
    public internal(set) var timeline = ReplayTimeline()
    /// What the app did for requests that reached it (cost model).
    public internal(set) var appUsage = AppUsageMeter(app: nil)

    static let maxKeysPerRule = 10_000

    /// Adds one decision taken at virtual time `time` on `record`, input record `index`; `redactor` hides secrets of
    /// the requests kept as examples. Every count is a sum and every example the earliest in input order, so the
    /// order of adding does not matter and summaries of parts merge into the summary of the whole (`merge`).
    mutating func add(_ decision: Decision, time: Int64, record: TraceRecord, index: Int, redactor: Redactor) {
        requests += 1
        owasp?.add(decision, record: record, index: index, redactor: redactor)
        firstTimestamp = min(firstTimestamp ?? time, time)
        lastTimestamp = max(lastTimestamp ?? time, time)
        actionCounts[OutcomeIndex.of(decision.action)] += 1
        if let rule = decision.ruleID, let phase = decision.phase {
            ruleCounts[DecidingRule(phase: phase, rule: rule), default: 0] += 1
        }
        if decision.phase == .rateLimit, let rule = decision.ruleID {
            rateLimitTriggers[rule, default: 0] += 1
            if let key = decision.rateLimit?.key {
                rateLimitKeyCounts[rule, default: SmallestKeyCounts(limit: Self.maxKeysPerRule)].add(key)
            }
        }
        let status = OutcomeIndex.of(decision.cacheStatus)
        timeline.add(
            action: decision.action, cacheStatus: decision.cacheStatus, origin: decision.originContacted,
            originLatencyMilliseconds: decision.originLatencyMilliseconds, rateLimited: decision.phase == .rateLimit,
            time: time)
        cacheCounts[status] += 1
        cacheBytes[status] += decision.bytes
        if decision.managedRules.reachedPhase { managedRulesNotSimulated += 1 }
        if decision.passedThroughCounterDelay { passedThroughCounterDelay += 1 }
        guard decision.originContacted else { return }
        originRequests += 1
        originSeconds.add(time: time)
    }

    /// Compares the decision with the record's recorded outcome, when it has one; `index` is the record's place in
    /// the input.
    mutating func compare(
        _ decision: Decision, with outcome: RecordedOutcome?, record: TraceRecord, index: Int, redactor: Redactor
    ) {
        guard let outcome else { return }
        var disagrees = false
        if let recorded = outcome.action {
            actionAgreement[recorded.rawValue, default: [:]][decision.action.rawValue, default: 0] += 1
            disagrees = disagrees || recorded != decision.action
        }
        if let recorded = record.string(outcome.cache), !recorded.isEmpty {
            cacheAgreement[recorded, default: [:]][decision.cacheStatus.rawValue, default: 0] += 1
            // A recorded status the model never produces (`NONE`, `IGNORED`, …) disagrees with every decision.
            disagrees = disagrees || CacheStatus(rawValue: recorded) != decision.cacheStatus
        }
        guard disagrees, disagreementExamples.wants(index) else { return }
        let recordedRule = record.string(outcome.rule).flatMap { $0.isEmpty ? nil : $0 }
        disagreementExamples.add(
            index: index,
            text: "line \(record.line): \(ExampleRequest.describe(record, redactor: redactor)) — recorded "
                + "\(outcome.action?.rawValue ?? "?")\(recordedRule.map { " (\($0))" } ?? "")/"
                + "\(record.string(outcome.cache) ?? "?"), model "
                + "\(decision.action.rawValue)\(decision.ruleID.map { " (\($0))" } ?? "")/"
                + "\(decision.cacheStatus.rawValue)")
    }

    /// Takes the reading statistics: malformed and repaired lines, the fields no record supplied, and the shard when
    /// the trace was one.
    mutating func noteReading(
        _ statistics: (lines: Int, records: Int, malformed: Int, repaired: Int), coverage: TraceFieldCoverage,
        shard: TraceShard?
    ) {
        self.shard = shard
        malformedRecords = statistics.malformed
        repairedRecords = statistics.repaired
        unsuppliedFields = coverage.unsupplied
    }

    /// Adds the counts of `other`, a summary of other records of the same replay (other colos). Reading statistics
    /// (malformed and repaired lines, unsupplied fields) belong to the reader and are not merged.
    mutating func merge(_ other: ReplaySummary) {
        requests += other.requests
        for index in actionCounts.indices { actionCounts[index] += other.actionCounts[index] }
        ruleCounts.merge(other.ruleCounts, uniquingKeysWith: +)
        rateLimitTriggers.merge(other.rateLimitTriggers, uniquingKeysWith: +)
        for (rule, keys) in other.rateLimitKeyCounts {
            rateLimitKeyCounts[rule, default: SmallestKeyCounts(limit: Self.maxKeysPerRule)].merge(keys)
        }
        for index in cacheCounts.indices {
            cacheCounts[index] += other.cacheCounts[index]
            cacheBytes[index] += other.cacheBytes[index]
        }
        originRequests += other.originRequests
        originSeconds.merge(other.originSeconds)
        lateRecords += other.lateRecords
        if let theirs = other.owasp { owasp?.merge(theirs) }
        managedRulesNotSimulated += other.managedRulesNotSimulated
        passedThroughCounterDelay += other.passedThroughCounterDelay
        for (recorded, counts) in other.actionAgreement {
            actionAgreement[recorded, default: [:]].merge(counts, uniquingKeysWith: +)
        }
        for (recorded, counts) in other.cacheAgreement {
            cacheAgreement[recorded, default: [:]].merge(counts, uniquingKeysWith: +)
        }
        disagreementExamples.merge(other.disagreementExamples)
        firstTimestamp = [firstTimestamp, other.firstTimestamp].compactMap { $0 }.min()
        lastTimestamp = [lastTimestamp, other.lastTimestamp].compactMap { $0 }.max()
        timeline.merge(other.timeline)
        appUsage.merge(other.appUsage)
    }

    /// What the counter delay let through, e.g. `With a rate-limit counter delay of 2s, 41 requests (0.4%) passed
    /// that counters without delay would have stopped.`; nil when the replay ran without a delay.
    public var counterDelayNote: String? {
        guard rateLimitDelay.milliseconds > 0 else { return nil }
        let share = TextFormatting.percent(Double(passedThroughCounterDelay), of: Double(requests))
        return "With a rate-limit counter delay of \(rateLimitDelay), \(passedThroughCounterDelay) requests (\(share)) "
            + "passed that counters without delay would have stopped."
    }

    /// The virtual time the replay covered, in days (at least an hour, so rates of tiny traces stay finite).
    public var days: Double { max(1.0 / 24, Double((lastTimestamp ?? 0) - (firstTimestamp ?? 0)) / 86_400_000) }

    /// Share of requests with `action`.
    public func rate(of action: String) -> Double {
        guard requests > 0, let index = OutcomeIndex.actionNames.firstIndex(of: action) else { return 0 }
        return Double(actionCounts[index]) / Double(requests)
    }

    /// Requests served from cache (HIT, STALE, UPDATING, REVALIDATED).
    public var servedFromCache: Int {
        OutcomeIndex.cacheStatuses.filter(OutcomeIndex.servedFromCache).reduce(0) {
            $0 + cacheCounts[OutcomeIndex.of($1)]
        }
    }

    /// Cache hit ratio over requests that could be cached (served from cache, MISS, EXPIRED).
    public var cacheHitRatio: Double {
        let cacheable = servedFromCache + cacheCounts[OutcomeIndex.of(.miss)] + cacheCounts[OutcomeIndex.of(.expired)]
        return cacheable == 0 ? 0 : Double(servedFromCache) / Double(cacheable)
    }

    /// Share of all bytes sent that came from cache.
    public var cacheHitRatioByBytes: Double {
        let total = cacheBytes.reduce(0, +)
        let cached = OutcomeIndex.cacheStatuses.filter(OutcomeIndex.servedFromCache).reduce(Int64(0)) {
            $0 + cacheBytes[OutcomeIndex.of($1)]
        }
        return total == 0 ? 0 : Double(cached) / Double(total)
    }

    /// Fraction of records with a recorded action whose action the model reproduced.
    public var actionAgreementRatio: Double? { Self.agreement(actionAgreement) }

    /// Fraction of records with a recorded cache status that the model reproduced.
    public var cacheAgreementRatio: Double? { Self.agreement(cacheAgreement) }

    private static func agreement(_ matrix: [String: [String: Int]]) -> Double? {
        let total = matrix.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        guard total > 0 else { return nil }
        return Double(matrix.reduce(0) { $0 + ($1.value[$1.key] ?? 0) }) / Double(total)
    }

    /// The value of a threshold metric (see `ThresholdSpec.metrics`).
    public func metric(_ name: String) -> Double? {
        switch name {
        case "block_rate": rate(of: "block")
        case "challenge_rate": rate(of: "challenge") + rate(of: "managed_challenge") + rate(of: "js_challenge")
        case "rate_limited_rate": requests == 0 ? 0 : Double(rateLimitTriggers.values.reduce(0, +)) / Double(requests)
        case "allow_rate": rate(of: "allow")
        case "cache_hit_ratio": cacheHitRatio
        case "origin_requests": Double(originRequests)
        case "peak_origin_rps": Double(peakOriginPerSecond)
        case "peak_origin_rpm": Double(peakOriginPerMinute)
        case "late_records": Double(lateRecords)
        case "malformed_records": Double(malformedRecords)
        case "action_agreement": actionAgreementRatio
        case "cache_agreement": cacheAgreementRatio
        default: nil
        }
    }
}

/// A one-line description of a request for reports, with secrets redacted.
enum ExampleRequest {
    static func describe(_ record: TraceRecord, redactor: Redactor) -> String {
        let method = record.string(record.method) ?? "GET"
        let host = record.string(record.host) ?? ""
        let path = record.string(record.path) ?? "/"
        let query = redactor.query(record.string(record.query) ?? "")
        let ip = record.ip?.description ?? "-"
        let userAgent = record.headerValues(named: "user-agent").first ?? ""
        var text = "\(method) \(host)\(path)\(query.isEmpty ? "" : "?" + query) from \(ip)"
        if !userAgent.isEmpty { text += " ua=\"\(userAgent.prefix(60))\"" }
        for (name, value) in record.requestHeaders where ["authorization", "cookie"].contains(name.lowercased()) {
            text += " \(name)=\(redactor.header(name, value))"
        }
        return text
    }
}
