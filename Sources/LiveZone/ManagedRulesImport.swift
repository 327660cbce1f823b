import EdgeCore
import Yams

/// The rules of `http_request_firewall_managed` as the spec's `managed_rules` section: `skip` rules before the
/// rulesets become exceptions, the `execute` rules of the Cloudflare Managed Ruleset and the OWASP Core Ruleset
/// become `cloudflare` and `owasp`, their shared expression `when`.
struct ManagedRulesImport {
    /// Cloudflare's ids of the rulesets and of the OWASP anomaly-score rule (as the emitters write them).
    static let cloudflareRuleset = "efb7b8c949ac4650a09736fc376e9aee"
    static let owaspRuleset = "4814384a9e5d4991b9815dcfc25d2f1f"
    static let owaspAnomalyRule = "6179ae15870a4bb7b2d480d4843b323c"

    /// The actions a managed rule or ruleset may be given.
    static let actions: Set<String> = ["block", "managed_challenge", "challenge", "js_challenge", "log"]

    private var skips: [Node] = []
    private var cloudflare: Node?
    private var owasp: Node?
    private var scope: String?
    private var executed = false

    /// Adds one rule of the phase, in order.
    mutating func add(_ rule: JSONValue, identity: RuleIdentity?) throws(Unrepresentable) {
        guard var fields = RuleFields(rule) else { throw Unrepresentable("the rule is not a JSON object") }
        _ = fields.take("description")
        guard let expression = fields.take("expression")?.stringValue, !expression.isEmpty else {
            throw Unrepresentable("the rule has no expression")
        }
        let action = try RuleImport.action(&fields, allowed: ["skip", "execute"])
        let enabled = try RuleImport.enabled(&fields)
        let parameters = fields.take("action_parameters")
        if action == "skip" {
            guard !executed else {
                throw Unrepresentable(
                    "the exception comes after a ruleset it could skip; the spec places exceptions first")
            }
            guard enabled == nil else {
                throw Unrepresentable("the exception is disabled; the spec's exceptions always run")
            }
            try RuleImport.requireLoggingOnOrAbsent(fields.take("logging"))
            try RuleImport.requireAllRead(fields)
            let skipped = try skippedRuleset(parameters)
            guard let identity else { throw Unrepresentable("the exception has no id") }
            var pairs: [(String, Node)] = [("id", SpecNode.text(identity.id)), ("when", SpecNode.text(expression))]
            if let ruleset = skipped.ruleset { pairs.append(("ruleset", SpecNode.text(ruleset))) }
            if let ids = skipped.cloudflareIDs {
                pairs.append(("cloudflare_ids", SpecNode.list(ids.map(SpecNode.text), flow: true)))
            }
            skips.append(SpecNode.mapping(pairs))
            return
        }
        try RuleImport.requireAllRead(fields)
        guard let parameters, let id = parameters["id"]?.stringValue else {
            throw Unrepresentable("the execute rule names no ruleset")
        }
        if let scope, scope != expression {
            throw Unrepresentable("the rulesets run on different expressions; the spec has one 'when' for both")
        }
        switch id {
        case Self.cloudflareRuleset:
            guard cloudflare == nil else { throw Unrepresentable("the Cloudflare Managed Ruleset is deployed twice") }
            cloudflare = try cloudflareManaged(parameters, enabled: enabled ?? true)
        case Self.owaspRuleset:
            guard owasp == nil else { throw Unrepresentable("the OWASP Core Ruleset is deployed twice") }
            owasp = try owaspSettings(parameters, enabled: enabled ?? true)
        default:
            throw Unrepresentable(
                "the managed ruleset \(id) is neither the Cloudflare Managed Ruleset nor the OWASP Core Ruleset")
        }
        scope = expression
        executed = true
    }

    /// The `managed_rules` section; nil when the phase had no rule the spec holds.
    var section: Node? {
        guard !skips.isEmpty || cloudflare != nil || owasp != nil else { return nil }
        var pairs: [(String, Node)] = []
        if let cloudflare { pairs.append(("cloudflare", cloudflare)) }
        if let owasp { pairs.append(("owasp", owasp)) }
        if let scope, scope != "true" { pairs.append(("when", SpecNode.text(scope))) }
        if !skips.isEmpty { pairs.append(("skip", SpecNode.list(skips))) }
        return SpecNode.mapping(pairs)
    }

    /// What an exception skips: the whole phase (nil), one ruleset, or rules of the OWASP ruleset by Cloudflare's
    /// ids (which the spec keeps as `cloudflare_ids`, deployed but not simulated).
    private func skippedRuleset(_ parameters: JSONValue?) throws(Unrepresentable)
        -> (ruleset: String?, cloudflareIDs: [String]?)
    {
        guard let parameters else { throw Unrepresentable("the exception says nothing about what it skips") }
        if parameters["ruleset"]?.stringValue == "current", parameters.membersOutside(["ruleset"]).isEmpty {
            return (nil, nil)
        }
        if let rulesets = parameters["rulesets"]?.arrayValue, parameters.membersOutside(["rulesets"]).isEmpty,
            rulesets.count == 1
        {
            switch rulesets[0].stringValue {
            case Self.cloudflareRuleset: return ("cloudflare", nil)
            case Self.owaspRuleset: return ("owasp", nil)
            default: break
            }
        }
        if let rules = parameters["rules"], parameters.membersOutside(["rules"]).isEmpty,
            rules.membersOutside([Self.owaspRuleset]).isEmpty, let listed = rules[Self.owaspRuleset]?.arrayValue
        {
            let ids = listed.compactMap(\.stringValue)
            guard !ids.isEmpty, ids.count == listed.count else {
                throw Unrepresentable("the exception's rule list is empty or not a list of ids")
            }
            return ("owasp", ids)
        }
        throw Unrepresentable(
            "the exception skips something other than the whole phase, one of the two rulesets or rules of the OWASP "
                + "ruleset")
    }

    private func cloudflareManaged(_ parameters: JSONValue, enabled: Bool) throws(Unrepresentable) -> Node {
        let unknown = parameters.membersOutside(["id", "overrides"])
        guard unknown.isEmpty else {
            throw Unrepresentable("the execute rule's \(RuleImport.list(unknown)) have no spec equivalent")
        }
        var pairs: [(String, Node)] = [("enabled", SpecNode.flag(enabled))]
        if let overrides = parameters["overrides"] {
            let others = overrides.membersOutside(["action"])
            guard others.isEmpty, let action = overrides["action"]?.stringValue,
                Self.actions.contains(action)
            else {
                throw Unrepresentable(
                    "the Cloudflare Managed Ruleset's overrides go beyond one action for every rule; the spec has "
                        + "only that"
                )
            }
            pairs.append(("action", SpecNode.text(action)))
        }
        return SpecNode.mapping(pairs)
    }

    private func owaspSettings(_ parameters: JSONValue, enabled: Bool) throws(Unrepresentable) -> Node {
        let unknown = parameters.membersOutside(["id", "overrides"])
        guard unknown.isEmpty else {
            throw Unrepresentable("the execute rule's \(RuleImport.list(unknown)) have no spec equivalent")
        }
        let overrides = parameters["overrides"] ?? .object([])
        let others = overrides.membersOutside(["categories", "rules"])
        guard others.isEmpty else {
            throw Unrepresentable("the OWASP overrides' \(RuleImport.list(others)) have no spec equivalent")
        }
        var disabledLevels: [Int] = []
        var overrideNodes: [Node] = []
        for category in overrides["categories"]?.arrayValue ?? [] {
            guard let name = category["category"]?.stringValue else {
                throw Unrepresentable("an OWASP category override names no category")
            }
            if name.hasPrefix("paranoia-level-"), let level = Int(name.dropFirst("paranoia-level-".count)),
                (1...4).contains(level), category["enabled"]?.boolValue == false,
                category.membersOutside(["category", "enabled"]).isEmpty
            {
                disabledLevels.append(level)
                continue
            }
            overrideNodes.append(try override(category, cloudflareID: name, idMember: "category"))
        }
        let level = (disabledLevels.min() ?? 5) - 1
        guard level >= 1, Set(disabledLevels) == Set((level + 1)..<5) else {
            throw Unrepresentable(
                "the disabled paranoia levels \(disabledLevels.sorted()) do not leave levels 1 to N on")
        }
        var pairs: [(String, Node)] = [
            ("enabled", SpecNode.flag(enabled)), ("paranoia_level", SpecNode.integer(Int64(level))),
        ]
        for rule in overrides["rules"]?.arrayValue ?? [] {
            guard let id = rule["id"]?.stringValue else {
                throw Unrepresentable("an OWASP rule override names no rule")
            }
            guard id == Self.owaspAnomalyRule else {
                overrideNodes.append(try override(rule, cloudflareID: id, idMember: "id"))
                continue
            }
            guard rule.membersOutside(["id", "action", "score_threshold"]).isEmpty else {
                throw Unrepresentable("the anomaly-score override sets more than action and score_threshold")
            }
            if let threshold = rule["score_threshold"] {
                let names: [Int64: String] = [60: "low", 40: "medium", 25: "high"]
                guard let score = threshold.integerValue, let name = names[score] else {
                    throw Unrepresentable("the score threshold is not 25, 40 or 60 (high, medium, low)")
                }
                pairs.append(("score_threshold", SpecNode.text(name)))
            }
            if let action = try Self.action(rule["action"]) { pairs.append(("action", action)) }
        }
        if !overrideNodes.isEmpty { pairs.append(("overrides", SpecNode.list(overrideNodes))) }
        return SpecNode.mapping(pairs)
    }

    /// An override's action as a spec value; nil when absent.
    private static func action(_ value: JSONValue?) throws(Unrepresentable) -> Node? {
        guard let value else { return nil }
        guard let name = value.stringValue, actions.contains(name) else {
            throw Unrepresentable("the action \(value.compact) is not one the spec gives managed rules")
        }
        return SpecNode.text(name)
    }

    /// An override of the OWASP ruleset by Cloudflare's rule id or category, which the spec keeps as
    /// `cloudflare_id` (deployed, not simulated: the model cannot place it among CRS's rules).
    private func override(_ value: JSONValue, cloudflareID: String, idMember: String) throws(Unrepresentable) -> Node {
        let unknown = value.membersOutside([idMember, "enabled", "action"])
        guard unknown.isEmpty else {
            throw Unrepresentable(
                "the OWASP override of \(cloudflareID) sets \(RuleImport.list(unknown)); the spec has enabled "
                    + "and action"
            )
        }
        var pairs: [(String, Node)] = [("cloudflare_id", SpecNode.text(cloudflareID))]
        if let enabled = value["enabled"] {
            guard let flag = enabled.boolValue else {
                throw Unrepresentable("an override's enabled is not true or false")
            }
            pairs.append(("enabled", SpecNode.flag(flag)))
        }
        if let action = try Self.action(value["action"]) { pairs.append(("action", action)) }
        guard pairs.count > 1 else { throw Unrepresentable("the override of \(cloudflareID) changes nothing") }
        let isRuleID = CloudflareID.isWellFormed(cloudflareID)
        guard isRuleID == (idMember == "id") else {
            throw Unrepresentable(
                idMember == "id"
                    ? "the rule override's id \(cloudflareID) is not a rule id (32 hexadecimal digits)"
                    : "the category \(cloudflareID) is written like a rule id; the spec would emit it as one")
        }
        return SpecNode.mapping(pairs)
    }
}
