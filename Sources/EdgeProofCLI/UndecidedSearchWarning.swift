import CloudflareRegex
import EdgeCore

/// The warning a simulating command prints when regex searches ran out of their match budget, so an undecided
/// `matches` never passes as a quiet `false` (docs/decisions/0007-regex-match-budget.md).
enum UndecidedSearchWarning {
    /// Writes the warning to standard error when `count` searches (by default, this process's) were undecided.
    static func printIfAny(count: Int = UndecidedSearches.count) {
        guard count > 0 else { return }
        StandardError.write(
            "warning: \(count) regex \(count == 1 ? "search" : "searches") ran past the match budget of "
                + "\(CompiledRegex.matchBudget) steps and \(count == 1 ? "was" : "were") evaluated as false; "
                + "a rule using that 'matches' may apply on Cloudflare where the replay shows it did not "
                + "(docs/decisions/0007-regex-match-budget.md)\n")
    }
}
