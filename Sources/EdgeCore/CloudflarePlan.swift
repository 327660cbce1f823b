/// A Cloudflare zone plan; many Rules-language features, limits and rule counts depend on it.
public enum CloudflarePlan: String, CaseIterable, Comparable, Sendable {
    /// Free plan.
    case free
    /// Pro plan.
    case pro
    /// Business plan.
    case business
    /// Enterprise plan.
    case enterprise

    /// Orders plans from free to enterprise.
    public static func < (lhs: CloudflarePlan, rhs: CloudflarePlan) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
