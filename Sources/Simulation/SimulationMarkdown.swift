import EdgeCore

/// The parts the Markdown summaries of `replay`, `whatif` and `diff` share: bounded cells, the not-simulated
/// settings, the fields not in the trace, the thresholds, and the cut that keeps a summary under
/// `MarkdownText.commentLimit`.
enum SimulationMarkdown {
    /// The most characters of one user-controlled value (a path, a user agent, a key) a cell shows.
    static let cellCharacters = 80

    /// `text` as a table cell: at most `limit` characters (then `…`), escaped with `MarkdownText.cell`.
    static func cell(_ text: String, limit: Int = cellCharacters) -> String {
        MarkdownText.cell(text.count > limit ? String(text.prefix(limit)) + "…" : text)
    }

    /// `text` as inline code in a table cell (`MarkdownText.code`), at most `limit` characters (then `…`).
    static func code(_ text: String, limit: Int = cellCharacters) -> String {
        MarkdownText.code(text.count > limit ? String(text.prefix(limit)) + "…" : text)
    }

    /// A bulleted section listing each use of a not-simulated setting with the requests it could have touched;
    /// empty when there is none. `spec` names the spec when a command simulates two.
    static func notSimulated(_ uses: [NotSimulatedUse], _ counts: SettingReachCounts, spec: String? = nil) -> String {
        guard !uses.isEmpty else { return "" }
        var out = "\n**Not simulated\(spec.map { " in \($0)" } ?? "")**\n\n"
        for use in uses {
            out +=
                "- \(MarkdownText.code(NotSimulatedSettings.name(use))): \(NotSimulatedSettings.reach(use, counts))\n"
        }
        return out
    }

    /// A bulleted section naming each field the spec reads that no record supplied; empty when there is none.
    static func fieldsNotInTrace(_ fields: [UnsuppliedField]) -> String {
        guard !fields.isEmpty else { return "" }
        return "\n**Fields not in the trace**\n\n"
            + fields.map { "- \(MarkdownText.code($0.name)): every request reads \(MarkdownText.code($0.reads))\n" }
            .joined()
    }

    /// The thresholds' section: whether all hold, else each broken one; empty when none was applied.
    static func thresholds(_ status: ThresholdStatus?) -> String {
        guard let status, status.applied > 0 else { return "" }
        guard !status.broken.isEmpty else { return "\n**Thresholds:** all \(status.applied) hold\n" }
        return "\n**Thresholds broken** (\(status.broken.count) of \(status.applied))\n\n"
            + status.broken.map { "- \(MarkdownText.code($0))\n" }.joined()
    }

    /// `text` when it is under `MarkdownText.commentLimit` characters; otherwise its longest run of whole lines
    /// that leaves room for a last line saying it was cut and which command shows everything. Characters are
    /// counted as UTF-16 code units, as GitHub counts a comment's length, never fewer than the text's characters.
    static func fitted(_ text: String, fullResult command: String) -> String {
        guard text.utf16.count >= MarkdownText.commentLimit else { return text }
        let note = "\n… cut to fit a comment; run `\(command)` for the full result\n"
        var kept = ""
        var length = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard length + line.utf16.count + 1 + note.utf16.count < MarkdownText.commentLimit else { break }
            kept += line + "\n"
            length += line.utf16.count + 1
        }
        return kept + note
    }
}
