import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation

/// `edgeproof check [SPEC]`: parse and type-check the spec, lint it for production readiness.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a spec: located errors, did-you-mean, readiness lints.",
        discussion:
            "Exit 0 when there are no errors (warnings allowed), 1 when the spec has errors, 2 when it cannot be read.")

    @OptionGroup var spec: SpecArgument

    @Option(
        help: """
            Output format: text, json (one JSON document on stdout, docs/diagnostics-json.md), github (workflow \
            commands) or markdown (a pull-request comment).
            """)
    var format: OutputFormat = .text

    @Flag(help: "Treat warnings (readiness lints) as errors.")
    var strict = false

    @Flag(inversion: .prefixedNo, help: "Print the production readiness table (text format).")
    var readiness = true

    func run() throws {
        let checked = try SpecLoader.check(spec.path)
        let diagnostics = checked.diagnostics
        if strict { diagnostics.promoteWarningsToErrors() }
        let findings = diagnostics.sorted
        DiagnosticPrinter(format: format, spec: checked.name, bytes: checked.bytes).print(
            findings, toStandardError: false)
        if format == .text, readiness, let typed = checked.spec {
            StandardOutput.print(ReadinessTable.render(typed.readiness), terminator: "")
        }
        if format == .github { StandardOutput.print(DiagnosticSummary(findings).line(for: checked.name)) }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// The readiness checklist as a text table.
enum ReadinessTable {
    /// One row per checklist item: priority, ✓ (done), ✗ (missing) or ~ (acknowledged in `lints:`), title, reason.
    static func render(_ items: [ReadinessItem]) -> String {
        let shown = items.filter { $0.status != .notApplicable }
        guard !shown.isEmpty else { return "" }
        var out = "\nProduction readiness (P0/P1 checklist rows this spec covers):\n"
        let width = shown.map(\.title.count).max() ?? 0
        for item in shown {
            let mark =
                switch item.status {
                case .done: "✓"
                case .acknowledged: "~"
                case .missing, .notApplicable: "✗"
                }
            out +=
                "  \(item.priority) \(mark) \(item.title.padding(toLength: width, withPad: " ", startingAt: 0))  "
                + "\(item.reason)\n"
        }
        return out
    }
}
