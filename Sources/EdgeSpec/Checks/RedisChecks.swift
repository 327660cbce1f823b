import EdgeCore

/// Semantic checks of the Redis section (`docs/config-targets.md`, "redis.conf").
struct RedisChecks {
    let redis: RedisSpec
    let diagnostics: DiagnosticCollector

    func run() {
        if redis.use == .queue, redis.maxmemoryPolicy != .noeviction {
            diagnostics.error(
                "E0741",
                "a queue needs maxmemory_policy noeviction; \(redis.maxmemoryPolicy.rawValue) can evict queued jobs",
                at: redis.ranges.value("maxmemory_policy"),
                fixIt: FixIt(replace: redis.ranges.value("maxmemory_policy"), with: "noeviction"))
        }
        if let password = redis.requirepass, !redis.users.isEmpty {
            diagnostics.error(
                "E0742", "requirepass and ACL users are exclusive (requirepass only sets the default user's password)",
                at: password.range,
                notes: [DiagnosticNote("ACL users are declared here", at: redis.ranges.key("users"))],
                help: "drop requirepass and give each client its own ACL user")
        }
        checkOnePasswordSource()
        var names: [String: SourceRange] = [:]
        for user in redis.users {
            if user.name == "default" {
                diagnostics.error(
                    "E0743", "the default user is emitted off; declare named users only", at: user.ranges.value("name"))
            }
            if let earlier = names[user.name] {
                diagnostics.error(
                    "E0743", "duplicate ACL user '\(user.name)'", at: user.ranges.value("name"),
                    notes: [DiagnosticNote("first declared here", at: earlier)])
            }
            names[user.name] = user.ranges.value("name")
        }
        if let tls = redis.tls, tls.enabled {
            for key in ["cert_file", "key_file"] where tls.ranges.keys[key] == nil {
                diagnostics.error("E0744", "TLS is on but \(key) is missing", at: tls.ranges.whole)
            }
            if tls.caFile == nil, tls.authClients != .no {
                diagnostics.error(
                    "E0744", "TLS with client authentication needs ca_file", at: tls.ranges.whole,
                    help: "add ca_file, or set auth_clients: \"no\" (redis-server refuses to start otherwise)")
            }
            if tls.port == redis.port {
                diagnostics.error(
                    "E0745", "the TLS port and the plain port are both \(tls.port)", at: tls.ranges.value("port"))
            }
        }
        if redis.port == 0, redis.tls?.enabled != true {
            diagnostics.error(
                "E0745", "port 0 without TLS leaves Redis listening nowhere", at: redis.ranges.value("port"))
        }
        if redis.bind.count > RedisBindAddress.maximumCount {
            diagnostics.error(
                "E0748",
                "\(redis.bind.count) bind addresses; redis-server takes at most \(RedisBindAddress.maximumCount)",
                at: redis.ranges.value("bind"))
        }
        checkTemplateText()
        if let maxmemory = redis.maxmemory, maxmemory.bytes < 1 << 20 {
            diagnostics.error(
                "E0746", "maxmemory \(maxmemory) is too small for Redis", at: redis.ranges.value("maxmemory"),
                help: "use at least 1mb")
        }
    }

    /// TLS file paths are copied into redis.conf.ctmpl (a Vault Agent template); user rules are checked as they are
    /// read.
    private func checkTemplateText() {
        guard let tls = redis.tls else { return }
        let paths = [("cert_file", tls.certFile), ("key_file", tls.keyFile), ("ca_file", tls.caFile)]
        for (key, path) in paths {
            guard let text = path else { continue }
            let range = tls.ranges.value(key)
            if let problem = VaultAgentTemplateText.problem(with: text) {
                diagnostics.error(
                    "E0749", problem, at: range,
                    help: "remove the braces; paths are copied into the template as they are")
            }
        }
    }

    /// Passwords come from one place: the Vault Agent template `redis.conf.ctmpl` reads Vault, the script
    /// `write-redis-conf.sh` reads the deploying shell; one file cannot be rendered by both.
    private func checkOnePasswordSource() {
        let references = redis.passwords
        guard let firstVault = references.first(where: { $0.vault != nil }),
            let firstEnvironment = references.first(where: { $0.vault == nil })
        else { return }
        diagnostics.error(
            "E0750", "Redis passwords mix Vault and environment references; redis.conf is rendered from one of them",
            at: firstEnvironment.range, notes: [DiagnosticNote("a Vault reference is used here", at: firstVault.range)],
            help:
                "read every Redis password from Vault (vault:path#key) or every one from the deploying shell (env:NAME)"
        )
    }
}
