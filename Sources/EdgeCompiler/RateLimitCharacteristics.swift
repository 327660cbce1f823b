import EdgeCore
import EdgeSpec
import RulesLanguage

/// Checks rate-limit characteristics against what Cloudflare accepts and the zone's plan allows
/// (`docs/cloudflare-semantics.md`, "Rate limiting: rule shape and characteristics", "Plan limits"), reading each
/// with `RateLimitCharacteristic(field:)`, the one list the model keys counters by, and returns them in the order
/// written (`cf.colo.id`, always part of the key, is not among them).
struct RateLimitCharacteristics {
    let plan: CloudflarePlan
    let diagnostics: DiagnosticCollector

    /// The validated list, or nil after reporting.
    func validate(_ written: [LocatedText]) -> [RateLimitCharacteristic]? {
        var result: [RateLimitCharacteristic] = []
        var failed = false
        for item in written {
            let name = item.text
            if name == "cf.colo.id" { continue }
            guard let characteristic = RateLimitCharacteristic(field: name) else {
                let names = RateLimitCharacteristic.plainNames.map(\.name) + ["cf.colo.id"]
                let suggestion = bestSuggestion(for: name, among: names.sorted())
                diagnostics.error(
                    "E0901", "'\(name)' is not a rate-limit characteristic", at: item.range,
                    help: suggestion.map { "did you mean '\($0)'?" }
                        ?? "use ip.src, or on Enterprise one of "
                        + RateLimitCharacteristic.keyedForms.joined(separator: ", "))
                failed = true
                continue
            }
            let needed = characteristic.minimumPlan
            if plan < needed {
                diagnostics.error(
                    "E0902",
                    "the '\(name)' characteristic needs the \(needed.rawValue) plan; this zone is \(plan.rawValue)",
                    at: item.range)
                failed = true
            }
            if case .header = characteristic, name != name.lowercased() {
                diagnostics.error(
                    "E0901", "header characteristics use the lower-case header name", at: item.range,
                    fixIt: FixIt(replace: item.range, with: name.lowercased()))
                failed = true
            }
            if result.contains(characteristic) {
                diagnostics.error("E0901", "'\(name)' is listed twice", at: item.range)
                failed = true
            }
            result.append(characteristic)
        }
        if result.contains(.ipSource), result.contains(.uniqueVisitor) {
            diagnostics.error(
                "E0901", "ip.src and cf.unique_visitor_id cannot be combined", at: written.last?.range ?? .wholeFile("")
            )
            failed = true
        }
        return failed ? nil : result
    }
}
