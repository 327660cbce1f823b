import EdgeCore
import EdgeSpec

/// Warnings for settings a target cannot express as written: the spec stays valid, but the emitted file
/// approximates or drops the setting, and the warning says which and why.
struct TargetLimits {
    let spec: Spec
    let diagnostics: DiagnosticCollector

    /// VM presets SchemaStore's fly.json lists (`docs/config-targets.md`, "The fly.toml JSON
    /// Schema": the schema lags flyctl).
    static let schemaVMSizes: Set<String> = [
        "shared-cpu-1x", "shared-cpu-2x", "shared-cpu-4x", "shared-cpu-8x", "performance-1x", "performance-2x",
        "performance-4x", "performance-8x", "performance-16x",
    ]

    /// Counting periods the Cloudflare Terraform provider v5 validates `ratelimit.period` against; the API takes
    /// more (`docs/cloudflare-semantics.md`, "Plan limits").
    static let terraformPeriods: [Int64] = [10, 60, 600, 3600]

    func run() {
        for rule in spec.rateLimits { terraformPeriod(rule) }
        managedRuleIDs()
        if let redis = spec.redis, redis.provider == .upstash { upstash(redis) }
        for vm in spec.fly?.vm ?? [] {
            if let size = vm.size, !Self.schemaVMSizes.contains(size) {
                diagnostics.warning(
                    "W0801",
                    "fly.toml: vm size '\(size)' is not in SchemaStore's fly.json, so editors and schema checks will "
                        + "flag it",
                    at: vm.ranges.value("size"),
                    help:
                        "use one of \(Self.schemaVMSizes.sorted().joined(separator: ", ")) or set cpus and memory only")
            }
        }
        for seal in spec.vault?.seals ?? [] {
            guard let token = seal.token else { continue }
            diagnostics.warning(
                "W0802",
                "vault.hcl: the transit seal token is not written into the file; Vault reads it from VAULT_TOKEN",
                at: token.range,
                help:
                    "export VAULT_TOKEN=$(vault kv get -field=\(token.key) \(token.path)) on the Vault host before "
                    + "starting it"
            )
        }
    }

    /// Where Cloudflare lists its OWASP ruleset's rules with their ids and categories.
    static let owaspRulesEndpoint = "GET /zones/{zone_id}/rulesets/4814384a9e5d4991b9815dcfc25d2f1f"

    /// Rule-level exceptions and overrides need Cloudflare's own rule ids, which cannot be derived from CRS ids
    /// offline: without them the exception or override is simulated but not emitted.
    private func managedRuleIDs() {
        for skip in spec.managedRules?.skip ?? [] where skip.rules != nil && skip.cloudflareIDs == nil {
            diagnostics.warning(
                "W0804",
                "cloudflare/http_request_firewall_managed.json: exception '\(skip.id.text)' skips OWASP rules by CRS "
                    + "id or tag, which Cloudflare does not know; it is simulated but not emitted",
                at: skip.ranges.key("rules"),
                help: "add cloudflare_ids: [...] with the ids of these rules listed by \(Self.owaspRulesEndpoint)")
        }
        for override in spec.managedRules?.owasp?.overrides ?? [] where override.cloudflareID == nil {
            let kind = override.tag != nil ? "category" : "rule id"
            diagnostics.warning(
                "W0804",
                "cloudflare/http_request_firewall_managed.json: the override names a CRS "
                    + (override.tag != nil ? "tag" : "id")
                    + ", which Cloudflare does not know; it is simulated but not emitted",
                at: override.reference?.range ?? override.ranges.whole,
                help: "add cloudflare_id: with the \(kind) Cloudflare's OWASP ruleset uses, listed by "
                    + Self.owaspRulesEndpoint)
        }
    }

    /// A period the plan accepts through the API but the Terraform provider refuses (a period the plan does not
    /// accept is already an error).
    private func terraformPeriod(_ rule: RateLimitSpec) {
        let availability = PlanAvailability.of(spec.zone.plan)
        guard availability.acceptsPeriod(rule.period), !Self.terraformPeriods.contains(rule.period.seconds) else {
            return
        }
        let usable = Self.terraformPeriods.filter { $0 <= availability.longestPeriod }
        diagnostics.warning(
            "W0803",
            "terraform/cloudflare.tf: the Cloudflare provider v5 accepts only periods of "
                + "\(PlanAvailability.list(Self.terraformPeriods)), so `terraform plan` rejects \(rule.period); "
                + "the API JSON in cloudflare/ deploys it",
            at: rule.ranges.value("period"),
            help:
                "deploy cloudflare/http_ratelimit.json through the API, or use one of \(PlanAvailability.list(usable))")
    }

    /// Upstash exposes eviction on/off, region and TLS; everything else in redis.conf has no Upstash equivalent
    /// (`docs/config-targets.md`, "Upstash").
    private func upstash(_ redis: RedisSpec) {
        if redis.maxmemoryPolicy != .noeviction {
            diagnostics.warning(
                "W0811",
                "Upstash has one eviction algorithm (random sampling, keys with a TTL first); "
                    + "'\(redis.maxmemoryPolicy.rawValue)' is approximated as eviction on",
                at: redis.ranges.value("maxmemory_policy"))
        }
        if let persistence = redis.persistence {
            if persistence.ranges.keys["appendfsync"] != nil || persistence.save != nil {
                diagnostics.warning(
                    "W0812",
                    "Upstash always persists to durable storage and has no AOF or snapshot settings; appendfsync and "
                        + "save apply to the self-hosted redis.conf only",
                    at: persistence.ranges.key(persistence.ranges.keys["appendfsync"] != nil ? "appendfsync" : "save"))
            }
        }
        if redis.maxmemory != nil {
            diagnostics.warning(
                "W0813",
                "Upstash sets memory by plan (max data size); maxmemory applies to the self-hosted redis.conf only",
                at: redis.ranges.key("maxmemory"))
        }
        if let tls = redis.tls, !tls.enabled {
            diagnostics.warning(
                "W0814", "Upstash always uses TLS; it cannot be disabled", at: tls.ranges.value("enabled"))
        }
    }
}
