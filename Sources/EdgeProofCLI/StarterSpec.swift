import EdgeCore
import EdgeSpec

/// The commented starter `edge.yaml` that `edgeproof init` writes: the sections a stack of this shape needs, each
/// with a working rule and a comment that says what it does and what to change. It checks clean with `--strict`
/// for every combination of options (`InitCommandTests`).
struct StarterSpec {
    /// The zone's apex, e.g. `example.com`.
    var zone: String
    /// The zone's Cloudflare plan.
    var plan: CloudflarePlan
    /// The Fly app, or nil for a zone without one.
    var flyApp: String?
    /// The Fly app's primary region.
    var region: String
    /// Where Redis runs, or nil for a stack without it.
    var redisProvider: RedisProvider?
    /// What Redis holds.
    var redisUse: RedisUse
    /// Whether secrets come from Vault (else from the deploying shell).
    var vault: Bool
    /// What the `# yaml-language-server: $schema=` line points at.
    var schemaLocation: String

    /// The spec's text.
    var text: String {
        [
            header, zoneSection, wafSection, managedRulesSection, rateLimitSection, cacheSection, flySection,
            redisSection,
        ]
        .compactMap { $0 }.joined(separator: "\n")
    }

    private var header: String {
        var stack = "Cloudflare \(plan.rawValue.capitalized)"
        if let flyApp { stack += " in front of the Fly app \(flyApp) (\(region))" }
        if let redisProvider {
            stack += redisProvider == .upstash ? ", with Upstash Redis" : ", with a self-hosted Redis"
        }
        return """
            # yaml-language-server: $schema=\(schemaLocation)
            # EdgeProof spec for \(zone): \(stack).
            # Secrets are never written here, only where they come from (\(vault ? "vault:path#key" : "env:VARIABLE")).
            #   edgeproof check edge.yaml               check it like a program (every key: docs/spec-reference.md)
            #   edgeproof build edge.yaml -o out        compile the files to commit
            #   edgeproof synth --spec edge.yaml --duration 1h -o trace.jsonl
            #   edgeproof whatif edge.yaml --trace trace.jsonl   blocks, cache, origin load and cost at 1x to 10x
            version: 1

            """
    }

    private var zoneSection: String {
        """
        zone:
          name: \(zone)
          plan: \(plan.rawValue)

        # The hosts the zone serves and some of their routes: what `edgeproof synth` makes traffic for.
        hosts:
          - name: \(zone)
            description: Site and API
            routes: [/, /api/status, /api/items, /assets/app.js, /assets/app.css, /logo.png, /health]

        """
    }

    private var wafSection: String {
        """
        # Custom rules (Rules language), evaluated in order; the first that blocks or challenges decides.
        waf:
          - id: block-scanner-paths
            description: Block probes for software the app does not run.
            when: http.request.uri.path in {"/wp-login.php" "/xmlrpc.php" "/.env" "/.git/config"}
            action: block
          - id: block-missing-user-agent
            description: Block requests without a User-Agent (scripts, not browsers).
            when: http.user_agent eq ""
            action: block

        """
    }

    private var managedRulesSection: String? {
        guard plan != .free else { return nil }
        return """
            # Managed rules. The OWASP Core Ruleset scores each request; at paranoia level 1 a request scoring 40 or
            # more (medium) is blocked. Raise the level or lower the threshold after replaying your traffic.
            managed_rules:
              cloudflare:
                enabled: true
              owasp:
                enabled: true
                paranoia_level: 1
                score_threshold: medium
                action: block

            """
    }

    private var rateLimitSection: String {
        // Free counts over 10 seconds only; the paid plans also over a minute.
        let (period, words) = plan == .free ? ("10s", "10 seconds") : ("1m", "a minute")
        let requests = plan == .free ? 50 : 300
        return """
            # Rate limiting, counted as Cloudflare counts it: an address that sends more than \(requests) requests to
            # /api/ in \(words) is blocked for \(words).
            rate_limits:
              - id: api-per-ip
                description: At most \(requests) API requests in \(words) from one address.
                when: starts_with(http.request.uri.path, "/api/")
                characteristics: [ip.src]
                requests: \(requests)
                period: \(period)
                timeout: \(period)
                action: block

            """
    }

    private var cacheSection: String {
        """
        # Cache rules: static assets at the edge for a day, the API never.
        cache:
          - id: cache-static-assets
            description: Scripts, styles, images and fonts for a day at the edge, an hour in browsers.
            when: http.request.uri.path.extension in {"js" "css" "png" "svg" "woff2"}
            edge_ttl: 1d
            browser_ttl: 1h
          - id: bypass-api
            description: Never cache the API.
            when: starts_with(http.request.uri.path, "/api/")
            mode: bypass

        """
    }

    private var flySection: String? {
        guard let flyApp else { return nil }
        var secrets = "    DATABASE_URL: \(reference(path: "database", key: "DATABASE_URL"))\n"
        if redisProvider != nil { secrets += "    REDIS_URL: \(reference(path: "redis", key: "REDIS_URL"))\n" }
        return """
            # The Fly app: fly.toml, machines per region (fly/scale.sh) and secrets (fly/secrets.sh).
            fly:
              app: \(flyApp)
              primary_region: \(region)
              machines:
                \(region): 2
              env:
                LOG_LEVEL: info
              secrets:
            \(secrets)  http_service:
                internal_port: 8080
                force_https: true
                auto_stop_machines: "off"
                auto_start_machines: true
                min_machines_running: 2
                checks:
                  - path: /health
                    method: GET
                    interval: 10s
                    timeout: 5s
                    grace_period: 10s
              vm:
                - size: shared-cpu-1x
                  cpu_kind: shared
                  cpus: 1
                  memory: 512mb

            """
    }

    private var redisSection: String? {
        guard let redisProvider else { return nil }
        let queue = redisUse != .cache
        var lines = [
            "# Redis as \(redisUse == .mixed ? "a queue and a cache" : "a \(redisUse.rawValue)"): "
                + (queue
                    ? "noeviction and an append-only file, so no queued job is dropped."
                    : "keys are evicted when memory is full."),
            "redis:",
            "  provider: \(redisProvider.rawValue)",
            "  use: \(redisUse.rawValue)",
        ]
        // Upstash sets memory by plan (W0813 for maxmemory).
        if redisProvider == .self_hosted { lines.append("  maxmemory: 256mb") }
        lines.append("  maxmemory_policy: \(queue ? "noeviction" : "allkeys-lru")")
        if queue { lines += ["  persistence:", "    appendonly: true"] }
        lines += [
            "  users:",
            "    - name: app",
            "      password: \(reference(path: "redis", key: "APP_PASSWORD", variable: "REDIS_APP_PASSWORD"))",
            "      rules: ~* &* +@all -@dangerous",
        ]
        // Upstash always serves TLS; a self-hosted server needs its certificate (W0504 without it).
        guard redisProvider == .self_hosted else { return lines.joined(separator: "\n") + "\n" + lintSection }
        lines += [
            "  tls:",
            "    enabled: true",
            "    port: 6380",
            "    cert_file: /etc/redis/tls/redis.crt",
            "    key_file: /etc/redis/tls/redis.key",
            "    ca_file: /etc/redis/tls/ca.crt",
            "    auth_clients: \"no\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Upstash has one eviction algorithm (W0811); for a cache any eviction does, so the starter acknowledges it.
    private var lintSection: String {
        guard redisProvider == .upstash, redisUse == .cache else { return "" }
        return """

            # Warnings read and accepted, each with its reason (check shows them as notes).
            lints:
              W0811: a cache may lose any key; Upstash's own eviction order is fine

            """
    }

    /// A secret reference: `vault:<app>/<path>#<key>` with Vault, else `env:<variable>`.
    private func reference(path: String, key: String, variable: String? = nil) -> String {
        vault ? "vault:\(flyApp ?? "app")/\(path)#\(key)" : "env:\(variable ?? key)"
    }
}
