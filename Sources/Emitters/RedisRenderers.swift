import EdgeCompiler
import EdgeCore
import EdgeSpec

/// Renders `redis/redis.conf` (no secrets: ACL users `off`, no passwords) and the deploy-time variant of the same
/// file in which the users are `on` with their passwords: `redis/redis.conf.ctmpl`, a Vault Agent template, when
/// they come from Vault; the lines `write-redis-conf.sh` prints, when they come from the deploying shell. An
/// `aclfile` cannot sit beside inline `user` lines, so the whole file is rendered.
enum RedisConfRenderer {
    /// Which variant to render.
    enum Variant {
        /// The committed file: boots as is, holds no secret.
        case plain
        /// The Vault Agent (consul-template) template used at deploy time.
        case vaultAgentTemplate
        /// The file `write-redis-conf.sh` writes: each password is a `RedisConfScriptRenderer.placeholder`.
        case environmentScript
    }

    /// Whether the passwords come from the deploying shell (checked to be all or none, E0750).
    static func readsEnvironment(_ redis: RedisSpec) -> Bool {
        redis.passwords.contains { if case .environment = $0 { true } else { false } }
    }

    static func render(_ redis: RedisSpec, edge: CompiledEdge, variant: Variant, templates: TemplateSet) throws
        -> String
    {
        var notes: [String] = []
        if redis.provider == .upstash {
            notes.append(
                "Production runs on Upstash (see upstash.json); this is the self-hosted equivalent for local and CI "
                    + "parity."
            )
        }
        switch variant {
        case .plain:
            notes.append(
                "ACL users are off and carry no password here; "
                    + (readsEnvironment(redis)
                        ? "write-redis-conf.sh writes the deploy-time variant."
                        : "redis.conf.ctmpl is the deploy-time variant."))
        case .vaultAgentTemplate:
            notes.append("Vault Agent template: users get their passwords from Vault (KV v2) when rendered.")
        case .environmentScript:
            notes.append("Written by write-redis-conf.sh: users get their passwords from the deploying shell.")
        }
        let persistence = redis.persistence
        var context: [String: Any] = [
            "header": ProvenanceHeader.text(for: edge, extra: notes),
            "protected_mode": redis.protectedMode ? "yes" : "no",
            "port": redis.port,
            "maxmemory_policy": redis.maxmemoryPolicy.rawValue,
            "appendonly": (persistence?.appendonly ?? false) ? "yes" : "no",
            "appendfsync": (persistence?.appendfsync ?? .everysec).rawValue,
            "save_disabled": persistence?.save?.isEmpty == true,
            "has_save": !(persistence?.save ?? []).isEmpty,
            "save": (persistence?.save ?? []).map {
                ["seconds": $0.after.seconds, "changes": $0.changes] as [String: Any]
            },
            "acl": !redis.users.isEmpty,
            "users": redis.users.enumerated().map { index, user -> [String: Any] in
                let state: String
                switch (variant, user.password) {
                case (.plain, _): state = "off"
                case (.vaultAgentTemplate, .vault(let reference)): state = "on >" + vaultAgentSecret(reference)
                default: state = "on \">" + RedisConfScriptRenderer.placeholder(index) + "\""
                }
                return ["name": user.name, "state": state, "rules": user.rules.split(separator: " ").map(String.init)]
            },
        ]
        if !redis.bind.isEmpty { context["bind"] = ["addresses": redis.bind] }
        context["maxmemory"] = redis.maxmemory?.description
        if let tls = redis.tls, tls.enabled {
            var out: [String: Any] = [
                "port": tls.port, "cert_file": tls.certFile ?? "", "key_file": tls.keyFile ?? "",
                "auth_clients": tls.authClients.rawValue, "protocols": tls.protocols.joined(separator: " "),
            ]
            out["ca_file"] = tls.caFile
            context["tls"] = out
        }
        switch (variant, redis.requirepass) {
        case (.plain, _), (_, nil): break
        case (.vaultAgentTemplate, .vault(let reference)):
            context["requirepass"] = "\"" + vaultAgentSecret(reference) + "\""
        default: context["requirepass"] = "\"" + RedisConfScriptRenderer.placeholder(redis.users.count) + "\""
        }
        return try templates.render("redis.conf", context)
    }

    /// A consul-template expression reading `reference` from a KV v2 mount (`mount/data/path`, `.Data.data.KEY`).
    /// A key that is not a Go template identifier (`api-key`, `a.b`) is read with `index .Data.data "KEY"`, since
    /// `.Data.data.api-key` does not parse and `.Data.data.a.b` reads a nested field.
    static func vaultAgentSecret(_ reference: VaultReference) -> String {
        let parts = reference.path.split(separator: "/", maxSplits: 1)
        let path = parts.count == 2 ? "\(parts[0])/data/\(parts[1])" : "\(reference.path)"
        let key = reference.key
        let isIdentifier =
            key.first.map { !$0.isNumber } == true
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        let field = isIdentifier ? ".Data.data.\(key)" : "index .Data.data \"\(key)\""
        return "{{ with secret \"\(path)\" }}{{ \(field) }}{{ end }}"
    }
}

/// Renders `redis/write-redis-conf.sh`: the deploy-time redis.conf for passwords that come from the deploying
/// shell (`env:NAME`). The script reads and checks every variable before it writes anything, escapes each value
/// for a double-quoted redis.conf argument, and writes the file through a new mode-0600 file renamed over the
/// target. The configuration lines are single-quoted shell words; only the passwords are expansions.
enum RedisConfScriptRenderer {
    /// Marks password `index` (the users' in order, then requirepass) in the rendered configuration. Spec values
    /// reach redis.conf escaped (control characters as `\xHH`), so the marker's U+0001 bytes come only from here.
    static func placeholder(_ index: Int) -> String { "\u{1}\(index)\u{1}" }

    static func render(_ redis: RedisSpec, edge: CompiledEdge, templates: TemplateSet) throws -> String {
        let configuration = try RedisConfRenderer.render(
            redis, edge: edge, variant: .environmentScript, templates: templates)
        let passwords = redis.passwords.enumerated().compactMap { index, reference -> [String: Any]? in
            guard case .environment(let variable) = reference else { return nil }
            let owner = index < redis.users.count ? "Redis user \(redis.users[index].name)" : "requirepass"
            return [
                "variable": "password\(index + 1)", "environment": variable.name,
                "is_set": "${\(variable.name)+set}", "expansion": "\"${\(variable.name)}\"", "owner": owner,
            ]
        }
        let lines = configuration.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            ["line": shellWords(String($0))]
        }
        return try templates.render(
            "write-redis-conf.sh",
            ["header": ProvenanceHeader.text(for: edge), "passwords": passwords, "lines": lines])
    }

    /// `line` as one shell word: single-quoted text, each password marker replaced by `"$passwordN"`.
    private static func shellWords(_ line: String) -> String {
        let parts = line.split(separator: "\u{1}", omittingEmptySubsequences: false)
        return parts.enumerated().map { position, part in
            position % 2 == 0
                ? ShellWordContent().escapeText(String(part)) : "\"$password\(Int(part)! + 1)\""
        }.joined()
    }
}

/// Renders `redis/upstash.json`: the settings Upstash exposes (eviction on/off, region, TLS).
enum UpstashRenderer {
    static func render(_ redis: RedisSpec, edge: CompiledEdge) -> String {
        var members: [(String, JSONValue)] = [("database_name", .string(edge.fly?.app ?? edge.zone.name))]
        if let region = redis.region { members.append(("region", .string(region))) }
        members.append(("eviction", .bool(redis.maxmemoryPolicy != .noeviction)))
        members.append(("tls", true))
        return JSONValue.object(members).pretty
    }
}
