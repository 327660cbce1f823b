/// What the OWASP Core Ruleset did with one request, for `explain`: every rule that matched, the score at the deployed
/// paranoia level against the threshold, and what followed (`docs/cloudflare-semantics.md`, "Managed rules: the
/// OWASP Core Ruleset").
public struct OWASPTrace: Sendable {
    /// The rules that matched at every paranoia level, with each level's points.
    public var verdict: ManagedRulesVerdict
    /// The deployed paranoia level: rules of this level and lower count.
    public var paranoiaLevel: Int
    /// The anomaly score a request must reach to get the ruleset's action.
    public var scoreThreshold: Int
    /// What followed: `block (terminates)`, `log (continues)`, `managed_challenge solved (continues)`,
    /// `below the threshold (continues)`, …
    public var outcome: String

    /// The trace of `verdict` under `ruleset`; `solvedChallenge` when the client solved the challenge the ruleset
    /// issued.
    public init(ruleset: OWASPRuleset, verdict: ManagedRulesVerdict, solvedChallenge: Bool) {
        self.verdict = verdict
        paranoiaLevel = ruleset.paranoiaLevel
        scoreThreshold = ruleset.scoreThreshold
        if verdict.score(atParanoiaLevel: ruleset.paranoiaLevel) < ruleset.scoreThreshold {
            outcome = "below the threshold (continues)"
        } else if ruleset.action == .log {
            outcome = "log (continues)"
        } else if solvedChallenge {
            outcome = "\(ruleset.action.rawValue) solved (continues)"
        } else {
            outcome = "\(ruleset.action.rawValue) (terminates)"
        }
    }

    /// The anomaly score at the deployed paranoia level.
    public var score: Int { verdict.score(atParanoiaLevel: paranoiaLevel) }

    /// Whether a match counts at the deployed paranoia level (rules of higher levels ran but do not count).
    public func counts(_ match: ManagedRuleMatch) -> Bool { match.paranoiaLevel <= paranoiaLevel }

    /// The lines `explain` prints under the managed rules phase: the score against the threshold, one line per
    /// matched rule, and how many rules were not evaluated.
    var lines: [String] {
        var lines = [
            "  \(OWASPRuleset.ruleID): score \(score) at paranoia level \(paranoiaLevel), threshold "
                + "\(scoreThreshold): \(outcome)"
        ]
        if verdict.matches.isEmpty { lines.append("    (no rules matched)") }
        for match in verdict.matches {
            let points = match.score == 1 ? "1 point" : "\(match.score) points"
            lines.append(
                "    \(match.id) (paranoia level \(match.paranoiaLevel), \(points)"
                    + (counts(match) ? ")" : "; above the deployed level, not counted)"))
        }
        if !verdict.notEvaluated.isEmpty {
            lines.append(
                "  rules not evaluated: \(verdict.notEvaluated.count) (they read only the request body, and this "
                    + "request has none)")
        }
        return lines
    }
}
