import RulesLanguage

/// One OWASP Core Rule Set rule that matched a request.
public struct ManagedRuleMatch: Sendable, Hashable {
    /// The CRS rule id, e.g. 942100.
    public var id: Int
    /// The paranoia level the rule belongs to, 1–4.
    public var paranoiaLevel: Int
    /// The anomaly points the rule adds (critical 5, error 4, warning 3, notice 2; 0 for rules that only record).
    public var score: Int

    /// A match from its parts.
    public init(id: Int, paranoiaLevel: Int, score: Int) {
        self.id = id
        self.paranoiaLevel = paranoiaLevel
        self.score = score
    }
}

/// What the OWASP Core Rule Set found in one request, at every paranoia level at once: the rules that matched and
/// the anomaly points each level's rules added. Immutable and shared, so a decision carries it as one reference
/// and a memo can hand the same verdict to every identical request.
public final class ManagedRulesVerdict: Sendable, Hashable {
    /// The rules that matched, in evaluation order.
    public let matches: [ManagedRuleMatch]
    /// The anomaly points added by the rules of paranoia level 1, 2, 3 and 4 (index 0 is level 1).
    public let levelScores: [Int]
    /// Ids of enabled rules that read what the request does not carry (a body, a content length), so they were
    /// not evaluated rather than guessed.
    public let notEvaluated: [Int]

    /// A verdict from its parts; `levelScores` has one entry per paranoia level, missing levels count 0.
    public init(matches: [ManagedRuleMatch], levelScores: [Int], notEvaluated: [Int] = []) {
        self.matches = matches
        self.levelScores = (0..<4).map { $0 < levelScores.count ? levelScores[$0] : 0 }
        self.notEvaluated = notEvaluated
    }

    /// The verdict of a request no rule matched.
    public static let clean = ManagedRulesVerdict(matches: [], levelScores: [])

    /// The inbound anomaly score at `paranoiaLevel`: the points of the rules of that level and every lower one,
    /// as CRS sums `tx.anomaly_score_pl1` … `tx.anomaly_score_plN`.
    public func score(atParanoiaLevel paranoiaLevel: Int) -> Int {
        levelScores.prefix(max(0, min(4, paranoiaLevel))).reduce(0, +)
    }

    /// The matches of rules enabled at `paranoiaLevel`.
    public func matches(atParanoiaLevel paranoiaLevel: Int) -> [ManagedRuleMatch] {
        matches.filter { $0.paranoiaLevel <= paranoiaLevel }
    }

    /// Whether two verdicts found the same.
    public static func == (lhs: ManagedRulesVerdict, rhs: ManagedRulesVerdict) -> Bool {
        lhs.matches == rhs.matches && lhs.levelScores == rhs.levelScores && lhs.notEvaluated == rhs.notEvaluated
    }

    /// Hashes what the verdict found.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(matches)
        hasher.combine(levelScores)
        hasher.combine(notEvaluated)
    }
}

/// Evaluates the OWASP Core Rule Set on a request. A pure function of the request: the same request always gets
/// the same verdict, whatever was evaluated before, so verdicts can be memoised and computed on other threads.
public protocol ManagedRulesEvaluator: Sendable {
    /// The verdict for `request`, as it arrived at the edge (before URL normalisation).
    func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict

    /// This evaluator without the rules `ruleIDs`, as if they were not deployed: what an exception that skips them
    /// leaves (`docs/decisions/0021-managed-rules-exceptions-and-overrides.md`).
    func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator
}

extension ManagedRulesEvaluator {
    /// By default, the removed rules' matches are dropped and one score's worth of points each taken off; an
    /// evaluator that can run without the rules does so instead (`ModSecurityEngine`), which is exact when a rule
    /// scores several variables of one request.
    public func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        withoutMatches(of: ruleIDs)
    }

    /// This evaluator with the matches of `ruleIDs` dropped and their points taken off each verdict.
    public func withoutMatches(of ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        MatchDroppingEvaluator(base: self, removed: ruleIDs)
    }
}

/// An evaluator whose verdicts leave out some rules' matches and the points they carry.
private struct MatchDroppingEvaluator: ManagedRulesEvaluator {
    let base: any ManagedRulesEvaluator
    let removed: Set<Int>

    func evaluate(_ request: HTTPRequest) -> ManagedRulesVerdict {
        let verdict = base.evaluate(request)
        guard verdict.matches.contains(where: { removed.contains($0.id) }) else { return verdict }
        var levelScores = verdict.levelScores
        for match in verdict.matches where removed.contains(match.id) {
            let level = min(max(match.paranoiaLevel, 1), 4) - 1
            levelScores[level] = max(0, levelScores[level] - match.score)
        }
        return ManagedRulesVerdict(
            matches: verdict.matches.filter { !removed.contains($0.id) }, levelScores: levelScores,
            notEvaluated: verdict.notEvaluated)
    }

    func removing(_ ruleIDs: Set<Int>) -> any ManagedRulesEvaluator {
        base.removing(removed.union(ruleIDs))
    }
}

/// What a request whose anomaly score reaches the threshold gets.
public enum ManagedRulesAction: String, Sendable, CaseIterable {
    /// Block with the block status.
    case block
    /// A managed challenge.
    case managedChallenge = "managed_challenge"
    /// An interactive challenge.
    case challenge
    /// A JavaScript challenge.
    case jsChallenge = "js_challenge"
    /// Record the match and let the request go on.
    case log
}

/// Cloudflare's OWASP Core Ruleset as deployed: the rules' evaluator, the paranoia level, the anomaly score
/// threshold and the action (`docs/cloudflare-semantics.md`, "Managed rules: the OWASP Core Ruleset").
public struct OWASPRuleset: Sendable {
    /// The rule id decisions name when the ruleset's score decides.
    public static let ruleID = "owasp"

    /// Evaluates the rules.
    public var evaluator: any ManagedRulesEvaluator
    /// Rules of this level and lower count, 1–4.
    public var paranoiaLevel: Int
    /// A request whose score reaches this value gets `action`.
    public var scoreThreshold: Int
    /// The action at the threshold.
    public var action: ManagedRulesAction
    /// The status of a block.
    public var blockStatus: Int
    /// Rules given their own action by an override: when such a rule matches, it takes the action itself and adds
    /// no points: the score is then the evaluator's without them
    /// (`docs/decisions/0021-managed-rules-exceptions-and-overrides.md`). Disabled rules are not here: the evaluator
    /// is built without them.
    public var ruleActions: [Int: ManagedRulesAction]

    /// A ruleset from its parts.
    public init(
        evaluator: any ManagedRulesEvaluator, paranoiaLevel: Int = 1, scoreThreshold: Int = 40,
        action: ManagedRulesAction = .block, blockStatus: Int = 403, ruleActions: [Int: ManagedRulesAction] = [:]
    ) {
        self.evaluator = evaluator
        self.paranoiaLevel = paranoiaLevel
        self.scoreThreshold = scoreThreshold
        self.action = action
        self.blockStatus = blockStatus
        self.ruleActions = ruleActions
    }
}

/// What a managed rules exception skips.
public enum ManagedRulesSkipTarget: Sendable, Equatable {
    /// Every managed ruleset.
    case all
    /// The whole OWASP Core Ruleset.
    case owasp
    /// The whole Cloudflare Managed Ruleset.
    case cloudflareManaged
    /// These OWASP rules (CRS ids): the request is evaluated without them.
    case owaspRules(Set<Int>)
}

/// An exception of the managed rules phase (a Cloudflare WAF exception): a `skip` rule before the rulesets.
/// Exceptions run in order; every one whose condition holds applies, and one that skips every ruleset
/// (`ruleset: current`) also skips the exceptions after it.
public struct ManagedRulesSkip: Sendable {
    /// The exception's stable id, reported in decisions.
    public var id: String
    /// When it applies.
    public var condition: CompiledExpression
    /// What it skips.
    public var target: ManagedRulesSkipTarget

    /// An exception from its parts.
    public init(id: String, condition: CompiledExpression, target: ManagedRulesSkipTarget) {
        self.id = id
        self.condition = condition
        self.target = target
    }
}

/// The managed rules phase (`http_request_firewall_managed`) as deployed.
public struct ManagedRulesConfiguration: Sendable {
    /// The OWASP Core Ruleset, simulated, when deployed.
    public var owasp: OWASPRuleset?
    /// Whether the Cloudflare Managed Ruleset is deployed; its rules are proprietary and not simulated.
    public var cloudflareManaged: Bool
    /// The scope of the rulesets' `execute` rules: a request it does not match is not evaluated (nil = every
    /// request).
    public var scope: CompiledExpression?
    /// Exceptions, in order, before the rulesets.
    public var skips: [ManagedRulesSkip]

    /// A phase from its parts.
    public init(
        owasp: OWASPRuleset? = nil, cloudflareManaged: Bool = false, scope: CompiledExpression? = nil,
        skips: [ManagedRulesSkip] = []
    ) {
        self.owasp = owasp
        self.cloudflareManaged = cloudflareManaged
        self.scope = scope
        self.skips = skips
    }
}
