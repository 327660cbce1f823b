import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Simulation

/// Reads, checks and compiles a spec for the commands, printing diagnostics and exiting 1 (spec errors) or 2
/// (unreadable) as documented.
enum SpecLoader {
    /// A spec read, checked and compiled as far as it goes, with every finding.
    struct Checked {
        /// The name diagnostics give the spec: its path, or `<stdin>` for `-`.
        let name: String
        /// The spec's bytes (at most one past the size limit), for quoting lines in diagnostics.
        let bytes: [UInt8]
        /// The typed spec, nil when it did not read as one.
        let spec: CheckedSpec?
        /// The compiled edge, nil when the spec did not check or compile.
        let compiled: CompiledEdge?
        /// Every finding of the checker and the compiler.
        let diagnostics: DiagnosticCollector
    }

    /// Reads `spec` (standard input for `-`; exit 2 when it cannot be read), checks it, compiles it and checks the
    /// OWASP rules it names against the installed rule set, and applies the spec's acknowledged lints.
    static func check(_ spec: String) throws -> Checked {
        let bytes: [UInt8]
        let size: Int?
        switch SpecInput.read(spec) {
        case let .success(read): (bytes, size) = (read.bytes, read.size)
        case let .failure(error):
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(error.code)
        }
        let name = SpecInput.displayName(spec)
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(bytes, file: name, size: size, diagnostics: diagnostics)
        let compiled = checked.flatMap {
            EdgeCompiler.compile($0, specPath: name, diagnostics: diagnostics)
        }
        if let compiled { ManagedRulesReferences.check(compiled.managedRules, diagnostics: diagnostics) }
        if let checked { LintAcknowledgements.apply(checked.spec, to: diagnostics) }
        return Checked(name: name, bytes: bytes, spec: checked, compiled: compiled, diagnostics: diagnostics)
    }

    /// The compiled spec; on success its warnings (not the acknowledged ones, which `check` and `build` show) go to
    /// stderr as text (stdout stays for the command's result); on errors every finding goes to stdout in `format`,
    /// then exit 1.
    static func load(_ spec: String, format: OutputFormat = .text) throws -> CompiledEdge {
        let checked = try check(spec)
        guard let compiled = checked.compiled, !checked.diagnostics.hasErrors else {
            DiagnosticPrinter(format: format, spec: checked.name, bytes: checked.bytes)
                .print(checked.diagnostics.sorted, toStandardError: false)
            throw ExitCode(1)
        }
        DiagnosticPrinter(format: .text, spec: checked.name, bytes: checked.bytes)
            .print(checked.diagnostics.sorted.filter { $0.severity != .note }, toStandardError: true)
        return compiled
    }

    /// The compiled spec of `checked` for a command whose `report` carries the findings: when the spec has errors
    /// the report goes to stdout in `format`, then exit 1; otherwise, in text format, its warnings go to stderr.
    static func compiled(_ checked: Checked, report: some FormattedResult, format: OutputFormat) throws
        -> CompiledEdge
    {
        guard let compiled = checked.compiled, !report.hasErrors else {
            StandardOutput.print(report.render(format), terminator: "")
            throw ExitCode(1)
        }
        if format == .text {
            DiagnosticPrinter(format: .text, spec: checked.name, bytes: checked.bytes)
                .print(report.diagnostics, toStandardError: true)
        }
        return compiled
    }
}
