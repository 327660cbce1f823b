import EdgeCore
import Yams

/// A rule of `http_request_firewall_custom` as a `waf` entry of the spec.
enum CustomRuleImport {
    static let actions: Set<String> = ["block", "challenge", "managed_challenge", "js_challenge", "log", "skip"]
    static let skippablePhases: Set<String> = ["http_ratelimit", "http_request_firewall_managed", "http_request_sbfm"]

    /// The spec entry for `rule`, named by `identity`.
    static func entry(_ rule: JSONValue, identity: RuleIdentity) throws(Unrepresentable) -> Node {
        guard var fields = RuleFields(rule) else { throw Unrepresentable("the rule is not a JSON object") }
        var pairs = try RuleImport.head(&fields, identity: identity)
        let action = try RuleImport.action(&fields, allowed: actions)
        pairs.append(("action", SpecNode.text(action)))
        if let enabled = try RuleImport.enabled(&fields) { pairs.append(("enabled", SpecNode.flag(enabled))) }
        let parameters = fields.take("action_parameters")
        let logging = fields.take("logging")
        if action == "skip" {
            try RuleImport.requireLoggingOnOrAbsent(logging)
            pairs.append(("skip", try skip(parameters)))
        } else {
            if logging != nil {
                throw Unrepresentable("'logging' is set on a \(action) rule; the spec sets it only on skip rules")
            }
            if let parameters {
                guard action == "block" else {
                    throw Unrepresentable("action_parameters on a \(action) rule have no spec equivalent")
                }
                if let response = try RuleImport.response(parameters, defaultStatus: 403) {
                    pairs.append(("response", response))
                }
            }
        }
        try RuleImport.requireAllRead(fields)
        return SpecNode.mapping(pairs)
    }

    private static func skip(_ parameters: JSONValue?) throws(Unrepresentable) -> Node {
        guard let parameters else { throw Unrepresentable("a skip rule without action_parameters skips nothing") }
        let unknown = parameters.membersOutside(["ruleset", "phases"])
        guard unknown.isEmpty else {
            throw Unrepresentable(
                "the skip's \(RuleImport.list(unknown)) have no spec equivalent (the spec skips the rest of the custom "
                    + "rules and later phases)"
            )
        }
        var pairs: [(String, Node)] = []
        if let ruleset = parameters["ruleset"] {
            guard ruleset.stringValue == "current" else { throw Unrepresentable("the skip's ruleset is not 'current'") }
            pairs.append(("rest", SpecNode.flag(true)))
        }
        if let phases = parameters["phases"] {
            let names = phases.arrayValue?.compactMap(\.stringValue) ?? []
            guard names.count == phases.arrayValue?.count, !names.isEmpty,
                names.allSatisfy(skippablePhases.contains)
            else {
                throw Unrepresentable("the skip's phases are not among \(RuleImport.list(skippablePhases.sorted()))")
            }
            pairs.append(("phases", SpecNode.list(names.map(SpecNode.text), flow: true)))
        }
        return SpecNode.mapping(pairs)
    }
}

/// What every imported rule shares: id, description, expression, action, enabled, block responses.
enum RuleImport {
    /// `id`, `description` and `when`.
    static func head(_ fields: inout RuleFields, identity: RuleIdentity) throws(Unrepresentable) -> [(String, Node)] {
        _ = fields.take("description")
        guard let expression = fields.take("expression")?.stringValue, !expression.isEmpty else {
            throw Unrepresentable("the rule has no expression")
        }
        var pairs: [(String, Node)] = [("id", SpecNode.text(identity.id))]
        if let description = identity.description { pairs.append(("description", SpecNode.text(description))) }
        pairs.append(("when", SpecNode.text(expression)))
        return pairs
    }

    /// The rule's action, which must be one of `allowed`.
    static func action(_ fields: inout RuleFields, allowed: Set<String>) throws(Unrepresentable) -> String {
        guard let action = fields.take("action")?.stringValue else { throw Unrepresentable("the rule has no action") }
        guard allowed.contains(action) else {
            throw Unrepresentable(
                "the action '\(action)' has no spec equivalent here (the spec has \(list(allowed.sorted())))")
        }
        return action
    }

    /// `false` when the rule is disabled; nil when enabled (the spec's default).
    static func enabled(_ fields: inout RuleFields) throws(Unrepresentable) -> Bool? {
        guard let value = fields.take("enabled") else { return nil }
        guard let enabled = value.boolValue else { throw Unrepresentable("'enabled' is not true or false") }
        return enabled ? nil : false
    }

    /// A block response from `{"response": {status_code, content_type, content}}`; the status is left out when it
    /// is the action's default.
    static func response(_ parameters: JSONValue, defaultStatus: Int64) throws(Unrepresentable) -> Node? {
        let unknown = parameters.membersOutside(["response"])
        guard unknown.isEmpty else { throw Unrepresentable("the action's \(list(unknown)) have no spec equivalent") }
        guard let response = parameters["response"] else { return nil }
        let extra = response.membersOutside(["status_code", "content_type", "content"])
        guard extra.isEmpty, let content = response["content"]?.stringValue else {
            throw Unrepresentable(
                "the block response has \(extra.isEmpty ? "no content" : list(extra)); the spec has status, "
                    + "content_type and body"
            )
        }
        var pairs: [(String, Node)] = []
        if let status = response["status_code"] {
            guard let code = status.integerValue else {
                throw Unrepresentable("the response's status_code is not a number")
            }
            if code != defaultStatus { pairs.append(("status", SpecNode.integer(code))) }
        }
        if let type = response["content_type"] {
            guard let text = type.stringValue else { throw Unrepresentable("the response's content_type is not text") }
            if text != "application/json" { pairs.append(("content_type", SpecNode.text(text))) }
        }
        pairs.append(("body", SpecNode.text(content)))
        return SpecNode.mapping(pairs)
    }

    /// A skip rule's `logging` must be absent or `{"enabled": true}` (what the spec writes).
    static func requireLoggingOnOrAbsent(_ logging: JSONValue?) throws(Unrepresentable) {
        guard let logging else { return }
        guard logging["enabled"]?.boolValue == true, logging.membersOutside(["enabled"]).isEmpty else {
            throw Unrepresentable("logging is turned off; the spec's skip rules always log")
        }
    }

    /// Fails when the rule has members the importer did not read.
    static func requireAllRead(_ fields: RuleFields) throws(Unrepresentable) {
        let unread = fields.unread
        guard unread.isEmpty else { throw Unrepresentable("the rule's \(list(unread)) have no spec equivalent") }
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
    static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }

    /// A whole number of seconds as a spec duration, in the largest whole unit (`60` → `1m`).
    static func duration(_ seconds: Int64) -> Node {
        SpecNode.text(EdgeDuration.seconds(seconds).description)
    }
}
