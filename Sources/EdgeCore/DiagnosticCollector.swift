/// Collects diagnostics while a stage runs, so one run reports every problem rather than the first one.
///
/// Threaded through parsing, checking and lowering; a stage stops at its boundary when `hasErrors`. Not `Sendable`:
/// it has no lock, so one thread reports into it at a time (a trace read on a reader thread hands it back through
/// that thread's own synchronisation).
public final class DiagnosticCollector {
    /// Everything reported so far, in report order.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Records a diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
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
