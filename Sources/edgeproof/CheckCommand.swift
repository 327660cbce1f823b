import ArgumentParser
import EdgeCore
import EdgeSpec
import Foundation

extension DiagnosticFormat: ExpressibleByArgument {}

/// `edgeproof check [SPEC]`: parse and type-check the spec, lint it for production readiness.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a spec: located errors, did-you-mean, readiness lints.",
        discussion: "Exit 0 when there are no errors (warnings allowed), 1 when the spec has errors, 2 when it cannot be read.")

    @Argument(help: "The spec file.")
    var spec: String = "edge.yaml"

    @Option(help: "Output format: text, json (one JSON document on stdout) or github (workflow commands).")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings (readiness lints) as errors.")
    var strict = false

    @Flag(help: "Print the production readiness checklist after the diagnostics.")
    var readiness = false

    func run() throws {
        let bytes: [UInt8]
        switch SpecInput.read(spec) {
        case let .success(read): bytes = read
        case let .failure(error):
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(error.code)
        }
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(bytes, file: spec, diagnostics: diagnostics)
        if strict { diagnostics.promoteWarningsToErrors() }
        let findings = diagnostics.sorted
        switch format {
        case .text:
            let renderer = DiagnosticTextRenderer(sources: [SourceFile(name: spec, bytes: bytes)], colored: standardOutputIsTerminal)
            print(renderer.render(findings, summaryFor: spec), terminator: "")
            if readiness, let checked { print(ReadinessTable.render(checked.readiness), terminator: "") }
        case .json:
            print(DiagnosticJSONRenderer.render(findings, file: spec), terminator: "")
        case .github:
            print(DiagnosticGitHubRenderer.render(findings), terminator: "")
            print(DiagnosticSummary(findings).line(for: spec))
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// The readiness checklist as a text table.
enum ReadinessTable {
    /// One row per checklist item: priority, ✓/✗/–, title, reason.
    static func render(_ items: [ReadinessItem]) -> String {
        var out = "\nProduction readiness (design checklist rows the spec can show):\n"
        let width = items.map(\.title.count).max() ?? 0
        for item in items {
            let mark = item.status == .done ? "✓" : item.status == .missing ? "✗" : "–"
            out += "  \(item.priority) \(mark) \(item.title.padding(toLength: width, withPad: " ", startingAt: 0))  \(item.reason)\n"
        }
        return out
    }
}
