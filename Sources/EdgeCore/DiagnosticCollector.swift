/// Collects diagnostics while a stage runs, so one run reports every problem rather than the first one.
///
/// Threaded through parsing, checking and lowering; a stage stops at its boundary when `hasErrors`. Not `Sendable`:
/// it has no lock, so one thread reports into it at a time (a trace read on a reader thread hands it back through
/// that thread's own synchronisation).
public final class DiagnosticCollector {
    /// Everything reported so far, in report order, with every known credential masked.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Credentials found in the input so far.
    public private(set) var secrets: [SecretSpan] = []
    /// Indices into `secrets` by each source line a credential covers.
    private var secretsByLine: [SourceLine: [Int]] = [:]
    /// Indices into `diagnostics` by each source line a diagnostic quotes (its start and its notes' starts).
    private var diagnosticsByLine: [SourceLine: [Int]] = [:]

    /// Creates an empty collector.
    public init() {}

    /// Records a diagnostic, masking the credentials known so far on the lines it quotes.
    public func report(_ diagnostic: Diagnostic) {
        var masked = diagnostic
        let lines = SourceLine.quoted(by: diagnostic)
        for index in Set(lines.flatMap { secretsByLine[$0] ?? [] }).sorted()
        where secrets[index].isShown(by: diagnostic) {
            secrets[index].mask(in: &masked)
        }
        for line in lines { diagnosticsByLine[line, default: []].append(diagnostics.count) }
        diagnostics.append(masked)
    }

    /// Records a credential found in the input: every diagnostic that quotes one of its lines, reported before or
    /// after, stops showing it in its message, help, notes and fix-it, and renderers mask its span in those lines.
    ///
    /// Both sides are indexed by line and only credentials near what a diagnostic quotes are attached to it, so a
    /// line full of credentials does not make every diagnostic on it carry all of them.
    public func redact(_ secret: SecretSpan) {
        let index = secrets.count
        secrets.append(secret)
        let lines = SourceLine.covered(by: secret.range)
        for line in lines { secretsByLine[line, default: []].append(index) }
        for index in Set(lines.flatMap { diagnosticsByLine[$0] ?? [] }).sorted()
        where secret.isShown(by: diagnostics[index]) {
            secret.mask(in: &diagnostics[index])
        }
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

    /// Turns every warning `id` into a note that says it is acknowledged and carries `reason` in place of the help
    /// on fixing it; returns how many.
    @discardableResult
    public func acknowledge(_ id: String, reason: DiagnosticNote) -> Int {
        var count = 0
        for index in diagnostics.indices where diagnostics[index].id == id && diagnostics[index].severity == .warning {
            diagnostics[index].severity = .note
            diagnostics[index].message = "acknowledged: " + diagnostics[index].message
            diagnostics[index].notes.append(reason)
            diagnostics[index].help = nil
            count += 1
        }
        return count
    }

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

/// One line of one file, the unit in which credentials and the diagnostics quoting them are matched.
private struct SourceLine: Hashable {
    let file: String
    let line: Int

    /// The lines a renderer quotes for `diagnostic`: where it starts and where each of its notes starts.
    static func quoted(by diagnostic: Diagnostic) -> [SourceLine] {
        ([diagnostic.range] + diagnostic.notes.compactMap(\.range)).map {
            SourceLine(file: $0.file, line: $0.start.line)
        }
    }

    /// Every line `range` touches.
    static func covered(by range: SourceRange) -> [SourceLine] {
        (range.start.line...max(range.start.line, range.end.line)).map { SourceLine(file: range.file, line: $0) }
    }
}
