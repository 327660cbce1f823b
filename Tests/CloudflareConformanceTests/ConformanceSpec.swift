import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import Testing

@testable import Simulation

/// Specs written for a conformance case, run through `check` and the compiler as the command line runs them.
enum ConformanceSpec {
    /// A zone on `plan` with `rules` under `rate_limits:` and `extra` sections after them.
    static func rateLimits(plan: String, _ rules: String, extra: String = "") -> String {
        """
        version: 1
        zone:
          name: example.com
          plan: \(plan)
        rate_limits:
        \(rules)
        \(extra)
        """
    }

    /// The errors `check` and the compiler report for `text` (only errors: a plan oracle asks what Cloudflare
    /// accepts, not what an output format can express, which the compiler reports as warnings).
    static func errors(_ text: String) -> [Diagnostic] {
        let diagnostics = DiagnosticCollector()
        if let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics) {
            _ = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
        }
        return diagnostics.diagnostics.filter { $0.severity == .error }
    }

    /// `text` compiled; the case fails when `check` or the compiler reports an error.
    static func compiled(_ text: String) throws -> CompiledEdge {
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics)
        let edge = checked.flatMap { EdgeCompiler.compile($0, specPath: "edge.yaml", diagnostics: diagnostics) }
        let errors = diagnostics.diagnostics.filter { $0.severity == .error }.map { "\($0.id) \($0.message)" }
        #expect(errors.isEmpty, "\(errors)")
        return try #require(edge)
    }

    /// The edge model of `edge`, built as `replay` builds it.
    static func model(_ edge: CompiledEdge) throws -> Edge {
        try Edge(configuration: try ModelConfigurationBuilder.configuration(for: edge))
    }
}
