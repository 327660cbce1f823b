import EdgeCompiler
import EdgeModel

/// The OWASP Core Ruleset as a spec deploys it, for reports: the paranoia level, the anomaly score threshold and the
/// action, and which evaluated requests reach the threshold.
public struct OWASPDeployment: Sendable, Equatable {
    /// Rules of this level and lower count, 1–4.
    public let paranoiaLevel: Int
    /// A request whose score at `paranoiaLevel` reaches this value gets `action`.
    public let scoreThreshold: Int
    /// The action at the threshold, as the spec names it (`block`, `managed_challenge`, `log`, …).
    public let action: String

    /// A deployment from its parts.
    public init(paranoiaLevel: Int, scoreThreshold: Int, action: String) {
        self.paranoiaLevel = paranoiaLevel
        self.scoreThreshold = scoreThreshold
        self.action = action
    }

    /// The ruleset `edge` deploys; nil when it does not deploy the OWASP Core Ruleset.
    public init?(_ edge: CompiledEdge) {
        guard let owasp = edge.managedRules?.owasp, owasp.enabled else { return nil }
        self.init(
            paranoiaLevel: owasp.paranoiaLevel, scoreThreshold: owasp.scoreThreshold.score,
            action: owasp.action.rawValue)
    }

    /// The verdict of `decision` when the ruleset evaluated the request; nil when it did not.
    public static func verdict(of decision: Decision) -> ManagedRulesVerdict? {
        decision.managedRules == .evaluated ? decision.managedRulesVerdict : nil
    }

    /// The anomaly score of `verdict` at the deployed paranoia level.
    public func score(_ verdict: ManagedRulesVerdict) -> Int { verdict.score(atParanoiaLevel: paranoiaLevel) }

    /// Whether `verdict`'s score at the deployed level reaches the threshold, so the request gets the action.
    public func reachesThreshold(_ verdict: ManagedRulesVerdict) -> Bool { score(verdict) >= scoreThreshold }

    /// The ids of the rules of `verdict` enabled at the deployed level that added points, in evaluation order.
    public func scoringRuleIDs(_ verdict: ManagedRulesVerdict) -> [Int] {
        verdict.matches(atParanoiaLevel: paranoiaLevel).filter { $0.score > 0 }.map(\.id)
    }

    /// `paranoia level 1, threshold 40, action block`.
    public var description: String {
        "paranoia level \(paranoiaLevel), threshold \(scoreThreshold), action \(action)"
    }
}
