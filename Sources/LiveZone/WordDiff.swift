/// A word diff of two texts in `git diff --word-diff` style: words only in the old text as `[-old-]`, only in the
/// new as `{+new+}`, words are runs between spaces.
public enum WordDiff {
    /// The new text with the old one's words marked in; the texts themselves when either has more than
    /// `maximumWords` words (the table would be too large to be worth it).
    public static func render(old: String, new: String, maximumWords: Int = 2_000) -> String {
        let before = old.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let after = new.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard before.count <= maximumWords, after.count <= maximumWords else { return "[-\(old)-] {+\(new)+}" }
        // Longest common subsequence lengths from the end.
        let rows = before.count + 1, columns = after.count + 1
        var lengths = [Int](repeating: 0, count: rows * columns)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] =
                    before[i] == after[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var words: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            if !removed.isEmpty { words.append("[-" + removed.joined(separator: " ") + "-]") }
            if !added.isEmpty { words.append("{+" + added.joined(separator: " ") + "+}") }
            removed = []
            added = []
        }
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, before[i] == after[j] {
                flush()
                words.append(before[i])
                i += 1
                j += 1
            } else if j == after.count
                || (i < before.count && lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1])
            {
                removed.append(before[i])
                i += 1
            } else {
                added.append(after[j])
                j += 1
            }
        }
        flush()
        return words.joined(separator: " ")
    }
}
