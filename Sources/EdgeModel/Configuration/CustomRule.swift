import RulesLanguage

/// One WAF custom rule (phase `http_request_firewall_custom`): rules run in list order and the first terminating
/// action wins.
public struct CustomRule: Sendable {
    /// The rule's stable id, reported in decisions.
    public var id: String
    /// When the rule applies.
    public var condition: CompiledExpression
    /// The parsed expression, kept so traces can explain a match; optional.
    public var expression: Expression?
    /// What happens when the rule matches.
    public var action: CustomRuleAction
    /// Disabled rules are ignored.
    public var enabled: Bool
    /// The status sent when the rule blocks (Cloudflare's default is 403).
    public var blockStatus: Int

    /// A rule from its parts.
    public init(
        id: String, condition: CompiledExpression, expression: Expression? = nil, action: CustomRuleAction,
        enabled: Bool = true, blockStatus: Int = 403
    ) {
        self.id = id
        self.condition = condition
        self.expression = expression
        self.action = action
        self.enabled = enabled
        self.blockStatus = blockStatus
    }

    /// A rule compiled from a parsed expression, which is kept for explanations.
    public init(
        id: String, expression: Expression, action: CustomRuleAction, enabled: Bool = true, blockStatus: Int = 403
    ) {
        self.init(
            id: id, condition: CompiledExpression(expression), expression: expression, action: action,
            enabled: enabled, blockStatus: blockStatus)
    }
}

/// The actions a custom rule can take.
public enum CustomRuleAction: Sendable, Equatable {
    /// Stop the request with the rule's block status.
    case block
    /// Interactive challenge; terminating unless the client solved it.
    case challenge
    /// Managed challenge; terminating unless the client solved it.
    case managedChallenge
    /// JavaScript challenge; terminating unless the client solved it.
    case jsChallenge
    /// Record the match and continue.
    case log
    /// Skip the remaining custom rules and/or later phases, then continue.
    case skip(SkipOptions)

    /// The action's name in the Rulesets API.
    public var name: String {
        switch self {
        case .block: "block"
        case .challenge: "challenge"
        case .managedChallenge: "managed_challenge"
        case .jsChallenge: "js_challenge"
        case .log: "log"
        case .skip: "skip"
        }
    }
}

/// What a `skip` custom rule skips.
public struct SkipOptions: Sendable, Equatable {
    /// Skip the remaining rules of the custom ruleset (`ruleset: "current"`).
    public var rest: Bool
    /// Later phases to skip for this request: `http_ratelimit`, `http_request_firewall_managed`, `http_request_sbfm`.
    public var phases: Set<EdgePhase>

    /// Skip options from their parts.
    public init(rest: Bool = false, phases: Set<EdgePhase> = []) {
        self.rest = rest
        self.phases = phases
    }
}
