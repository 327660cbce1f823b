import EdgeCore

/// Whether a checklist row holds for the spec.
public enum ReadinessStatus: String, Sendable {
    /// The spec shows the item is done.
    case done
    /// The spec shows the item is not done.
    case missing
    /// The spec has no section the item applies to, or the item does not fit what the spec describes.
    case notApplicable = "n/a"
    /// The item is not done and the spec's `lints:` acknowledges it, with a reason.
    case acknowledged
}

/// One row of the production checklist (P0/P1) evaluated on a spec.
public struct ReadinessItem: Sendable {
    /// Priority: P0 (before launch) or P1 (week one).
    public var priority: String
    /// The checklist row, e.g. "Redis AOF".
    public var title: String
    /// Done, missing or not applicable.
    public var status: ReadinessStatus
    /// Why, e.g. "appendonly yes".
    public var reason: String
    /// How to fix a missing item.
    public var fix: String?
    /// The warning id used when the item is missing.
    public var lintID: String
    /// Where in the spec the item is decided.
    public var range: SourceRange
}

/// The production checklist rows a spec can show, evaluated as lints (warnings; errors under `--strict`).
public enum ReadinessChecklist {
    /// Evaluates every row on `spec`.
    public static func evaluate(_ spec: Spec) -> [ReadinessItem] {
        var items: [ReadinessItem] = []
        func add(
            _ priority: String, _ title: String, _ id: String, _ status: ReadinessStatus, _ reason: String,
            _ range: SourceRange, fix: String? = nil
        ) {
            let status = status == .missing && LintAcknowledgements.acknowledges(spec, id) ? .acknowledged : status
            items.append(
                ReadinessItem(
                    priority: priority, title: title, status: status, reason: reason, fix: fix, lintID: id, range: range
                ))
        }
        let root = spec.ranges

        if let redis = spec.redis {
            let policy = redis.maxmemoryPolicy
            if redis.use == .cache {
                add(
                    "P0", "Redis eviction fits its use", "W0501", policy == .noeviction ? .missing : .done,
                    "a cache with maxmemory-policy \(policy.rawValue)", redis.ranges.value("maxmemory_policy"),
                    fix: "set maxmemory_policy: allkeys-lru so the cache evicts instead of refusing writes when full")
            } else {
                add(
                    "P0", "Redis eviction fits its use", "W0501", policy == .noeviction ? .done : .missing,
                    "\(redis.use.rawValue) with maxmemory-policy \(policy.rawValue)",
                    redis.ranges.value("maxmemory_policy"),
                    fix: "set maxmemory_policy: noeviction so queued jobs are never evicted")
            }
            let aof = redis.persistence?.appendonly ?? false
            if redis.provider == .upstash {
                add("P0", "Redis AOF", "W0502", .notApplicable, "Upstash persists every write", redis.ranges.whole)
            } else if redis.use == .cache {
                add(
                    "P0", "Redis AOF", "W0502", .notApplicable, "a cache is rebuilt from its source", redis.ranges.whole
                )
            } else {
                add(
                    "P0", "Redis AOF", "W0502", aof ? .done : .missing, aof ? "appendonly yes" : "appendonly no",
                    redis.persistence?.ranges.value("appendonly") ?? redis.ranges.whole,
                    fix: "set persistence: { appendonly: true } so queued jobs survive a restart")
            }
        } else {
            add("P0", "Redis eviction fits its use", "W0501", .notApplicable, "no redis section", root.whole)
            add("P0", "Redis AOF", "W0502", .notApplicable, "no redis section", root.whole)
        }

        if let vault = spec.vault {
            let seals = vault.seals.map(\.type.rawValue)
            add(
                "P0", "Vault auto-unseal", "W0503", seals.isEmpty ? .missing : .done,
                seals.isEmpty
                    ? "no seal configured: unsealing needs a human after every restart"
                    : "seal \(seals.joined(separator: ", "))",
                vault.ranges.key(seals.isEmpty ? "storage" : "seals"),
                fix: "add a seal (awskms, gcpckms or transit) under vault.seals")
            add(
                "P0", "Vault audit", "W0510", vault.audit.isEmpty ? .missing : .done,
                vault.audit.isEmpty
                    ? "no audit device" : "audit \(vault.audit.map(\.type.rawValue).joined(separator: ", "))",
                vault.ranges.key(vault.audit.isEmpty ? "storage" : "audit"),
                fix: "add vault.audit: [{ type: file, file_path: /var/log/vault/audit.log }]")
        } else {
            add("P0", "Vault auto-unseal", "W0503", .notApplicable, "no vault section", root.whole)
            add("P0", "Vault audit", "W0510", .notApplicable, "no vault section", root.whole)
        }

        let enabledLimits = spec.rateLimits.filter(\.enabled)
        add(
            "P0", "Edge rate limits", "W0505", enabledLimits.isEmpty ? .missing : .done,
            enabledLimits.isEmpty
                ? "no enabled rate limiting rule"
                : enabledLimits.map { "\($0.id.text): \($0.requests)/\($0.period)" }.joined(separator: ", "),
            spec.rateLimits.first?.ranges.whole ?? root.key("zone"),
            fix: "add a rate_limits rule, e.g. 100 requests per 1m per ip.src")

        let enabledRules = spec.waf.filter(\.enabled)
        add(
            "P0", "WAF custom rules", "W0506", enabledRules.isEmpty ? .missing : .done,
            enabledRules.isEmpty ? "no enabled WAF custom rule" : "\(enabledRules.count) enabled",
            spec.waf.first?.ranges.whole ?? root.key("zone"), fix: "add waf rules")
        let owasp = spec.managedRules?.owasp?.enabled ?? false
        if spec.zone.plan == .free {
            add(
                "P0", "WAF managed rules (OWASP)", "W0507", .notApplicable,
                "the free plan has no OWASP Core Ruleset; Cloudflare deploys its Free Managed Ruleset itself",
                root.key("zone"))
        } else {
            add(
                "P0", "WAF managed rules (OWASP)", "W0507", owasp ? .done : .missing,
                owasp
                    ? "OWASP core ruleset, paranoia level \(spec.managedRules?.owasp?.paranoiaLevel ?? 1)"
                    : "OWASP core ruleset not enabled",
                spec.managedRules?.ranges.whole ?? root.key("zone"),
                fix: "set managed_rules: { owasp: { enabled: true } }")
        }

        var tlsOff: [(String, SourceRange)] = []
        for listener in spec.vault?.listeners ?? [] where listener.tlsDisable {
            tlsOff.append(("vault listener \(listener.address) has tls_disable", listener.ranges.value("tls_disable")))
        }
        if let service = spec.fly?.httpService, !service.forceHTTPS {
            tlsOff.append(("fly http_service does not force HTTPS", service.ranges.key("force_https")))
        }
        if let redis = spec.redis, redis.provider == .self_hosted, redis.tls?.enabled != true {
            tlsOff.append(("self-hosted Redis without TLS", redis.ranges.key(redis.tls == nil ? "provider" : "tls")))
        }
        add(
            "P0", "TLS everywhere", "W0504", tlsOff.isEmpty ? .done : .missing,
            tlsOff.isEmpty ? "no component disables TLS" : tlsOff.map(\.0).joined(separator: "; "),
            tlsOff.first?.1 ?? root.whole, fix: "enable TLS on every hop (no plain HTTP)")

        if let fly = spec.fly {
            let checks =
                (fly.httpService?.checks.count ?? 0) + fly.services.reduce(0) { $0 + $1.httpChecks.count }
                + fly.checks.count
            add(
                "P1", "Health checks", "W0508", checks > 0 ? .done : .missing,
                checks > 0 ? "\(checks) check\(checks == 1 ? "" : "s")" : "no health check",
                fly.ranges.key(fly.httpService == nil ? "app" : "http_service"),
                fix: "add http_service.checks: [{ path: /health, interval: 10s, timeout: 5s }]")
            let machines = max(fly.machines.reduce(0) { $0 + $1.value }, fly.httpService?.minMachinesRunning ?? 0)
            add(
                "P1", "HA compute (2+ machines)", "W0509", machines >= 2 ? .done : .missing,
                "\(machines) machine\(machines == 1 ? "" : "s")",
                fly.ranges.key(fly.machines.isEmpty ? "app" : "machines"),
                fix: "run at least 2 machines (fly.machines or min_machines_running)")
        } else {
            add("P1", "Health checks", "W0508", .notApplicable, "no fly section", root.whole)
            add("P1", "HA compute (2+ machines)", "W0509", .notApplicable, "no fly section", root.whole)
        }
        return items
    }
}
