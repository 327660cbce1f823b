/// Markdown for pull-request comments: escaped table cells and inline code, tables, and the size limit a comment
/// must stay under.
public enum MarkdownText {
    /// The most characters a Markdown summary may have: GitHub refuses a comment longer than 65,536 characters, and
    /// the rest is left for a caller's heading.
    public static let commentLimit = 65_000

    /// `text` safe inside a table cell: `|`, `\`, `<`, `>`, backticks, `*`, `_`, `[` and `]` escaped, line breaks
    /// as spaces, control characters dropped.
    public static func cell(_ text: String) -> String {
        ScalarEscaping.escaped(text) { scalar in
            switch scalar {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">": "\\" + String(scalar)
            case "\n", "\r", "\t": " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: ""
            default: nil
            }
        }
    }

    /// `text` as inline code: wrapped in enough backticks that none inside ends it, with `|` escaped for tables and
    /// line breaks as spaces. Text with a backslash is escaped text (`cell`) instead: GitHub splits a table row at a
    /// `|` that follows a backslash even inside code, where a backslash cannot be escaped.
    public static func code(_ text: String) -> String {
        if text.unicodeScalars.contains("\\") { return cell(text) }
        let flat = ScalarEscaping.escaped(text) { scalar in
            switch scalar {
            case "\n", "\r", "\t": " "
            case "|": "\\|"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: ""
            default: nil
            }
        }
        var longestRun = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// A table: the header row, the alignment row (`right` columns end in `:`), then one row per entry; cells are
    /// used as given (escape them with `cell` or `code`).
    public static func table(_ headers: [String], rightAligned: Set<Int> = [], rows: [[String]]) -> String {
        var out = "| " + headers.joined(separator: " | ") + " |\n"
        out += "|" + headers.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}
