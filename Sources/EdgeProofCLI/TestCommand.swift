import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import Foundation
import RulesLanguage
import Simulation

/// `edgeproof test [SPEC] [--junit FILE]`: runs the spec's `expect` cases through the edge model.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract:
            "Run the spec's expect cases (requests or timed sequences → expected action, rule, cache, status); exit "
            + "1 when any fails."
    )

    @OptionGroup var spec: SpecArgument

    @Option(
        help: """
            Output format: text, json (one JSON document on stdout, docs/command-line.md), github (an error \
            annotation per failed case) or markdown (a pull-request comment).
            """)
    var format: OutputFormat = .text

    @Option(help: "Also write a JUnit XML report to this file ('-' for stdout; the text result then goes to stderr).")
    var junit: String?

    @OptionGroup var rateLimitDelay: RateLimitDelayArgument

    func validate() throws {
        if junit == "-" && format != .text {
            throw ValidationError(
                "--junit - and --format \(format.rawValue) both want standard output; write the JUnit report to a "
                    + "file, or drop --format")
        }
    }

    func run() throws {
        try CommandOutput.refuseConflicts(inputs: [spec.path], outputs: [("--junit", junit)])
        let delay = try rateLimitDelay.value()
        let checked = try SpecLoader.check(spec.path)
        var report = TestReport(
            spec: checked.name, specBytes: checked.bytes, diagnostics: checked.diagnostics.sorted)
        let compiled = try SpecLoader.compiled(checked, report: report, format: format)
        var reach = SettingReachCounts()
        for (index, test) in compiled.expectations.enumerated() {
            let name = test.name ?? "case \(index + 1)"
            let edge = try ModelFactory.edge(for: compiled, rateLimitDelay: delay)
            report.results.append(
                ExpectationRunner(edge: edge, redactor: Redactor.forSpec(compiled)).run(test, name: name, reach: &reach)
            )
        }
        report.notSimulated = NotSimulatedSettings.text(NotSimulatedSettings.uses(in: compiled), reach)
        let result = report.render(format)
        if junit == "-" { StandardError.write(result) } else { StandardOutput.print(result, terminator: "") }
        if let junit {
            try CommandOutput.write(
                JUnitReport(
                    suite: compiled.specName,
                    cases: report.results.map { result in
                        JUnitReport.Case(
                            name: result.name,
                            failure: result.passed
                                ? nil : result.detail.split(separator: "\n").first.map(String.init) ?? "failed",
                            detail: result.detail)
                    }
                ).xml, to: junit)
        }
        UndecidedSearchWarning.printIfAny()
        if report.failed > 0 { throw ExitCode(1) }
    }
}

/// Runs one expect case on a fresh edge: a single request, or each step of a sequence at its time.
struct ExpectationRunner {
    let edge: Edge
    /// Hides secret-bearing values in the explain report of a failing case.
    let redactor: Redactor

    /// Runs `test`, counting in `reach` the phases its requests reached.
    /// Runs `test`, counting in `reach` the phases its requests reached. The result holds the expected and the
    /// actual outcome of the request that failed, or of the last request checked when every one passed.
    func run(_ test: ExpectCaseSpec, name: String, reach: inout SettingReachCounts) -> ExpectationResult {
        if let request = test.request {
            let expected = Expected(
                action: test.action, rule: test.rule?.text, cache: test.cache, status: test.status,
                owasp: test.owasp.map(OWASPExpectation.init))
            return check(request, at: 0, expected, name: name, range: test.ranges.whole, reach: &reach, label: name)
        }
        var last = ExpectationResult(
            name: name, passed: true, detail: "", range: test.ranges.whole, expected: Expected(), actual: nil)
        for (stepIndex, step) in test.sequence.enumerated() {
            let expected = Expected(
                action: step.action, rule: step.rule?.text, cache: step.cache, status: step.status,
                owasp: step.owasp.map(OWASPExpectation.init))
            for repetition in 0..<step.repeatCount {
                let time = step.at.milliseconds + Int64(repetition) * step.every.milliseconds
                let checked = !step.lastOnly || repetition == step.repeatCount - 1
                let result = check(
                    step.request, at: time, checked ? expected : Expected(), name: name, range: step.ranges.whole,
                    reach: &reach,
                    label:
                        "step \(stepIndex + 1), request \(repetition + 1) of \(step.repeatCount) at "
                        + "\(EdgeDuration(milliseconds: time))"
                )
                if !result.passed { return result }
                if checked { last = result }
            }
        }
        return last
    }

    private func check(
        _ spec: RequestSpec, at time: Int64, _ expected: Expected, name: String, range: SourceRange,
        reach: inout SettingReachCounts, label: String
    ) -> ExpectationResult {
        guard var request = try? RequestObject.edgeRequest(ExpectationRequest.json(spec)) else {
            return ExpectationResult(
                name: name, passed: false, detail: "\(label): the request does not read as a trace record",
                range: range, expected: expected, actual: nil)
        }
        if spec.ts == nil { request.http.timestampMilliseconds = time }
        request.solvedChallenge = spec.solvedChallenge ?? false
        let decision = edge.process(request, tracing: true)
        reach.add(decision)
        var problems: [String] = []
        if let action = expected.action, action != decision.action || expected.rule != decision.ruleID {
            problems.append(
                Self.outcomeMismatch(expected: (action, expected.rule), got: (decision.action, decision.ruleID)))
        }
        if let cache = expected.cache, cache != decision.cacheStatus {
            problems.append("expected cache \(cache.rawValue), got \(decision.cacheStatus.rawValue)")
        }
        if let status = expected.status, status != decision.status {
            problems.append("expected status \(status), got \(decision.status)")
        }
        let paranoiaLevel = edge.configuration.managedRules?.owasp?.paranoiaLevel ?? 1
        let observedOWASP = decision.managedRulesVerdict.map {
            OWASPExpectation($0, atParanoiaLevel: paranoiaLevel)
        }
        if let owasp = expected.owasp {
            problems += owasp.mismatches(
                observedOWASP, managedRules: decision.managedRules, paranoiaLevel: paranoiaLevel)
        }
        let actual = Observed(
            action: decision.action, rule: decision.ruleID, cache: decision.cacheStatus, status: decision.status,
            owasp: observedOWASP)
        guard problems.isEmpty else {
            return ExpectationResult(
                name: name, passed: false,
                detail: "\(label): " + problems.joined(separator: "; ") + "\n"
                    + ExplainReport.render(decision, redactor: redactor),
                range: range, expected: expected, actual: actual)
        }
        return ExpectationResult(name: name, passed: true, detail: "", range: range, expected: expected, actual: actual)
    }

    /// The action and deciding rule expected against those the edge gave. A case without `rule:` expects no rule to
    /// decide, so a rule deciding is named as the difference even when the action matches.
    static func outcomeMismatch(expected: (EdgeAction, String?), got: (EdgeAction, String?)) -> String {
        func outcome(_ action: EdgeAction, _ rule: String?) -> String {
            action.rawValue + (rule.map { " by rule \($0)" } ?? " with no rule deciding")
        }
        let text = "expected \(outcome(expected.0, expected.1)), got \(outcome(got.0, got.1))"
        guard expected.1 == nil, let rule = got.1 else { return text }
        return text + "; rule \(rule) decided although the case names no rule (add `rule: \(rule)` to expect it)"
    }

    /// What a request is expected to get; nil fields are not checked, except `rule`, which is checked with `action`
    /// and means no rule when nil.
    struct Expected {
        var action: EdgeAction?
        var rule: String?
        var cache: CacheStatus?
        var status: Int?
        var owasp: OWASPExpectation?
    }

    /// What a request got at the edge.
    struct Observed {
        let action: EdgeAction
        let rule: String?
        let cache: CacheStatus
        let status: Int
        /// The OWASP Core Ruleset's verdict at the deployed level; nil when it did not evaluate the request.
        let owasp: OWASPExpectation?
    }
}

/// The OWASP Core Ruleset's verdict at the deployed paranoia level, as an expect case states it: CRS rules that
/// matched and counted (expected: a subset that must be among them) and the anomaly score.
struct OWASPExpectation {
    /// CRS rule ids: those that must match, or those that matched and counted.
    var rules: [Int]
    /// The anomaly score at the deployed paranoia level; nil when not checked.
    var score: Int?

    /// What `spec` expects.
    init(_ spec: OWASPExpectSpec) {
        rules = spec.rules
        score = spec.score
    }

    /// What `verdict` found at `paranoiaLevel`.
    init(_ verdict: ManagedRulesVerdict, atParanoiaLevel paranoiaLevel: Int) {
        rules = verdict.matches(atParanoiaLevel: paranoiaLevel).map(\.id)
        score = verdict.score(atParanoiaLevel: paranoiaLevel)
    }

    /// Why `observed` at the deployed `paranoiaLevel` (nil: the ruleset did not evaluate the request, which got
    /// `managedRules`) falls short of this expectation, one sentence per difference; empty when it holds.
    func mismatches(_ observed: OWASPExpectation?, managedRules: ManagedRulesOutcome, paranoiaLevel: Int)
        -> [String]
    {
        guard let observed else {
            return [
                "expected the OWASP Core Ruleset to evaluate the request, got managed rules \(managedRules.rawValue)"
            ]
        }
        var problems: [String] = []
        let missing = rules.filter { !observed.rules.contains($0) }
        if !missing.isEmpty {
            problems.append(
                "expected CRS rules \(Self.list(missing)) to match at paranoia level \(paranoiaLevel), got "
                    + (observed.rules.isEmpty ? "none" : Self.list(observed.rules)))
        }
        if let score, score != observed.score {
            problems.append(
                "expected OWASP score \(score) at paranoia level \(paranoiaLevel), got "
                    + (observed.score.map(String.init) ?? "none"))
        }
        return problems
    }

    /// `owasp score 40 with 942100, 942190`; the parts given only.
    var description: String {
        var text = "owasp"
        if let score { text += " score \(score)" }
        if !rules.isEmpty { text += " with " + Self.list(rules) }
        return text
    }

    private static func list(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: ", ") }
}

/// One expect case's outcome.
struct ExpectationResult {
    /// The case's name (`case N` when the spec gives none).
    let name: String
    /// Whether every checked request got what the case expects.
    let passed: Bool
    /// Why it failed, with the explain report of the failing request; empty when it passed.
    let detail: String
    /// Where the case, or the sequence step that failed, is written in the spec.
    let range: SourceRange
    /// What the failing request, or the last one checked, was expected to get.
    let expected: ExpectationRunner.Expected
    /// What it got; nil when the request could not be built.
    let actual: ExpectationRunner.Observed?
}
