/// The shortest edit turning one sequence into another (longest common subsequence, O(n·m): for configuration
/// files and expressions, not for large inputs), as the unified diff of `build --check` and the word diff of
/// `plan` print it.
public enum EditScript {
    /// One step, with the 0-based indices of the elements it concerns.
    public enum Step: Equatable, Sendable {
        /// `old[oldIndex] == new[newIndex]`, kept.
        case same(oldIndex: Int, newIndex: Int)
        /// `old[oldIndex]` removed (before `new[newIndex]`).
        case delete(oldIndex: Int, newIndex: Int)
        /// `new[newIndex]` inserted (before `old[oldIndex]`).
        case insert(oldIndex: Int, newIndex: Int)
    }

    /// The steps from `old` to `new`, deletions before insertions where both fit.
    public static func steps<Element: Equatable>(from old: [Element], to new: [Element]) -> [Step] {
        let columns = new.count + 1
        var lengths = [Int](repeating: 0, count: (old.count + 1) * columns)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] =
                    old[i] == new[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var steps: [Step] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                steps.append(.same(oldIndex: i, newIndex: j))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1] {
                steps.append(.delete(oldIndex: i, newIndex: j))
                i += 1
            } else {
                steps.append(.insert(oldIndex: i, newIndex: j))
                j += 1
            }
        }
        return steps
    }
}
