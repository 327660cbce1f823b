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
    public private(set) var originConcurrency: [Double] = []
    /// Requests acted on by rate limiting rules per minute.
    public private(set) var rateLimitTriggers: [Int] = []

    /// The most minutes a timeline keeps (31 days); later minutes fold into the last slot.
    public static let maxMinutes = 31 * 24 * 60

    /// Records one decision at virtual time `time` (ms).
    mutating func add(
        action: EdgeAction, cacheStatus: CacheStatus, origin: Bool, originLatencyMilliseconds: Int64, rateLimited: Bool,
        time: Int64
    ) {
        let minute = time / 60_000
        let start = startMinute ?? minute
        if startMinute == nil { startMinute = minute }
        let slot = Int(max(0, min(Int64(Self.maxMinutes - 1), minute - start)))
        if slot >= originRequests.count { grow(to: slot + 1) }
        perAction[OutcomeIndex.of(action)][slot] += 1
        if OutcomeIndex.servedFromCache(cacheStatus) {
            servedFromCache[slot] += 1
            cacheable[slot] += 1
        } else if cacheStatus == .miss || cacheStatus == .expired {
            cacheable[slot] += 1
        }
        if origin {
            originRequests[slot] += 1
            originConcurrency[slot] += Double(originLatencyMilliseconds) / 60_000
        }
        if rateLimited { rateLimitTriggers[slot] += 1 }
    }

    private mutating func grow(to count: Int) {
        let extra = count - originRequests.count
        servedFromCache += Array(repeating: 0, count: extra)
        cacheable += Array(repeating: 0, count: extra)
        originRequests += Array(repeating: 0, count: extra)
        originConcurrency += Array(repeating: 0, count: extra)
        rateLimitTriggers += Array(repeating: 0, count: extra)
        for index in perAction.indices { perAction[index] += Array(repeating: 0, count: extra) }
    }

    /// The number of minutes covered.
    public var minutes: Int { originRequests.count }
}
