import EdgeCompiler
import EdgeCore
import EdgeSpec
import Testing

/// A spec setting whose accepted values depend on the zone's plan, written into a minimal spec to check.
enum PlanSetting: String, AvailabilitySetting {
    case rateLimitPeriod = "rate limit period"
    case mitigationTimeout = "mitigation timeout"
    case edgeTTL = "cache rule edge TTL"
    case browserTTL = "cache rule browser TTL"
    case cacheRuleCount = "number of cache rules"
    case cacheKeyQueryString = "cache key query string"
    case managedRuleset = "managed ruleset"
    case listRuleRequestsToOrigin = "requests_to_origin of a rule using a Cloudflare list"
    case listCountingExpression = "counting expression of a rule using a Cloudflare list"

    /// The diagnostic a rejected value is reported with.
    var errorID: String {
        switch self {
        case .rateLimitPeriod: "E0914"
        case .mitigationTimeout: "E0915"
        case .edgeTTL, .browserTTL: "E0931"
        case .cacheRuleCount: "E0911"
        case .cacheKeyQueryString: "E0934"
        case .managedRuleset: "E0932"
        case .listRuleRequestsToOrigin, .listCountingExpression: "E0933"
        }
    }

    /// A spec on `plan` with the setting at `value` and everything else accepted on every plan.
    func spec(plan: CloudflarePlan, value: String) -> String {
        let head = "version: 1\nzone:\n  name: example.com\n  plan: \(plan.rawValue)\n"
        let office = "lists:\n  office:\n    kind: ip\n    managed: true\n    items: [192.0.2.0/24]\n"
        let rateLimit = "rate_limits:\n  - id: r\n    requests: 10\n    action: block\n"
        switch self {
        case .rateLimitPeriod:
            return head + rateLimit + "    when: 'true'\n    timeout: 10s\n    period: \(value)\n"
        case .mitigationTimeout:
            return head + rateLimit + "    when: 'true'\n    period: 10s\n    timeout: \(value)\n"
        case .edgeTTL:
            return head + "cache:\n  - id: c\n    when: 'true'\n    edge_ttl: \(value)\n"
        case .browserTTL:
            return head + "cache:\n  - id: c\n    when: 'true'\n    browser_ttl: \(value)\n"
        case .cacheRuleCount:
            let rules = (1...Int(value)!).map { "  - id: c\($0)\n    when: 'true'\n    edge_ttl: 1d\n" }
            return head + "cache:\n" + rules.joined()
        case .cacheKeyQueryString:
            return head + "cache:\n  - id: c\n    when: 'true'\n    cache_key:\n      query_string: { \(value) }\n"
        case .managedRuleset:
            return head + "managed_rules:\n  \(value):\n    enabled: true\n"
        case .listRuleRequestsToOrigin:
            return head + office + rateLimit
                + "    when: ip.src in $office\n    period: 10s\n    timeout: 10s\n    requests_to_origin: \(value)\n"
        case .listCountingExpression:
            return head + office + rateLimit
                + "    when: ip.src in $office\n    period: 10s\n    timeout: 10s\n    counting_when: '\(value)'\n"
        }
    }
}

private let read = "2026-12-02"
private let rateLimitAvailability = "https://developers.cloudflare.com/waf/rate-limiting-rules/"
private let periods = CloudflareSource(
    page: rateLimitAvailability, part: "Availability: Counting periods, footnote 3 (supported values)", read: read)
private let timeouts = CloudflareSource(
    page: rateLimitAvailability,
    part: "Availability: Mitigation timeout periods, footnotes 3 and 4 (custom timeout via API on Enterprise)",
    read: read)
private let edgeTTLs = CloudflareSource(
    page: "https://developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/",
    part: "Edge Cache TTL: Minimum Edge Cache TTL by plan", read: read)
private let browserTTLs = CloudflareSource(
    page: "https://developers.cloudflare.com/cache/how-to/edge-browser-cache-ttl/",
    part: "Browser Cache TTL: Minimum Browser Cache TTL", read: read)
private let cacheRuleCounts = CloudflareSource(
    page: "https://developers.cloudflare.com/cache/how-to/cache-rules/", part: "Availability: Number of rules",
    read: read)
private let cacheKeys = CloudflareSource(
    page: "https://developers.cloudflare.com/cache/how-to/cache-rules/settings/",
    part: "Cache Key: the Query string options Enterprise customers have", read: read)
private let managedRulesets = CloudflareSource(
    page: "https://developers.cloudflare.com/waf/managed-rules/", part: "Availability", read: read)
private let listRestrictions = CloudflareSource(
    page: "https://developers.cloudflare.com/waf/rate-limiting-rules/parameters/", part: "Configuration restrictions",
    read: read)

/// Cloudflare's availability tables as a plan oracle, one row per (plan, setting, value).
let planAvailabilityCases: [AvailabilityCase<PlanSetting>] = [
    // Counting periods: Free 10 s; Pro all supported values up to 1 min; Business up to 10 min; Enterprise up to
    // 65,535 s. Supported: 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400,
    // 3600, 65535, 86400.
    .init(plan: .free, setting: .rateLimitPeriod, value: "10s", accepted: true, source: periods),
    .init(plan: .free, setting: .rateLimitPeriod, value: "15s", accepted: false, source: periods),
    .init(plan: .free, setting: .rateLimitPeriod, value: "1m", accepted: false, source: periods),
    .init(plan: .pro, setting: .rateLimitPeriod, value: "45s", accepted: true, source: periods),
    .init(plan: .pro, setting: .rateLimitPeriod, value: "1m", accepted: true, source: periods),
    .init(plan: .pro, setting: .rateLimitPeriod, value: "90s", accepted: false, source: periods),
    .init(plan: .pro, setting: .rateLimitPeriod, value: "50s", accepted: false, source: periods),
    .init(plan: .business, setting: .rateLimitPeriod, value: "8m", accepted: true, source: periods),
    .init(plan: .business, setting: .rateLimitPeriod, value: "10m", accepted: true, source: periods),
    .init(plan: .business, setting: .rateLimitPeriod, value: "7m", accepted: false, source: periods),
    .init(plan: .business, setting: .rateLimitPeriod, value: "15m", accepted: false, source: periods),
    .init(plan: .enterprise, setting: .rateLimitPeriod, value: "1h", accepted: true, source: periods),
    .init(plan: .enterprise, setting: .rateLimitPeriod, value: "65535s", accepted: true, source: periods),
    .init(plan: .enterprise, setting: .rateLimitPeriod, value: "1d", accepted: false, source: periods),
    .init(plan: .enterprise, setting: .rateLimitPeriod, value: "10500ms", accepted: false, source: periods),
    // Mitigation timeouts: Free 10 s; Pro all supported values up to 1 h; Business up to 1 day; Enterprise up to
    // 1 day, and a custom timeout through the API.
    .init(plan: .free, setting: .mitigationTimeout, value: "10s", accepted: true, source: timeouts),
    .init(plan: .free, setting: .mitigationTimeout, value: "1m", accepted: false, source: timeouts),
    .init(plan: .pro, setting: .mitigationTimeout, value: "90s", accepted: true, source: timeouts),
    .init(plan: .pro, setting: .mitigationTimeout, value: "1h", accepted: true, source: timeouts),
    .init(plan: .pro, setting: .mitigationTimeout, value: "100s", accepted: false, source: timeouts),
    .init(plan: .pro, setting: .mitigationTimeout, value: "2h", accepted: false, source: timeouts),
    .init(plan: .business, setting: .mitigationTimeout, value: "65535s", accepted: true, source: timeouts),
    .init(plan: .business, setting: .mitigationTimeout, value: "1d", accepted: true, source: timeouts),
    .init(plan: .business, setting: .mitigationTimeout, value: "100s", accepted: false, source: timeouts),
    .init(plan: .enterprise, setting: .mitigationTimeout, value: "1d", accepted: true, source: timeouts),
    .init(plan: .enterprise, setting: .mitigationTimeout, value: "100s", accepted: true, source: timeouts),
    .init(plan: .enterprise, setting: .mitigationTimeout, value: "2h", accepted: true, source: timeouts),
    .init(plan: .enterprise, setting: .mitigationTimeout, value: "1500ms", accepted: false, source: timeouts),
    // Minimum Edge Cache TTL: Free 2 hours, Pro 1 hour, Business 1 second, Enterprise 1 second.
    .init(plan: .free, setting: .edgeTTL, value: "30m", accepted: false, source: edgeTTLs),
    .init(plan: .free, setting: .edgeTTL, value: "1h59m59s", accepted: false, source: edgeTTLs),
    .init(plan: .free, setting: .edgeTTL, value: "2h", accepted: true, source: edgeTTLs),
    .init(plan: .pro, setting: .edgeTTL, value: "30m", accepted: false, source: edgeTTLs),
    .init(plan: .pro, setting: .edgeTTL, value: "1h", accepted: true, source: edgeTTLs),
    .init(plan: .business, setting: .edgeTTL, value: "1s", accepted: true, source: edgeTTLs),
    .init(plan: .enterprise, setting: .edgeTTL, value: "1s", accepted: true, source: edgeTTLs),
    .init(plan: .enterprise, setting: .edgeTTL, value: "500ms", accepted: false, source: edgeTTLs),
    // Minimum Browser Cache TTL (cache rules): 1 second on every plan.
    .init(plan: .free, setting: .browserTTL, value: "1s", accepted: true, source: browserTTLs),
    .init(plan: .free, setting: .browserTTL, value: "500ms", accepted: false, source: browserTTLs),
    .init(plan: .enterprise, setting: .browserTTL, value: "500ms", accepted: false, source: browserTTLs),
    // Number of cache rules: Free 10, Pro 25, Business 50, Enterprise 300.
    .init(plan: .free, setting: .cacheRuleCount, value: "10", accepted: true, source: cacheRuleCounts),
    .init(plan: .free, setting: .cacheRuleCount, value: "11", accepted: false, source: cacheRuleCounts),
    .init(plan: .pro, setting: .cacheRuleCount, value: "25", accepted: true, source: cacheRuleCounts),
    .init(plan: .pro, setting: .cacheRuleCount, value: "26", accepted: false, source: cacheRuleCounts),
    .init(plan: .business, setting: .cacheRuleCount, value: "51", accepted: false, source: cacheRuleCounts),
    .init(plan: .enterprise, setting: .cacheRuleCount, value: "51", accepted: true, source: cacheRuleCounts),
    // Cache key query string: listed parameters in or out of the key on Enterprise; ignoring it on every plan.
    .init(plan: .pro, setting: .cacheKeyQueryString, value: "include: [page]", accepted: false, source: cacheKeys),
    .init(plan: .business, setting: .cacheKeyQueryString, value: "exclude: [utm]", accepted: false, source: cacheKeys),
    .init(plan: .free, setting: .cacheKeyQueryString, value: "ignore: true", accepted: true, source: cacheKeys),
    .init(
        plan: .enterprise, setting: .cacheKeyQueryString, value: "include: [page]", accepted: true, source: cacheKeys),
    // Managed rulesets: the Free Managed Ruleset on every plan; the Cloudflare Managed Ruleset and the OWASP Core
    // Ruleset on paid plans.
    .init(plan: .free, setting: .managedRuleset, value: "cloudflare", accepted: false, source: managedRulesets),
    .init(plan: .free, setting: .managedRuleset, value: "owasp", accepted: false, source: managedRulesets),
    .init(plan: .pro, setting: .managedRuleset, value: "cloudflare", accepted: true, source: managedRulesets),
    .init(plan: .pro, setting: .managedRuleset, value: "owasp", accepted: true, source: managedRulesets),
    .init(plan: .business, setting: .managedRuleset, value: "owasp", accepted: true, source: managedRulesets),
    .init(plan: .enterprise, setting: .managedRuleset, value: "cloudflare", accepted: true, source: managedRulesets),
    // A rule whose expression includes a custom list must also rate limit cached assets; its counting expression
    // cannot include both response fields and custom lists.
    .init(
        plan: .business, setting: .listRuleRequestsToOrigin, value: "true", accepted: false, source: listRestrictions),
    .init(
        plan: .business, setting: .listRuleRequestsToOrigin, value: "false", accepted: true, source: listRestrictions),
    .init(
        plan: .enterprise, setting: .listRuleRequestsToOrigin, value: "true", accepted: false,
        source: listRestrictions),
    .init(
        plan: .enterprise, setting: .listCountingExpression, value: "ip.src in $office and http.response.code eq 401",
        accepted: false, source: listRestrictions),
    .init(
        plan: .enterprise, setting: .listCountingExpression, value: "http.response.code eq 401", accepted: true,
        source: listRestrictions),
]

/// `check` accepts a setting exactly when Cloudflare's table does, and rejects it with the setting's diagnostic.
@Test(arguments: planAvailabilityCases)
func planAvailabilityFollowsCloudflaresTables(_ row: AvailabilityCase<PlanSetting>) {
    row.expectCheckAgrees()
}
