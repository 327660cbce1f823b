/// Per-minute series of a replay for charts: requests by action, cache outcomes, origin load and rate-limit
/// triggers. One slot per minute of virtual time from the first record (a week is 10,080 slots).
public struct ReplayTimeline: Sendable {
    /// The first minute, in minutes since the epoch.
    public private(set) var startMinute: Int64?
    /// Requests per minute by final action.
    public private(set) var requestsByAction: [String: [Int]] = [:]
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
    mutating func add(action: String, cacheStatus: String, origin: Bool, originLatencyMilliseconds: Int64, rateLimited: Bool, time: Int64) {
        let minute = time / 60_000
        let start = startMinute ?? minute
        if startMinute == nil { startMinute = minute }
        let slot = Int(max(0, min(Int64(Self.maxMinutes - 1), minute - start)))
        if slot >= originRequests.count { grow(to: slot + 1) }
        requestsByAction[action, default: Array(repeating: 0, count: originRequests.count)][slot] += 1
        switch cacheStatus {
        case "HIT", "STALE", "UPDATING", "REVALIDATED":
            servedFromCache[slot] += 1
            cacheable[slot] += 1
        case "MISS", "EXPIRED":
            cacheable[slot] += 1
        default: break
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
        for key in requestsByAction.keys { requestsByAction[key]! += Array(repeating: 0, count: extra) }
    }

    /// The number of minutes covered.
    public var minutes: Int { originRequests.count }
}
