import ArgumentParser

/// Output formats for diagnostics, chosen with `--format` on `check` and `build`.
enum DiagnosticFormat: String, CaseIterable, ExpressibleByArgument {
    /// Compiler-style text with the source line and a caret.
    case text
    /// One JSON document with every diagnostic and a summary (schema in `docs/diagnostics-json.md`).
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
    case github
}
