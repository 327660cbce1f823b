import EdgeCompiler
import EdgeCore
import EdgeSpec

/// Renders `redis/redis.conf` (no secrets: ACL users `off`, no passwords) and `redis/redis.conf.ctmpl`, the Vault
/// Agent template of the same file in which the users are `on` with their passwords from Vault. An `aclfile`
/// cannot sit beside inline `user` lines, so the whole file is templated.
enum RedisConfRenderer {
    /// Which variant to render.
    enum Variant {
        /// The committed file: boots as is, holds no secret.
        case plain
        /// The Vault Agent (consul-template) template used at deploy time.
        case vaultAgentTemplate
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
        notes.append(
            variant == .plain
                ? "ACL users are off and carry no password here; redis.conf.ctmpl is the deploy-time variant."
                : "Vault Agent template: users get their passwords from Vault (KV v2) when rendered.")
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
            "users": redis.users.map { user -> [String: Any] in
                let state = variant == .plain ? "off" : "on >" + vaultAgentSecret(user.password)
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
        if variant == .vaultAgentTemplate, let password = redis.requirepass {
            context["requirepass"] = "\"" + vaultAgentSecret(password) + "\""
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
