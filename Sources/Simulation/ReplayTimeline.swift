import EdgeCore
import EdgeModel
import EdgeWire

/// Per-minute series of a replay for charts: requests by action, cache outcomes, origin load and rate-limit
/// triggers. One slot per minute of virtual time from the first record (a week is 10,080 slots).
public struct ReplayTimeline: Sendable {
    /// The first minute, in minutes since the epoch.
    public private(set) var startMinute: Int64?
    /// Requests per minute by final action (actions that occurred).
    public var requestsByAction: [String: [Int]] {
        var out: [String: [Int]] = [:]
        for (index, series) in perAction.enumerated() where series.contains(where: { $0 != 0 }) {
            out[OutcomeIndex.actionNames[index]] = series
        }
        return out
    }
    private var perAction = [[Int]](repeating: [], count: OutcomeIndex.actions.count)
    /// Requests served from cache per minute.
    public private(set) var servedFromCache: [Int] = []
    /// Cacheable requests (served from cache, MISS, EXPIRED) per minute.
    public private(set) var cacheable: [Int] = []
    /// Origin requests per minute.
    public private(set) var originRequests: [Int] = []
    /// Origin concurrency per minute by Little's law: Σ origin latency / 60 s (requests in flight on average).
    public var originConcurrency: [Double] { originLatency.map { Double($0) / 60_000 } }
    /// Σ origin latency per minute, in milliseconds (summed as integers, so any order of adding gives the same).
    private var originLatency: [Int64] = []
    /// Requests acted on by rate limiting rules per minute.
    public private(set) var rateLimitTriggers: [Int] = []

    /// The most minutes a timeline keeps (31 days); later minutes fold into the last slot.
    public static let maxMinutes = 31 * 24 * 60

    /// Records one decision at virtual time `time` (ms).
    mutating func add(
        action: EdgeAction, cacheStatus: CacheStatus, origin: Bool, originLatencyMilliseconds: Int64, rateLimited: Bool,
        time: Int64
    ) {
        let slot = self.slot(forMinute: time / 60_000)
        perAction[OutcomeIndex.of(action)][slot] += 1
        if OutcomeIndex.servedFromCache(cacheStatus) {
            servedFromCache[slot] += 1
            cacheable[slot] += 1
        } else if cacheStatus == .miss || cacheStatus == .expired {
            cacheable[slot] += 1
        }
        if origin {
            originRequests[slot] += 1
            originLatency[slot] += originLatencyMilliseconds
        }
        if rateLimited { rateLimitTriggers[slot] += 1 }
    }

    /// The slot of `minute`, grown to and rebased as needed: minutes before the start move it back (later minutes
    /// shift along, those past the last slot folding into it), minutes past the last slot fold into it.
    private mutating func slot(forMinute minute: Int64) -> Int {
        if let start = startMinute, minute < start { rebase(to: minute) }
        let start = startMinute ?? minute
        startMinute = start
        let slot = Int(min(Int64(Self.maxMinutes - 1), minute - start))
        if slot >= originRequests.count { grow(to: slot + 1) }
        return slot
    }

    /// Moves the start back to `minute`. A minute at slot `i` goes to `min(i + shift, last)`, where it would have
    /// gone had the start been `minute` all along, so the order colos are replayed in does not matter.
    private mutating func rebase(to minute: Int64) {
        guard let start = startMinute else { return }
        let shift = Int(min(start - minute, Int64(Self.maxMinutes)))
        func shifted<Value: AdditiveArithmetic>(_ series: [Value]) -> [Value] {
            var out = Array(repeating: Value.zero, count: min(Self.maxMinutes, series.count + shift))
            for (slot, value) in series.enumerated() { out[min(slot + shift, Self.maxMinutes - 1)] += value }
            return out
        }
        perAction = perAction.map(shifted)
        servedFromCache = shifted(servedFromCache)
        cacheable = shifted(cacheable)
        originRequests = shifted(originRequests)
        originLatency = shifted(originLatency)
        rateLimitTriggers = shifted(rateLimitTriggers)
        startMinute = minute
    }

    /// Adds every series of `other`, minute by minute.
    mutating func merge(_ other: ReplayTimeline) {
        guard let otherStart = other.startMinute else { return }
        for slot in 0..<other.minutes {
            let target = self.slot(forMinute: otherStart + Int64(slot))
            for action in perAction.indices { perAction[action][target] += other.perAction[action][slot] }
            servedFromCache[target] += other.servedFromCache[slot]
            cacheable[target] += other.cacheable[slot]
            originRequests[target] += other.originRequests[slot]
            originLatency[target] += other.originLatency[slot]
            rateLimitTriggers[target] += other.rateLimitTriggers[slot]
        }
    }

    private mutating func grow(to count: Int) {
        let extra = count - originRequests.count
        servedFromCache += Array(repeating: 0, count: extra)
        cacheable += Array(repeating: 0, count: extra)
        originRequests += Array(repeating: 0, count: extra)
        originLatency += Array(repeating: 0, count: extra)
        rateLimitTriggers += Array(repeating: 0, count: extra)
        for index in perAction.indices { perAction[index] += Array(repeating: 0, count: extra) }
    }

    /// The number of minutes covered.
    public var minutes: Int { originRequests.count }
}

extension ReplayTimeline {
    /// The series exactly, for a mergeable summary (`SummaryState.swift`).
    var state: JSONValue {
        .object([
            ("start_minute", StateWriter.optional(startMinute)),
            ("by_action", .object(perAction.enumerated().map { (OutcomeIndex.actionNames[$0], StateWriter.ints($1)) })),
            ("served_from_cache", StateWriter.ints(servedFromCache)),
            ("cacheable", StateWriter.ints(cacheable)),
            ("origin_requests", StateWriter.ints(originRequests)),
            ("origin_latency_ms", StateWriter.ints(originLatency)),
            ("rate_limit_triggers", StateWriter.ints(rateLimitTriggers)),
        ])
    }

    /// The timeline `state` describes.
    init(state: StateReader) throws(SummaryStateError) {
        self.init()
        startMinute = try state.optionalMember("start_minute")?.int64()
        let actions = try state.member("by_action")
        for (index, name) in OutcomeIndex.actionNames.enumerated() {
            perAction[index] = try actions.member(name).ints()
        }
        servedFromCache = try state.member("served_from_cache").ints()
        cacheable = try state.member("cacheable").ints()
        originRequests = try state.member("origin_requests").ints()
        originLatency = try state.member("origin_latency_ms").int64s()
        rateLimitTriggers = try state.member("rate_limit_triggers").ints()
        let minutes = originRequests.count
        guard
            (perAction.map(\.count) + [
                servedFromCache.count, cacheable.count, originLatency.count,
                rateLimitTriggers.count,
            ]).allSatisfy({ $0 == minutes }), minutes <= Self.maxMinutes,
            (startMinute == nil) == (minutes == 0)
        else {
            throw SummaryStateError(path: state.path, expected: "series of one length, with a start minute")
        }
    }
}
