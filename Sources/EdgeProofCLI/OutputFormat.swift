import ArgumentParser

/// The forms of a command's result, chosen with `--format` on every command that has one: the result goes to
/// standard output, diagnostics and progress to standard error.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Text for a terminal (compiler-style diagnostics with the source line and a caret, tables).
    case text
    /// One JSON document with a `version` member (each command's document is described in `docs/`).
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`) for findings, then a summary line.
    case github
    /// A Markdown summary for a pull-request comment, at most `MarkdownText.commentLimit` characters.
    case markdown
}

extension OutputFormat {
    /// A usage error unless the format is one of `formats`, the ones `command` has: `eval`, `explain` and `synth`
    /// print one result, not findings, so GitHub annotations and a pull-request summary do not apply to them, and
    /// `schema`'s result is a JSON document.
    func refuse(unless formats: [OutputFormat], command: String) throws {
        guard !formats.contains(self) else { return }
        let names = formats.map(\.rawValue)
        let list = names.count == 1 ? "only the format \(names[0])" : "the formats " + names.joined(separator: " and ")
        throw ValidationError(
            "\(command) has \(list), not \(rawValue) (github and markdown are for the commands that report findings, "
                + "cases or traffic: check, build, test, replay, whatif, diff)")
    }
}
