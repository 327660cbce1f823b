import EdgeCore

/// What one Cloudflare plan offers of the settings the plan checks judge: one row of the table Cloudflare's
/// availability pages give (`docs/cloudflare-semantics.md`, "Plan limits").
struct PlanAvailability {
    /// How many WAF custom rules the zone may have.
    let customRules: Int
    /// How many rate limiting rules the zone may have.
    let rateLimitRules: Int
    /// How many cache rules the zone may have.
    let cacheRules: Int
    /// The longest counting period, in seconds ("all supported values up to" it).
    let longestPeriod: Int64
    /// The longest mitigation timeout, in seconds ("all supported values up to" it).
    let longestTimeout: Int64
    /// Whether the API also takes a mitigation timeout that is not a supported value (whole seconds up to
    /// `longestTimeout`).
    let customTimeouts: Bool
    /// The shortest edge TTL a cache rule may set, in seconds.
    let shortestEdgeTTL: Int64
    /// Whether a cache rule's cache key may include or exclude listed query-string parameters (ignoring the whole
    /// query string is on every plan).
    let customQueryStringKeys: Bool
    /// Whether the Cloudflare Managed Ruleset and the Cloudflare OWASP Core Ruleset can be deployed.
    let paidManagedRulesets: Bool

    /// The row for `plan`.
    static func of(_ plan: CloudflarePlan) -> PlanAvailability {
        switch plan {
        case .free:
            PlanAvailability(
                customRules: 5, rateLimitRules: 1, cacheRules: 10, longestPeriod: 10, longestTimeout: 10,
                customTimeouts: false, shortestEdgeTTL: 7200, customQueryStringKeys: false, paidManagedRulesets: false
            )
        case .pro:
            PlanAvailability(
                customRules: 20, rateLimitRules: 2, cacheRules: 25, longestPeriod: 60, longestTimeout: 3600,
                customTimeouts: false, shortestEdgeTTL: 3600, customQueryStringKeys: false, paidManagedRulesets: true)
        case .business:
            PlanAvailability(
                customRules: 100, rateLimitRules: 5, cacheRules: 50, longestPeriod: 600, longestTimeout: 86_400,
                customTimeouts: false, shortestEdgeTTL: 1, customQueryStringKeys: false, paidManagedRulesets: true)
        case .enterprise:
            PlanAvailability(
                customRules: 1000, rateLimitRules: 100, cacheRules: 300, longestPeriod: 65_535, longestTimeout: 86_400,
                customTimeouts: true, shortestEdgeTTL: 1, customQueryStringKeys: true, paidManagedRulesets: true)
        }
    }

    /// The counting period and mitigation timeout values Cloudflare supports, in seconds; not all on every plan.
    static let supportedSeconds: [Int64] = [
        10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65_535, 86_400,
    ]

    /// The shortest browser TTL a cache rule may set on every plan, in seconds.
    static let shortestBrowserTTL: Int64 = 1

    /// The counting periods this plan accepts.
    var periods: [Int64] { Self.supportedSeconds.filter { $0 <= longestPeriod } }

    /// The supported mitigation timeouts this plan accepts (0, throttling, is judged apart).
    var timeouts: [Int64] { Self.supportedSeconds.filter { $0 <= longestTimeout } }

    /// Whether `duration` is a counting period this plan accepts.
    func acceptsPeriod(_ duration: EdgeDuration) -> Bool {
        duration.milliseconds % 1000 == 0 && periods.contains(duration.seconds)
    }

    /// Whether `duration` is a mitigation timeout above zero this plan accepts.
    func acceptsTimeout(_ duration: EdgeDuration) -> Bool {
        guard duration.milliseconds % 1000 == 0 else { return false }
        if customTimeouts { return (1...longestTimeout).contains(duration.seconds) }
        return timeouts.contains(duration.seconds)
    }

    /// `values` as durations for a message, e.g. "10s, 15s, 20s".
    static func list(_ values: [Int64]) -> String {
        values.map { EdgeDuration.seconds($0).description }.joined(separator: ", ")
    }
}
