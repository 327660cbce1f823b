import EdgeCore

/// A unified diff of two texts by lines (longest common subsequence), with three lines of context.
enum UnifiedDiff {
    /// The diff of `old` and `new` labelled with `oldName`/`newName`; empty when they are equal.
    static func render(old: String, new: String, oldName: String, newName: String) -> String {
        let a = lines(old), b = lines(new)
        if a == b { return "" }
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if edits[end].kind != .same { lastChange = end }
                if end - lastChange > 6 { break }
                end += 1
            }
            let start = max(index, firstChange - 3)
            let stop = min(edits.count, lastChange + 4)
            let hunk = edits[start..<stop]
            let oldStart = (hunk.first?.oldLine ?? 0), newStart = (hunk.first?.newLine ?? 0)
            let oldCount = hunk.filter { $0.kind != .insert }.count, newCount = hunk.filter { $0.kind != .delete }.count
            out +=
                "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) "
                + "+\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " \(edit.text)\n"
                case .delete: out += "-\(edit.text)\n"
                case .insert: out += "+\(edit.text)\n"
                }
            }
            index = stop
        }
        return out
    }

    private struct Edit {
        enum Kind { case same, delete, insert }
        let kind: Kind
        let text: Substring
        let oldLine: Int
        let newLine: Int
    }

    private static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// The edit script by lines (`EditScript`), with 1-based line numbers.
    private static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        EditScript.steps(from: a, to: b).map { step in
            switch step {
            case let .same(i, j): Edit(kind: .same, text: a[i], oldLine: i + 1, newLine: j + 1)
            case let .delete(i, j): Edit(kind: .delete, text: a[i], oldLine: i + 1, newLine: j + 1)
            case let .insert(i, j): Edit(kind: .insert, text: b[j], oldLine: i + 1, newLine: j + 1)
            }
        }
    }
}
