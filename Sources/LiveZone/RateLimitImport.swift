import EdgeCore
import Yams

/// A rule of `http_ratelimit` as a `rate_limits` entry of the spec.
enum RateLimitImport {
    static let actions: Set<String> = ["block", "challenge", "managed_challenge", "js_challenge", "log"]
    static let limitMembers: Set<String> = [
        "characteristics", "period", "requests_per_period", "mitigation_timeout", "requests_to_origin",
        "counting_expression",
    ]

    /// The spec entry for `rule`, named by `identity`.
    static func entry(_ rule: JSONValue, identity: RuleIdentity) throws(Unrepresentable) -> Node {
        guard var fields = RuleFields(rule) else { throw Unrepresentable("the rule is not a JSON object") }
        var pairs = try RuleImport.head(&fields, identity: identity)
        guard let limit = fields.take("ratelimit") else { throw Unrepresentable("the rule has no 'ratelimit'") }
        let unknown = limit.membersOutside(limitMembers)
        guard unknown.isEmpty else {
            throw Unrepresentable("the rate limit's \(RuleImport.list(unknown)) have no spec equivalent")
        }
        if let counting = limit["counting_expression"] {
            guard let text = counting.stringValue else { throw Unrepresentable("counting_expression is not text") }
            if !text.isEmpty { pairs.append(("counting_when", SpecNode.text(text))) }
        }
        let characteristics = limit["characteristics"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard characteristics.count == (limit["characteristics"]?.arrayValue?.count ?? 0) else {
            throw Unrepresentable("a characteristic is not text")
        }
        let keys = characteristics.filter { $0 != "cf.colo.id" }
        if !keys.isEmpty { pairs.append(("characteristics", SpecNode.list(keys.map(SpecNode.text), flow: true))) }
        guard let requests = limit["requests_per_period"]?.integerValue else {
            throw Unrepresentable(
                "the rate limit has no requests_per_period (score-based limits have no spec equivalent)")
        }
        guard let period = limit["period"]?.integerValue else { throw Unrepresentable("the rate limit has no period") }
        pairs.append(("requests", SpecNode.integer(requests)))
        pairs.append(("period", RuleImport.duration(period)))
        if let timeout = limit["mitigation_timeout"] {
            guard let seconds = timeout.integerValue else {
                throw Unrepresentable("mitigation_timeout is not a number")
            }
            if seconds != 60 { pairs.append(("timeout", RuleImport.duration(seconds))) }
        } else {
            pairs.append(("timeout", RuleImport.duration(0)))
        }
        let action = try RuleImport.action(&fields, allowed: actions)
        pairs.append(("action", SpecNode.text(action)))
        if let toOrigin = limit["requests_to_origin"] {
            guard let value = toOrigin.boolValue else {
                throw Unrepresentable("requests_to_origin is not true or false")
            }
            if value { pairs.append(("requests_to_origin", SpecNode.flag(true))) }
        }
        if let parameters = fields.take("action_parameters") {
            guard action == "block" else {
                throw Unrepresentable("action_parameters on a \(action) rule have no spec equivalent")
            }
            if let response = try RuleImport.response(parameters, defaultStatus: 429) {
                pairs.append(("response", response))
            }
        }
        if let enabled = try RuleImport.enabled(&fields) { pairs.append(("enabled", SpecNode.flag(enabled))) }
        try RuleImport.requireAllRead(fields)
        return SpecNode.mapping(pairs)
    }
}
