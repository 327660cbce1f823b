import EdgeModel
import EdgeWire

/// Dense indexes of actions and cache statuses, so per-record counters are array slots rather than string-keyed
/// dictionary entries (a replay counts millions of records).
enum OutcomeIndex {
    /// Every action, in index order.
    static let actions: [EdgeAction] = [.allow, .block, .challenge, .managedChallenge, .jsChallenge, .log]
    /// Every cache status, in index order.
    static let cacheStatuses: [CacheStatus] = [
        .hit, .miss, .expired, .stale, .revalidated, .updating, .bypass, .dynamic, .unknown,
    ]

    /// The slot of an action.
    @inline(__always) static func of(_ action: EdgeAction) -> Int {
        switch action {
        case .allow: 0
        case .block: 1
        case .challenge: 2
        case .managedChallenge: 3
        case .jsChallenge: 4
        case .log: 5
        }
    }

    /// The slot of a cache status.
    @inline(__always) static func of(_ status: CacheStatus) -> Int {
        switch status {
        case .hit: 0
        case .miss: 1
        case .expired: 2
        case .stale: 3
        case .revalidated: 4
        case .updating: 5
        case .bypass: 6
        case .dynamic: 7
        case .unknown: 8
        }
    }

    /// Whether a status means the response came from cache.
    @inline(__always) static func servedFromCache(_ status: CacheStatus) -> Bool {
        status == .hit || status == .stale || status == .updating || status == .revalidated
    }

    /// Counts by name, leaving out names never counted.
    static func named<Value: BinaryInteger>(_ counts: [Value], _ names: [String]) -> [String: Value] {
        var out: [String: Value] = [:]
        for (index, count) in counts.enumerated() where count != 0 { out[names[index]] = count }
        return out
    }

    /// Action names in index order.
    static let actionNames = actions.map(\.rawValue)
    /// Cache status names in index order.
    static let cacheStatusNames = cacheStatuses.map(\.rawValue)
}
