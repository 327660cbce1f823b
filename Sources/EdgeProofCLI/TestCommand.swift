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

    @Option(help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @OptionGroup var rateLimitDelay: RateLimitDelayArgument

    func run() throws {
        try CommandOutput.refuseConflicts(inputs: [spec.path], outputs: [("--junit", junit)])
        let delay = try rateLimitDelay.value()
        let compiled = try spec.load()
        var results: [ExpectationResult] = []
        var reach = SettingReachCounts()
        for (index, test) in compiled.expectations.enumerated() {
            let name = test.name ?? "case \(index + 1)"
            let edge = try ModelFactory.edge(for: compiled, rateLimitDelay: delay)
            results.append(
                ExpectationRunner(edge: edge, redactor: Redactor.forSpec(compiled)).run(test, name: name, reach: &reach)
            )
        }
        for result in results {
            StandardOutput.print("\(result.passed ? "PASS" : "FAIL") \(result.name)")
            if !result.passed {
                StandardOutput.print(result.detail.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
        }
        let failed = results.filter { !$0.passed }.count
        StandardOutput.print("\(results.count - failed) passed, \(failed) failed")
        StandardOutput.print(
            NotSimulatedSettings.text(NotSimulatedSettings.uses(in: compiled), reach), terminator: "")
        if let junit {
            try CommandOutput.write(
                JUnitReport(
                    suite: compiled.specName,
                    cases: results.map { result in
                        JUnitReport.Case(
                            name: result.name,
                            failure: result.passed
                                ? nil : result.detail.split(separator: "\n").first.map(String.init) ?? "failed",
                            detail: result.detail)
                    }
                ).xml, to: junit)
        }
        UndecidedSearchWarning.printIfAny()
        if failed > 0 { throw ExitCode(1) }
    }
}

/// Runs one expect case on a fresh edge: a single request, or each step of a sequence at its time.
struct ExpectationRunner {
    let edge: Edge
    /// Hides secret-bearing values in the explain report of a failing case.
    let redactor: Redactor

    /// Runs `test`, counting in `reach` the phases its requests reached.
    func run(_ test: ExpectCaseSpec, name: String, reach: inout SettingReachCounts) -> ExpectationResult {
        if let request = test.request {
            let expected = Expected(action: test.action, rule: test.rule?.text, cache: test.cache, status: test.status)
            return check(request, at: 0, expected, name: name, reach: &reach, label: name)
        }
        for (stepIndex, step) in test.sequence.enumerated() {
            let expected = Expected(action: step.action, rule: step.rule?.text, cache: step.cache, status: step.status)
            for repetition in 0..<step.repeatCount {
                let time = step.at.milliseconds + Int64(repetition) * step.every.milliseconds
                let checked = !step.lastOnly || repetition == step.repeatCount - 1
                let result = check(
                    step.request, at: time, checked ? expected : Expected(), name: name, reach: &reach,
                    label:
                        "step \(stepIndex + 1), request \(repetition + 1) of \(step.repeatCount) at "
                        + "\(EdgeDuration(milliseconds: time))"
                )
                if !result.passed { return result }
            }
        }
        return ExpectationResult(name: name, passed: true, detail: "")
    }

    private func check(
        _ spec: RequestSpec, at time: Int64, _ expected: Expected, name: String, reach: inout SettingReachCounts,
        label: String
    ) -> ExpectationResult {
        guard var request = try? RequestObject.edgeRequest(ExpectationRequest.json(spec)) else {
            return ExpectationResult(
                name: name, passed: false, detail: "\(label): the request does not read as a trace record")
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
        guard problems.isEmpty else {
            return ExpectationResult(
                name: name, passed: false,
                detail: "\(label): " + problems.joined(separator: "; ") + "\n"
                    + ExplainReport.render(decision, redactor: redactor))
        }
        return ExpectationResult(name: name, passed: true, detail: "")
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
    }
}

/// One expect case's outcome.
struct ExpectationResult {
    let name: String
    let passed: Bool
    let detail: String
}
