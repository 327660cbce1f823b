/// The parts of a rendered diagnostic a terminal may style (the command line colours them).
public enum DiagnosticTextPart: Sendable {
    /// `file:line:col:` before the severity.
    case location
    /// The diagnostic's or note's message on the header line.
    case message
    /// The `error` label.
    case error
    /// The `warning` label.
    case warning
    /// The `note` label.
    case note
    /// The `^~~` marker under the span.
    case caret
}

/// Renders diagnostics like a compiler: `file:line:col: error: message [ID]`, the source line, a caret under
/// the span, then notes, help and fix-its.
public struct DiagnosticTextRenderer {
    private let sources: [String: SourceFile]
    private let style: @Sendable (String, DiagnosticTextPart) -> String

    /// Creates a renderer that quotes lines from `sources` (keyed by file name) and passes each part through
    /// `style` (plain text unless given).
    public init(
        sources: [SourceFile], style: @escaping @Sendable (String, DiagnosticTextPart) -> String = { text, _ in text }
    ) {
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.style = style
    }

    /// The rendered text of one diagnostic, ending with a newline. Credentials are masked and long lines and
    /// values cut (see `SourceExcerpt` and `ShownText`).
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = header(diagnostic.range, label(diagnostic.severity), ShownText.of(diagnostic.message))
        out += " [\(diagnostic.id)]\n"
        out += excerpt(diagnostic.range, masking: diagnostic.secretRanges)
        for note in diagnostic.notes {
            if let range = note.range {
                out += header(range, style("note", .note), ShownText.of(note.message)) + "\n"
                out += excerpt(range, masking: diagnostic.secretRanges)
            } else {
                out += "  = note: \(ShownText.of(note.message))\n"
            }
        }
        if let help = diagnostic.help { out += "  = help: \(ShownText.of(help))\n" }
        if let fix = diagnostic.fixIt {
            out += "  = fix-it: replace \(fix.range.start)-\(fix.range.end) with '\(ShownText.of(fix.replacement))'\n"
        }
        return out
    }

    /// Every diagnostic followed by the summary line.
    public func render(_ diagnostics: [Diagnostic], summaryFor file: String) -> String {
        diagnostics.map(render).joined() + DiagnosticSummary(diagnostics).line(for: file) + "\n"
    }

    private func header(_ range: SourceRange, _ severity: String, _ message: String) -> String {
        style("\(ShownText.of(range.file)):\(range.start.line):\(range.start.column):", .location) + " \(severity): "
            + style(message, .message)
    }

    private func label(_ severity: Severity) -> String {
        switch severity {
        case .error: style("error", .error)
        case .warning: style("warning", .warning)
        case .note: style("note", .note)
        }
    }

    private func excerpt(_ range: SourceRange, masking secretRanges: [SourceRange]) -> String {
        guard let source = sources[range.file],
            let excerpt = SourceExcerpt(source: source, range: range, secretRanges: secretRanges)
        else { return "" }
        let gutter = String(range.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let marker = "^" + String(repeating: "~", count: excerpt.caretWidth - 1)
        return " \(gutter) | \(excerpt.text)\n \(pad) | " + String(repeating: " ", count: excerpt.caretColumn)
            + style(marker, .caret) + "\n"
    }
}

/// Counts of errors and warnings, and the one-line summary printed after diagnostics.
public struct DiagnosticSummary: Sendable {
    /// Number of errors.
    public let errors: Int
    /// Number of warnings.
    public let warnings: Int
    /// Number of notes (acknowledged warnings among them).
    public let notes: Int

    /// Counts `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) {
        errors = diagnostics.filter { $0.severity == .error }.count
        warnings = diagnostics.filter { $0.severity == .warning }.count
        notes = diagnostics.filter { $0.severity == .note }.count
    }

    /// `edge.yaml: 2 errors, 1 warning`, `edge.yaml: ok, 2 notes` or `edge.yaml: ok, no findings`.
    public func line(for file: String) -> String {
        if errors == 0 && warnings == 0 {
            return notes == 0 ? "\(file): ok, no findings" : "\(file): ok, \(plural(notes, "note"))"
        }
        return "\(file): \(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    private func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
}

/// Renders diagnostics as one JSON document: `{"version":1,"file":…,"diagnostics":[…],"summary":{…}}`.
public enum DiagnosticJSONRenderer {
    /// The whole document, pretty-printed with a trailing newline.
    public static func render(_ diagnostics: [Diagnostic], file: String) -> String {
        JSONValue.object(members(diagnostics, file: file)).pretty
    }

    /// The document's members in order (`version`, `file`, `diagnostics`, `summary`); the documents of `build`
    /// and `test` start with them, add `summaryCounts` after the error and warning counts, and add their own.
    public static func members(
        _ diagnostics: [Diagnostic], file: String, summaryCounts: [(String, JSONValue)] = []
    ) -> [(String, JSONValue)] {
        let summary = DiagnosticSummary(diagnostics)
        let counts: [(String, JSONValue)] = [
            ("errors", .int(Int64(summary.errors))), ("warnings", .int(Int64(summary.warnings))),
        ]
        return [
            ("version", 1),
            ("file", .string(file)),
            ("diagnostics", .array(diagnostics.map(json))),
            ("summary", .object(counts + summaryCounts)),
        ]
    }

    private static func json(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(diagnostic.id)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(ShownText.of(diagnostic.message))),
            ("range", json(diagnostic.range)),
        ]
        members.append(
            (
                "notes",
                .array(
                    diagnostic.notes.map { note in
                        .object([
                            ("message", .string(ShownText.of(note.message))), ("range", note.range.map(json) ?? .null),
                        ])
                    })
            ))
        members.append(("help", diagnostic.help.map { .string(ShownText.of($0)) } ?? .null))
        members.append(
            (
                "fixIt",
                diagnostic.fixIt.map { fix in
                    .object([("range", json(fix.range)), ("replacement", .string(ShownText.of(fix.replacement)))])
                } ?? .null
            ))
        return .object(members)
    }

    private static func json(_ range: SourceRange) -> JSONValue {
        .object([
            ("file", .string(range.file)),
            ("start", .object([("line", .int(Int64(range.start.line))), ("column", .int(Int64(range.start.column)))])),
            ("end", .object([("line", .int(Int64(range.end.line))), ("column", .int(Int64(range.end.column)))])),
        ])
    }
}

/// Renders diagnostics as GitHub Actions workflow commands, one line each.
///
/// Escapes as the runner's command parser expects: `%`, CR and LF in the message, and also `:` and `,` in
/// property values, so no text from the spec can end a command early or start a new one.
public enum DiagnosticGitHubRenderer {
    /// `::error file=edge.yaml,line=3,col=1,endLine=3,endColumn=8,title=E0101::unknown key …` lines.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            let command =
                diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
            let r = diagnostic.range
            var message = ShownText.of(diagnostic.message)
            if let help = diagnostic.help { message += " (\(ShownText.of(help)))" }
            return
                "::\(command) file=\(escapeProperty(ShownText.of(r.file))),line=\(r.start.line),col=\(r.start.column),"
                + "endLine=\(r.end.line),endColumn=\(r.end.column),"
                + "title=\(escapeProperty(diagnostic.id))::\(escapeData(message))\n"
        }.joined()
    }

    /// Message text: `%` → `%25`, CR → `%0D`, LF → `%0A`, scalar by scalar (a CR LF pair is one `Character`).
    public static func escapeData(_ text: String) -> String {
        ScalarEscaping.escaped(text) { scalar in
            switch scalar {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            default: nil
            }
        }
    }

    /// Property values: as message text, plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        ScalarEscaping.escaped(escapeData(text)) { scalar in
            switch scalar {
            case ":": "%3A"
            case ",": "%2C"
            default: nil
            }
        }
    }
}

/// Renders diagnostics as a Markdown summary for a pull-request comment: a heading with the counts, then one table
/// row per finding (severity, ID, location, message and help), cut to stay under `MarkdownText.commentLimit`.
public enum DiagnosticMarkdownRenderer {
    /// The summary; with no findings, only the heading.
    public static func render(_ diagnostics: [Diagnostic], file: String) -> String {
        let heading = "### EdgeProof check: \(MarkdownText.cell(DiagnosticSummary(diagnostics).line(for: file)))\n"
        return heading + table(diagnostics, budget: MarkdownText.commentLimit - heading.count, command: "check")
    }

    /// The findings table (empty with no findings), at most `budget` characters long: rows that do not fit are
    /// counted in a closing line that tells to run `edgeproof COMMAND` for all of them.
    public static func table(_ diagnostics: [Diagnostic], budget: Int, command: String) -> String {
        guard !diagnostics.isEmpty else { return "" }
        let rows = diagnostics.map { diagnostic -> [String] in
            let r = diagnostic.range
            var message = MarkdownText.cell(ShownText.of(diagnostic.message))
            if let help = diagnostic.help { message += " (\(MarkdownText.cell(ShownText.of(help))))" }
            return [
                diagnostic.severity.rawValue, MarkdownText.code(diagnostic.id),
                MarkdownText.code("\(ShownText.of(r.file)):\(r.start.line):\(r.start.column)"), message,
            ]
        }
        let headers = ["Severity", "ID", "Where", "Message"]
        var out = "\n" + MarkdownText.table(headers, rows: [])
        var length = out.count
        var shown = 0
        for row in rows {
            let line = "| " + row.joined(separator: " | ") + " |\n"
            length += line.count
            guard length + 80 < budget else { break }
            out += line
            shown += 1
        }
        if shown < rows.count {
            out += "\n… and \(rows.count - shown) more findings (run `edgeproof \(command)`)\n"
        }
        return out
    }
}
