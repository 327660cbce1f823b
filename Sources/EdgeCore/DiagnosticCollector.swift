/// Collects diagnostics while a stage runs, so one run reports every problem rather than the first one.
///
/// Threaded through parsing, checking and lowering; a stage stops at its boundary when `hasErrors`.
public final class DiagnosticCollector: @unchecked Sendable {
    /// Everything reported so far, in report order, with every known credential masked.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Credentials found in the input so far.
    public private(set) var secrets: [SecretSpan] = []

    /// Creates an empty collector.
    public init() {}

    /// Records a diagnostic, masking every credential known so far in its text and source excerpts.
    public func report(_ diagnostic: Diagnostic) {
        var masked = diagnostic
        for secret in secrets { secret.mask(in: &masked) }
        diagnostics.append(masked)
    }

    /// Records a credential found in the input: every diagnostic reported before or after stops showing it, in
    /// its message, help, notes and fix-it, and in the source lines renderers quote.
    public func redact(_ secret: SecretSpan) {
        secrets.append(secret)
        for index in diagnostics.indices { secret.mask(in: &diagnostics[index]) }
    }

    /// Records an error.
    public func error(
        _ id: String, _ message: String, at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIt: FixIt? = nil, help: String? = nil
    ) {
        report(Diagnostic(id, .error, message, at: range, notes: notes, fixIt: fixIt, help: help))
    }

    /// Records a warning.
    public func warning(
        _ id: String, _ message: String, at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIt: FixIt? = nil, help: String? = nil
    ) {
        report(Diagnostic(id, .warning, message, at: range, notes: notes, fixIt: fixIt, help: help))
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The number of diagnostics of one severity.
    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }

    /// Turns every warning into an error (`--strict`).
    public func promoteWarningsToErrors() {
        for index in diagnostics.indices where diagnostics[index].severity == .warning {
            diagnostics[index].severity = .error
        }
    }

    /// Diagnostics sorted by file, position and ID, so output does not depend on checking order.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let l = lhs.element, r = rhs.element
            if l.range.file != r.range.file { return l.range.file < r.range.file }
            if l.range.start != r.range.start { return l.range.start < r.range.start }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
