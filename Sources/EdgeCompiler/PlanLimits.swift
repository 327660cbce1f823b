import EdgeCore
import EdgeSpec

/// What the zone's plan allows for rule counts, actions, responses and rate-limit timing
/// (`docs/cloudflare-semantics.md`, "Plan limits", "Rate limiting: mitigation").
struct PlanLimits {
    let spec: Spec
    let diagnostics: DiagnosticCollector

    var plan: CloudflarePlan { spec.zone.plan }

    func run() {
        let customLimit = [CloudflarePlan.free: 5, .pro: 20, .business: 100, .enterprise: 1000][plan]!
        if spec.waf.count > customLimit, let extra = spec.waf.dropFirst(customLimit).first {
            diagnostics.error(
                "E0911", "\(spec.waf.count) WAF custom rules; the \(plan.rawValue) plan allows \(customLimit)",
                at: extra.ranges.whole)
        }
        let rateLimitCount = [CloudflarePlan.free: 1, .pro: 2, .business: 5, .enterprise: 100][plan]!
        if spec.rateLimits.count > rateLimitCount, let extra = spec.rateLimits.dropFirst(rateLimitCount).first {
            diagnostics.error(
                "E0911",
                "\(spec.rateLimits.count) rate limiting rules; the \(plan.rawValue) plan allows \(rateLimitCount)",
                at: extra.ranges.whole)
        }
        for rule in spec.waf {
            if rule.action == .log, plan != .enterprise {
                diagnostics.error("E0912", "the log action needs the enterprise plan", at: rule.ranges.value("action"))
            }
            if rule.response != nil, plan == .free {
                diagnostics.error(
                    "E0913", "custom block responses need the pro plan or above", at: rule.ranges.key("response"))
            }
        }
        for rule in spec.rateLimits { rateLimit(rule) }
    }

    /// Periods and timeouts Cloudflare accepts, and the most each plan allows.
    static let periods: Set<Int64> = [
        10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400,
    ]
    static let maxPeriod: [CloudflarePlan: Int64] = [.free: 10, .pro: 60, .business: 600, .enterprise: 65535]
    static let maxTimeout: [CloudflarePlan: Int64] = [.free: 10, .pro: 3600, .business: 86400, .enterprise: 86400]

    private func rateLimit(_ rule: RateLimitSpec) {
        let period = rule.period.seconds, timeout = rule.timeout.seconds
        if rule.period.milliseconds % 1000 != 0 || !Self.periods.contains(period) {
            diagnostics.error(
                "E0914", "Cloudflare does not accept a \(rule.period) period", at: rule.ranges.value("period"),
                help: "use one of "
                    + Self.periods.sorted().map { EdgeDuration.seconds($0).description }.joined(separator: ", "))
        } else if period > Self.maxPeriod[plan]! {
            diagnostics.error(
                "E0914",
                "the \(plan.rawValue) plan allows periods up to \(EdgeDuration.seconds(Self.maxPeriod[plan]!))",
                at: rule.ranges.value("period"))
        }
        if timeout != 0, rule.timeout.milliseconds % 1000 != 0 || !Self.periods.contains(timeout) {
            diagnostics.error(
                "E0915", "Cloudflare does not accept a \(rule.timeout) mitigation timeout",
                at: rule.ranges.value("timeout"),
                help: "use 0s (throttle) or one of the period values")
        } else if timeout > Self.maxTimeout[plan]! {
            diagnostics.error(
                "E0915",
                "the \(plan.rawValue) plan allows timeouts up to \(EdgeDuration.seconds(Self.maxTimeout[plan]!))",
                at: rule.ranges.value("timeout"))
        }
        if timeout == 0, rule.action == .block, plan != .enterprise {
            diagnostics.error(
                "E0916", "throttling (timeout 0s) with block needs the enterprise plan",
                at: rule.ranges.value("timeout"),
                help: "give a mitigation timeout, e.g. 1m")
        }
        if timeout != 0, [.challenge, .managed_challenge, .js_challenge].contains(rule.action), plan != .enterprise {
            diagnostics.error(
                "E0916", "on the \(plan.rawValue) plan a challenge action needs timeout 0s",
                at: rule.ranges.value("timeout"),
                help: "set timeout: 0s")
        }
        if rule.action == .log, plan != .enterprise {
            diagnostics.error("E0912", "the log action needs the enterprise plan", at: rule.ranges.value("action"))
        }
    }
}
