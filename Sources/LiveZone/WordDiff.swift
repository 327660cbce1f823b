import EdgeCore

/// A word diff of two texts in `git diff --word-diff` style: words only in the old text as `[-old-]`, only in the
/// new as `{+new+}`, words are runs between spaces.
public enum WordDiff {
    /// The new text with the old one's words marked in; the texts themselves when either has more than
    /// `maximumWords` words (the table would be too large to be worth it).
    public static func render(old: String, new: String, maximumWords: Int = 2_000) -> String {
        let before = old.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let after = new.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard before.count <= maximumWords, after.count <= maximumWords else { return "[-\(old)-] {+\(new)+}" }
        var words: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            if !removed.isEmpty { words.append("[-" + removed.joined(separator: " ") + "-]") }
            if !added.isEmpty { words.append("{+" + added.joined(separator: " ") + "+}") }
            removed = []
            added = []
        }
        for step in EditScript.steps(from: before, to: after) {
            switch step {
            case let .same(i, _):
                flush()
                words.append(before[i])
            case let .delete(i, _): removed.append(before[i])
            case let .insert(_, j): added.append(after[j])
            }
        }
        flush()
        return words.joined(separator: " ")
    }
}
