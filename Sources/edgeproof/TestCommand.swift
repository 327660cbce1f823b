import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import RulesLanguage

/// `edgeproof test [SPEC] [--junit FILE]`: runs the spec's `expect` cases.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the spec's expect cases (request → expected action and rule); exit 1 when any fails.")

    @Argument(help: "The spec file.")
    var spec: String = "edge.yaml"

    @Option(help: "Also write a JUnit XML report to this file.")
    var junit: String?

    func run() throws {
        let compiled = try SpecLoader.load(spec)
        var results: [ExpectationResult] = []
        for (index, test) in compiled.expectations.enumerated() {
            let name = test.name ?? "case \(index + 1)"
            guard let requestSpec = test.request, let expectedAction = test.action else {
                results.append(ExpectationResult(name: name, passed: false, detail: "sequence and cache cases run through the edge model"))
                continue
            }
            guard case let .success(request) = ExpectationRequest.request(requestSpec) else {
                results.append(ExpectationResult(name: name, passed: false, detail: "the request does not read as a trace record"))
                continue
            }
            let context = RequestContext(request)
            let walk = CustomRuleWalk(rules: compiled.customRules, context: context, solvedChallenge: requestSpec.solvedChallenge ?? false, explain: false)
            let actualRule = walk.decidingRule?.id
            let passed = walk.action == expectedAction.rawValue && actualRule == test.rule?.text
            var detail = ""
            if !passed {
                let again = CustomRuleWalk(rules: compiled.customRules, context: context, solvedChallenge: requestSpec.solvedChallenge ?? false, explain: true)
                detail = "expected \(expectedAction.rawValue)\(test.rule.map { " by \($0.text)" } ?? ""), got \(walk.action)\(actualRule.map { " by \($0)" } ?? "")\n"
                    + ExplainReport.render(again)
            }
            results.append(ExpectationResult(name: name, passed: passed, detail: detail))
        }
        for result in results {
            print("\(result.passed ? "PASS" : "FAIL") \(result.name)")
            if !result.passed { print(result.detail.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")) }
        }
        let failed = results.filter { !$0.passed }.count
        print("\(results.count - failed) passed, \(failed) failed")
        if let junit {
            do {
                try JUnitReport.xml(suite: compiled.specName, results).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                StandardError.write("error: cannot write \(junit): \(error.localizedDescription)\n")
                throw ExitCode(2)
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// One expect case's outcome.
struct ExpectationResult {
    let name: String
    let passed: Bool
    let detail: String
}

/// JUnit XML for CI systems.
enum JUnitReport {
    static func xml(suite: String, _ results: [ExpectationResult]) -> String {
        let failures = results.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuite name=\"\(escape(suite))\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
        for result in results {
            out += "  <testcase classname=\"\(escape(suite))\" name=\"\(escape(result.name))\""
            if result.passed {
                out += "/>\n"
            } else {
                out += ">\n    <failure message=\"\(escape(result.detail.split(separator: "\n").first.map(String.init) ?? ""))\">\(escape(result.detail))</failure>\n  </testcase>\n"
            }
        }
        return out + "</testsuite>\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
