import Synchronization

/// How many regex searches in this process ran out of `CompiledRegex.matchBudget` and were evaluated as false.
///
/// A replay reports the count, so an undecided `matches` is never a silent `false`
/// (docs/decisions/0007-regex-match-budget.md). The count only grows; commands read it once, after their run.
public enum UndecidedSearches {
    private static let counter = Atomic<Int>(0)

    /// The number of undecided searches so far.
    public static var count: Int { counter.load(ordering: .relaxed) }

    /// Counts one undecided search.
    static func record() {
        counter.add(1, ordering: .relaxed)
    }
}
