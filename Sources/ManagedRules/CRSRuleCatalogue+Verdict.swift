import EdgeModel

extension CRSRuleCatalogue {
    /// The verdict of a CRS transaction, the same for libmodsecurity and the compiled rules: each rule id it logged
    /// once, in log order, with the rule's paranoia level and score, and the points it added at each level
    /// (`TX:anomaly_score_pl1` … `pl4`). A transaction that matched and scored nothing is `.clean`, unless the
    /// request had no body and rules that read only the body (`bodyOnlyRules`) went unevaluated.
    func verdict(loggedRuleIDs: [Int], levelScores: [Int], bodyOnlyRules: [Int], bodyAbsent: Bool)
        -> ManagedRulesVerdict
    {
        var seen = Set<Int>()
        var matches: [ManagedRuleMatch] = []
        for id in loggedRuleIDs where seen.insert(id).inserted {
            guard let rule = rule(id: id) else { continue }
            matches.append(ManagedRuleMatch(id: id, paranoiaLevel: rule.paranoiaLevel, score: rule.score))
        }
        if matches.isEmpty, levelScores.allSatisfy({ $0 == 0 }) {
            return bodyAbsent && !bodyOnlyRules.isEmpty
                ? ManagedRulesVerdict(matches: [], levelScores: [], notEvaluated: bodyOnlyRules) : .clean
        }
        return ManagedRulesVerdict(
            matches: matches, levelScores: levelScores, notEvaluated: bodyAbsent ? bodyOnlyRules : [])
    }
}
