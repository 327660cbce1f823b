import EdgeCore
import EdgeSpec
import RulesLanguage

/// The rate limiting configuration restrictions on lists (`docs/cloudflare-semantics.md`, "Rate limiting: rule
/// shape and characteristics"): a rule whose expressions use a Cloudflare list must count cached requests too
/// (`requests_to_origin: false`), and its counting expression cannot read response fields and a list together.
/// Only managed lists stay lists in the deployed rule; other spec lists are written inline as sets.
struct RateLimitListRestrictions {
    let managedLists: Set<String>
    let diagnostics: DiagnosticCollector

    /// Reports what `rule` breaks, given its compiled `when` and `counting_when`.
    func check(_ rule: RateLimitSpec, when: Expression, countingWhen: Expression?) {
        let inWhen = when.listNames.intersection(managedLists)
        let inCounting = countingWhen.map { $0.listNames.intersection(managedLists) } ?? []
        if rule.requestsToOrigin, let list = inWhen.union(inCounting).sorted().first {
            diagnostics.error(
                "E0933",
                "the rule uses the Cloudflare list $\(list), so Cloudflare requires it to count cached requests too",
                at: rule.ranges.value("requests_to_origin"),
                help: "set requests_to_origin: false, or make $\(list) an inline list (managed: false)")
        }
        if let countingWhen, let text = rule.countingWhen, let list = inCounting.sorted().first,
            countingWhen.fieldsUsed.contains(where: { $0.hasPrefix("http.response.") })
        {
            diagnostics.error(
                "E0933", "a counting expression cannot read response fields and the Cloudflare list $\(list) together",
                at: text.range,
                help: "move the $\(list) condition into `when`, or make $\(list) an inline list (managed: false)")
        }
    }
}

extension Expression {
    /// The named lists (`$name`) the expression reads.
    var listNames: Set<String> {
        var names: Set<String> = []
        Self.collectLists(root, into: &names)
        return names
    }

    private static func collectLists(_ node: LogicalExpression, into names: inout Set<String>) {
        switch node.kind {
        case .combination(_, let items): for item in items { collectLists(item, into: &names) }
        case .not(let inner), .parenthesized(let inner): collectLists(inner, into: &names)
        case .comparison(let comparison):
            if case .list(let name, _) = comparison.rhs { names.insert(name) }
            collectLists(comparison.lhs, into: &names)
        case .value(let value): collectLists(value, into: &names)
        }
    }

    private static func collectLists(_ value: ValueExpression, into names: inout Set<String>) {
        guard case .call(let call) = value.base else { return }
        for argument in call.arguments {
            switch argument {
            case .value(let inner): collectLists(inner, into: &names)
            case .logical(let logical): collectLists(logical, into: &names)
            }
        }
    }
}
