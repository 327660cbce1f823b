import EdgeCore

/// ACL rules as redis-server 7.0 reads them in a `user` line, checked so that what `check` accepts the server
/// accepts too. The user's state and password are EdgeProof's (off in redis.conf, on with a Vault password in
/// redis.conf.ctmpl), so rules that set them are refused as well.
enum RedisACLRules {
    /// Rule words that take no argument and leave the state and password alone.
    static let flags: Set<String> = [
        "allkeys", "resetkeys", "allchannels", "resetchannels", "allcommands", "nocommands", "sanitize-payload",
        "skip-sanitize-payload", "clearselectors",
    ]

    /// Why `rule` (one space-separated word of a user's `rules`) would stop redis-server or undo what EdgeProof
    /// sets, with help; nil when it is fine.
    static func problem(with rule: String) -> (message: String, help: String)? {
        let lower = rule.lowercased()
        if flags.contains(lower) { return nil }
        if rule.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "'" || $0 == "\\"
        }) {
            return (
                "ACL rule '\(rule.debugDescription.dropFirst().dropLast())' has a quote, backslash or control "
                    + "character",
                "redis.conf cannot carry it inside a rule; write key and channel patterns without them"
            )
        }
        if ["on", "off", "nopass", "resetpass", "reset"].contains(lower) {
            return (
                "ACL rule '\(rule)' changes the user's state or password, which EdgeProof sets",
                "remove it: redis.conf emits users off, redis.conf.ctmpl emits them on with the password from Vault"
            )
        }
        switch rule.first {
        case ">", "<", "#", "!":
            return (
                "ACL rule '\(rule.prefix(1))…' sets a password in the spec",
                "remove it and give the password as password: vault:path#key; rotate it if it was ever committed"
            )
        case "~", "&":
            return nil
        case "%":
            let selector = rule.dropFirst().prefix { $0 != "~" }
            let valid =
                !selector.isEmpty && selector.count < rule.count - 1
                && selector.uppercased().allSatisfy { $0 == "R" || $0 == "W" }
            return valid ? nil : ("'\(rule)' is not a key permission", "write %R~pattern, %W~pattern or %RW~pattern")
        case "+", "-":
            return commandProblem(rule)
        case "(":
            return (
                "ACL selectors such as '\(rule)…' are not supported in spec rules",
                "declare another user for the second set of permissions"
            )
        default:
            var help =
                "rules are flags (allkeys, resetchannels, …), ~keys, %R~keys, &channels, +command, -command, "
                + "+@category"
            if let suggestion = bestSuggestion(for: lower, among: flags.sorted()) {
                help = "did you mean '\(suggestion)'? " + help
            }
            return ("'\(rule)' is not an ACL rule redis-server knows", help)
        }
    }

    /// `+cmd`, `-cmd`, `+cmd|sub` and `+@category` against redis-server 7.0's commands and categories.
    private static func commandProblem(_ rule: String) -> (message: String, help: String)? {
        let name = rule.dropFirst().lowercased()
        if name.hasPrefix("@") {
            let category = String(name.dropFirst())
            if RedisCommandNames.categories.contains(category) { return nil }
            let suggestion = bestSuggestion(for: category, among: RedisCommandNames.categories.sorted())
            return (
                "'\(rule)' names no ACL category of redis-server 7",
                suggestion.map { "did you mean '\(rule.prefix(1))@\($0)'?" }
                    ?? "categories: \(RedisCommandNames.categories.sorted().joined(separator: ", "))"
            )
        }
        let parts = name.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let command = parts[0]
        guard RedisCommandNames.all.contains(command) else {
            let suggestion = bestSuggestion(
                for: command, among: RedisCommandNames.all.filter { !$0.contains("|") }.sorted())
            return (
                "'\(rule)' names no redis-server 7 command",
                suggestion.map { "did you mean '\(rule.prefix(1))\($0)'?" } ?? "see COMMAND LIST"
            )
        }
        guard parts.count == 2 else { return nil }
        let isContainer = RedisCommandNames.all.contains { $0.hasPrefix(command + "|") }
        if parts[1].isEmpty || (isContainer && !RedisCommandNames.all.contains(name)) {
            return (
                "'\(rule)' names no subcommand of \(command.uppercased()) in redis-server 7",
                "see COMMAND DOCS \(command)"
            )
        }
        return nil
    }
}

extension FieldType where Value == String {
    /// A user's ACL rules: template delimiters are E0749 (the rules go into redis.conf.ctmpl), then each
    /// space-separated rule must be one redis-server 7 accepts (E0747).
    static var redisACLRules: FieldType<String> {
        let scalar = FieldType<ScalarNode>.stringScalar()
        return FieldType(schema: scalar.schema, placeholder: { "" }) { node, context in
            guard let value = scalar.decode(node, context) else { return nil }
            if let problem = VaultAgentTemplateText.problem(with: value.value) {
                context.diagnostics.error(
                    "E0749", problem, at: value.range,
                    help: "remove the braces; rules are copied into the template as they are")
                return nil
            }
            for rule in value.value.split(separator: " ") {
                if let problem = RedisACLRules.problem(with: String(rule)) {
                    context.diagnostics.error("E0747", problem.message, at: value.range, help: problem.help)
                    return nil
                }
            }
            return value.value
        }
    }
}
