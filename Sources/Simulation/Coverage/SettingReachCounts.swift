import EdgeModel
import EdgeWire

/// How many requests each kind of reach covered in a run: the counts behind "not simulated for N requests".
public struct SettingReachCounts: Sendable, Equatable {
    /// Requests that reached the managed rules phase and did not skip it.
    public internal(set) var managedRulesPhase = 0
    /// Requests that reached the cache rules.
    public internal(set) var cacheRules = 0
    /// Requests each rule answered, keyed `phase/rule`.
    public internal(set) var answeredByRule: [String: Int] = [:]

    /// No requests yet.
    public init() {}

    /// The counts of a replay, from its summary.
    public init(_ summary: ReplaySummary) {
        managedRulesPhase = summary.managedRulesNotSimulated
        cacheRules = summary.requests - (summary.byCacheStatus[CacheStatus.unknown.rawValue] ?? 0)
        answeredByRule = summary.byRule
    }

    /// Counts one decision.
    public mutating func add(_ decision: Decision) {
        if decision.managedRules.reachedPhase { managedRulesPhase += 1 }
        if decision.cacheStatus != .unknown { cacheRules += 1 }
        if let rule = decision.ruleID, let phase = decision.phase {
            answeredByRule["\(phase.rawValue)/\(rule)", default: 0] += 1
        }
    }

    /// Adds the counts of `other`.
    mutating func merge(_ other: SettingReachCounts) {
        managedRulesPhase += other.managedRulesPhase
        cacheRules += other.cacheRules
        answeredByRule.merge(other.answeredByRule, uniquingKeysWith: +)
    }

    /// The requests a use with `reach` by `rule` could have touched.
    public func requests(_ reach: SettingReach, rule: String?) -> Int {
        switch reach {
        case .managedRulesPhase: managedRulesPhase
        case .cacheRules: cacheRules
        case .answeredByRule(let phase): answeredByRule["\(phase.rawValue)/\(rule ?? "")"] ?? 0
        }
    }
}
