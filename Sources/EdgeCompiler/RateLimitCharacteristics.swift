import EdgeCore
import EdgeSpec

/// Checks rate-limit characteristics against what Cloudflare accepts and the zone's plan allows
/// (`docs/cloudflare-semantics.md`, "Rate limiting: rule shape and characteristics", "Plan limits"), and returns them
/// in Cloudflare's order with `cf.colo.id` first.
struct RateLimitCharacteristics {
    let plan: CloudflarePlan
    let diagnostics: DiagnosticCollector

    /// Characteristics every plan has.
    static let basic: Set<String> = ["ip.src", "cf.colo.id"]
    /// Business adds IP with NAT support.
    static let business: Set<String> = ["cf.unique_visitor_id"]
    /// Enterprise (Advanced Rate Limiting) adds these names.
    static let enterprise: Set<String> = [
        "http.host", "http.request.uri.path", "ip.src.asnum", "ip.src.country", "cf.bot_management.ja3_hash",
        "cf.bot_management.ja4", "http.request.body.raw", "http.request.body.size",
    ]
    /// Enterprise keyed characteristics: `prefix["name"]`.
    static let keyedPrefixes = [
        "http.request.headers", "http.request.cookies", "http.request.uri.args", "http.request.body.form",
    ]

    /// The validated list, or nil after reporting.
    func validate(_ written: [LocatedText]) -> [String]? {
        var result = ["cf.colo.id"]
        var failed = false
        for item in written {
            let name = item.text
            if name == "cf.colo.id" { continue }
            let keyed = Self.keyedPrefixes.first { name.hasPrefix($0 + "[\"") && name.hasSuffix("\"]") }
            let known =
                Self.basic.contains(name) || Self.business.contains(name) || Self.enterprise.contains(name)
                || keyed != nil
            guard known else {
                let suggestion = bestSuggestion(
                    for: name, among: Array(Self.basic.union(Self.business).union(Self.enterprise)).sorted())
                diagnostics.error(
                    "E0901", "'\(name)' is not a rate-limit characteristic", at: item.range,
                    help: suggestion.map { "did you mean '\($0)'?" }
                        ?? "use ip.src, or on Enterprise a header, cookie, query argument, host, path, ASN or country")
                failed = true
                continue
            }
            let needed: CloudflarePlan =
                Self.basic.contains(name) ? .free : Self.business.contains(name) ? .business : .enterprise
            if plan < needed {
                diagnostics.error(
                    "E0902",
                    "the '\(name)' characteristic needs the \(needed.rawValue) plan; this zone is \(plan.rawValue)",
                    at: item.range)
                failed = true
            }
            if keyed == "http.request.headers", name != name.lowercased() {
                diagnostics.error(
                    "E0901", "header characteristics use the lower-case header name", at: item.range,
                    fixIt: FixIt(replace: item.range, with: name.lowercased()))
                failed = true
            }
            if result.contains(name) {
                diagnostics.error("E0901", "'\(name)' is listed twice", at: item.range)
                failed = true
            }
            result.append(name)
        }
        if result.contains("ip.src"), result.contains("cf.unique_visitor_id") {
            diagnostics.error(
                "E0901", "ip.src and cf.unique_visitor_id cannot be combined", at: written.last?.range ?? .wholeFile("")
            )
            failed = true
        }
        return failed ? nil : result
    }
}
