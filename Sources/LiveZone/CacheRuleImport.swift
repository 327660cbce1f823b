import EdgeCore
import Yams

/// A rule of `http_request_cache_settings` as a `cache` entry of the spec.
enum CacheRuleImport {
    static let parameterMembers: Set<String> = [
        "cache", "edge_ttl", "browser_ttl", "cache_key", "serve_stale", "respect_strong_etags",
    ]

    /// The spec entry for `rule`, named by `identity`.
    static func entry(_ rule: JSONValue, identity: RuleIdentity) throws(Unrepresentable) -> Node {
        guard var fields = RuleFields(rule) else { throw Unrepresentable("the rule is not a JSON object") }
        var pairs = try RuleImport.head(&fields, identity: identity)
        _ = try RuleImport.action(&fields, allowed: ["set_cache_settings"])
        guard let parameters = fields.take("action_parameters") else {
            throw Unrepresentable("the rule has no action_parameters")
        }
        let unknown = parameters.membersOutside(parameterMembers)
        guard unknown.isEmpty else {
            throw Unrepresentable("the cache settings \(RuleImport.list(unknown)) have no spec equivalent")
        }
        guard let cache = parameters["cache"]?.boolValue else {
            throw Unrepresentable("the rule does not say whether to cache ('cache' missing); the spec always does")
        }
        if !cache {
            let others = parameters.membersOutside(["cache"])
            guard others.isEmpty else {
                throw Unrepresentable(
                    "a bypass rule also sets \(RuleImport.list(others)); the spec's bypass sets nothing else")
            }
            pairs.append(("mode", SpecNode.text("bypass")))
        }
        if let edge = parameters["edge_ttl"] { pairs.append(("edge_ttl", try edgeTTL(edge))) }
        if let browser = parameters["browser_ttl"] { pairs.append(("browser_ttl", try browserTTL(browser))) }
        if let key = parameters["cache_key"] { pairs.append(("cache_key", try cacheKey(key))) }
        if let stale = parameters["serve_stale"] {
            guard stale.membersOutside(["disable_stale_while_updating"]).isEmpty,
                let disabled = stale["disable_stale_while_updating"]?.boolValue
            else { throw Unrepresentable("serve_stale holds more than disable_stale_while_updating") }
            if disabled { pairs.append(("serve_stale", SpecNode.flag(false))) }
        }
        if let strong = parameters["respect_strong_etags"] {
            guard let value = strong.boolValue else {
                throw Unrepresentable("respect_strong_etags is not true or false")
            }
            if value { pairs.append(("respect_strong_etags", SpecNode.flag(true))) }
        }
        if let enabled = try RuleImport.enabled(&fields) { pairs.append(("enabled", SpecNode.flag(enabled))) }
        try RuleImport.requireAllRead(fields)
        return SpecNode.mapping(pairs)
    }

    private static func edgeTTL(_ value: JSONValue) throws(Unrepresentable) -> Node {
        let unknown = value.membersOutside(["mode", "default", "status_code_ttl"])
        guard unknown.isEmpty else {
            throw Unrepresentable("edge_ttl's \(RuleImport.list(unknown)) have no spec equivalent")
        }
        guard let mode = value["mode"]?.stringValue,
            ["respect_origin", "override_origin", "bypass_by_default"].contains(mode)
        else { throw Unrepresentable("edge_ttl's mode is not respect_origin, override_origin or bypass_by_default") }
        let defaultTTL = value["default"]?.integerValue
        if value["default"] != nil, defaultTTL == nil { throw Unrepresentable("edge_ttl's default is not a number") }
        guard let statuses = value["status_code_ttl"] else {
            if mode == "override_origin", let defaultTTL { return RuleImport.duration(defaultTTL) }
            var pairs: [(String, Node)] = [("mode", SpecNode.text(mode))]
            if let defaultTTL { pairs.append(("default", RuleImport.duration(defaultTTL))) }
            return SpecNode.mapping(pairs)
        }
        var pairs: [(String, Node)] = [("mode", SpecNode.text(mode))]
        if let defaultTTL { pairs.append(("default", RuleImport.duration(defaultTTL))) }
        var entries: [Node] = []
        for status in statuses.arrayValue ?? [] {
            guard status.membersOutside(["status_code_value", "status_code_range", "value"]).isEmpty,
                let ttl = status["value"]?.integerValue
            else {
                throw Unrepresentable("a status_code_ttl entry is not {status_code_value | status_code_range, value}")
            }
            var entry: [(String, Node)] = []
            if let code = status["status_code_value"]?.integerValue {
                entry.append(("code", SpecNode.integer(code)))
            } else if let range = status["status_code_range"] {
                guard range.membersOutside(["from", "to"]).isEmpty else {
                    throw Unrepresentable("a status_code_range holds more than from and to")
                }
                entry.append(("from", SpecNode.integer(range["from"]?.integerValue ?? 100)))
                entry.append(("to", SpecNode.integer(range["to"]?.integerValue ?? 599)))
            } else {
                throw Unrepresentable("a status_code_ttl entry names no status code")
            }
            entry.append(ttl < 0 ? ("no_store", SpecNode.flag(true)) : ("ttl", RuleImport.duration(ttl)))
            entries.append(SpecNode.mapping(entry))
        }
        pairs.append(("status_codes", SpecNode.list(entries)))
        return SpecNode.mapping(pairs)
    }

    private static func browserTTL(_ value: JSONValue) throws(Unrepresentable) -> Node {
        guard value.membersOutside(["mode", "default"]).isEmpty, let mode = value["mode"]?.stringValue,
            ["respect_origin", "override_origin", "bypass"].contains(mode)
        else { throw Unrepresentable("browser_ttl is not {mode: respect_origin | override_origin | bypass, default}") }
        let defaultTTL = value["default"]?.integerValue
        if mode == "override_origin", let defaultTTL { return RuleImport.duration(defaultTTL) }
        var pairs: [(String, Node)] = [("mode", SpecNode.text(mode))]
        if let defaultTTL { pairs.append(("default", RuleImport.duration(defaultTTL))) }
        return SpecNode.mapping(pairs)
    }

    private static func cacheKey(_ value: JSONValue) throws(Unrepresentable) -> Node {
        let unknown = value.membersOutside(["ignore_query_strings_order", "cache_deception_armor", "custom_key"])
        guard unknown.isEmpty else {
            throw Unrepresentable("cache_key's \(RuleImport.list(unknown)) have no spec equivalent")
        }
        var pairs: [(String, Node)] = []
        let custom = value["custom_key"]
        if let custom {
            let members = custom.membersOutside(["query_string", "host"])
            guard members.isEmpty else {
                throw Unrepresentable("the custom cache key's \(RuleImport.list(members)) have no spec equivalent")
            }
            if let query = custom["query_string"] { pairs.append(("query_string", try queryString(query))) }
        }
        if value["ignore_query_strings_order"]?.boolValue == true {
            pairs.append(("ignore_query_string_order", SpecNode.flag(true)))
        }
        if let host = custom?["host"] {
            guard host.membersOutside(["resolved"]).isEmpty, let resolved = host["resolved"]?.boolValue else {
                throw Unrepresentable("the cache key's host is not {resolved: true | false}")
            }
            if resolved { pairs.append(("include_host", SpecNode.flag(false))) }
        }
        if value["cache_deception_armor"]?.boolValue == true {
            pairs.append(("cache_deception_armor", SpecNode.flag(true)))
        }
        return SpecNode.mapping(pairs)
    }

    private static func queryString(_ value: JSONValue) throws(Unrepresentable) -> Node {
        if let include = value["include"], value.membersOutside(["include"]).isEmpty {
            guard include.membersOutside(["list"]).isEmpty, let list = include["list"]?.arrayValue else {
                throw Unrepresentable("query_string.include is not a list of parameters")
            }
            return SpecNode.mapping([
                ("include", SpecNode.list(list.compactMap(\.stringValue).map(SpecNode.text), flow: true))
            ])
        }
        if let exclude = value["exclude"], value.membersOutside(["exclude"]).isEmpty {
            if exclude["all"]?.boolValue == true, exclude.membersOutside(["all"]).isEmpty {
                return SpecNode.mapping([("ignore", SpecNode.flag(true))])
            }
            guard exclude.membersOutside(["list"]).isEmpty, let list = exclude["list"]?.arrayValue else {
                throw Unrepresentable("query_string.exclude is not a list of parameters or all")
            }
            return SpecNode.mapping([
                ("exclude", SpecNode.list(list.compactMap(\.stringValue).map(SpecNode.text), flow: true))
            ])
        }
        throw Unrepresentable("query_string is not one of include, exclude or exclude all")
    }
}
