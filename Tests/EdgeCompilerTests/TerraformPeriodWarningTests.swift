import EdgeCompiler
import EdgeCore
import EdgeSpec
import Testing

/// Compiles a business-plan spec with one rate limiting rule of `period`.
private func diagnostics(period: String) -> [Diagnostic] {
    let text = """
        version: 1
        zone:
          name: example.com
          plan: business
        rate_limits:
          - id: r
            when: 'true'
            requests: 10
            period: \(period)
            timeout: 10m
            action: block

        """
    let collector = DiagnosticCollector()
    if let checked = SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: collector) {
        _ = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: collector)
    }
    return collector.diagnostics
}

/// The Terraform provider v5 takes periods of 10 s, 1 min, 10 min and 1 h only (`docs/cloudflare-semantics.md`,
/// "Plan limits"): `check` and `build` warn about another period the API accepts, at the period.
@Test(arguments: [("2m", true), ("5m", true), ("1m", false), ("10m", false), ("10s", false)])
func terraformOutputWarnsAboutPeriodsTheProviderRefuses(period: String, warns: Bool) throws {
    let built = diagnostics(period: period)
    #expect(!built.contains { $0.severity == .error }, "\(built.map(\.message))")
    let warning = built.first { $0.id == "W0803" }
    #expect((warning != nil) == warns, "\(period): \(built.map(\.message))")
    if let warning {
        #expect(warning.range.start.line == 9)
        #expect(warning.message.contains("10s, 1m, 10m, 1h"))
        #expect(warning.help == "deploy cloudflare/http_ratelimit.json through the API, or use one of 10s, 1m, 10m")
    }
}
