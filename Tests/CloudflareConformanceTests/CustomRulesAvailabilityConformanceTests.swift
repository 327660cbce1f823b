import EdgeCompiler
import EdgeCore
import EdgeSpec
import Testing

/// A WAF custom rule setting whose accepted values depend on the zone's plan, written into a minimal spec to check.
enum CustomRuleSetting: String, AvailabilitySetting {
    case ruleCount = "number of custom rules"
    case action = "action"
    case expression = "expression"

    /// The diagnostic a rejected value is reported with.
    var errorID: String {
        switch self {
        case .ruleCount: "E0911"
        case .action: "E0912"
        case .expression: "E0625"
        }
    }

    /// A spec on `plan` with the setting at `value` and everything else accepted on every plan.
    func spec(plan: CloudflarePlan, value: String) -> String {
        let head = "version: 1\nzone:\n  name: example.com\n  plan: \(plan.rawValue)\nwaf:\n"
        switch self {
        case .ruleCount:
            return head
                + (1...Int(value)!).map {
                    "  - id: w\($0)\n    when: 'http.host eq \"a\($0).example.com\"'\n    action: block\n"
                }
                .joined()
        case .action:
            let skip = value == "skip" ? "    skip: { rest: true }\n" : ""
            return head + "  - id: w\n    when: 'http.request.uri.path eq \"/admin\"'\n    action: \(value)\n" + skip
        case .expression:
            return head + "  - id: w\n    when: '\(value)'\n    action: block\n"
        }
    }
}

private let page = "https://developers.cloudflare.com/waf/custom-rules/"
private let read = "2026-12-02"
private let ruleCounts = CloudflareSource(page: page, part: "Availability: Number of rules", read: read)
private let actions = CloudflareSource(page: page, part: "Availability: Supported actions", read: read)
private let regex = CloudflareSource(page: page, part: "Availability: Regex support", read: read)

/// Cloudflare's custom rules availability table as a plan oracle, one row per (plan, setting, value).
let customRuleAvailabilityCases: [AvailabilityCase<CustomRuleSetting>] = [
    // Number of rules: Free 5, Pro 20, Business 100, Enterprise 1,000.
    .init(plan: .free, setting: .ruleCount, value: "5", accepted: true, source: ruleCounts),
    .init(plan: .free, setting: .ruleCount, value: "6", accepted: false, source: ruleCounts),
    .init(plan: .pro, setting: .ruleCount, value: "20", accepted: true, source: ruleCounts),
    .init(plan: .pro, setting: .ruleCount, value: "21", accepted: false, source: ruleCounts),
    .init(plan: .business, setting: .ruleCount, value: "100", accepted: true, source: ruleCounts),
    .init(plan: .business, setting: .ruleCount, value: "101", accepted: false, source: ruleCounts),
    .init(plan: .enterprise, setting: .ruleCount, value: "101", accepted: true, source: ruleCounts),
    .init(plan: .enterprise, setting: .ruleCount, value: "1000", accepted: true, source: ruleCounts),
    .init(plan: .enterprise, setting: .ruleCount, value: "1001", accepted: false, source: ruleCounts),
    // Supported actions: all except Log on Free, Pro and Business; all on Enterprise.
    .init(plan: .free, setting: .action, value: "block", accepted: true, source: actions),
    .init(plan: .free, setting: .action, value: "managed_challenge", accepted: true, source: actions),
    .init(plan: .free, setting: .action, value: "js_challenge", accepted: true, source: actions),
    .init(plan: .free, setting: .action, value: "challenge", accepted: true, source: actions),
    .init(plan: .free, setting: .action, value: "skip", accepted: true, source: actions),
    .init(plan: .free, setting: .action, value: "log", accepted: false, source: actions),
    .init(plan: .pro, setting: .action, value: "log", accepted: false, source: actions),
    .init(plan: .business, setting: .action, value: "log", accepted: false, source: actions),
    .init(plan: .business, setting: .action, value: "skip", accepted: true, source: actions),
    .init(plan: .enterprise, setting: .action, value: "log", accepted: true, source: actions),
    .init(plan: .enterprise, setting: .action, value: "js_challenge", accepted: true, source: actions),
    // Regex support: no on Free and Pro, yes on Business and Enterprise; `~` is the same operator as `matches`.
    .init(
        plan: .free, setting: .expression, value: "http.request.uri.path matches \"^/a.*\"", accepted: false,
        source: regex),
    .init(
        plan: .free, setting: .expression, value: "http.request.uri.path ~ \"^/a.*\"", accepted: false,
        source: regex),
    .init(
        plan: .pro, setting: .expression, value: "http.request.uri.path matches \"^/a.*\"", accepted: false,
        source: regex),
    .init(
        plan: .pro, setting: .expression, value: "not http.user_agent matches r\"bot\"", accepted: false,
        source: regex),
    .init(
        plan: .pro, setting: .expression, value: "http.request.uri.path wildcard \"/a*\"", accepted: true,
        source: regex),
    .init(
        plan: .business, setting: .expression, value: "http.request.uri.path matches \"^/a.*\"", accepted: true,
        source: regex),
    .init(
        plan: .business, setting: .expression, value: "http.request.uri.path ~ \"^/a.*\"", accepted: true,
        source: regex),
    .init(
        plan: .enterprise, setting: .expression, value: "http.request.uri.path matches \"^/a.*\"", accepted: true,
        source: regex),
]

/// `check` accepts a custom rule setting exactly when Cloudflare's table does, and rejects it with the setting's
/// diagnostic.
@Test(arguments: customRuleAvailabilityCases)
func customRuleAvailabilityFollowsCloudflaresTable(_ row: AvailabilityCase<CustomRuleSetting>) {
    row.expectCheckAgrees()
}
