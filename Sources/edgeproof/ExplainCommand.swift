import ArgumentParser
import EdgeCompiler
import EdgeCore
import Foundation
import RulesLanguage

/// `edgeproof explain [SPEC] --request JSON`: the WAF custom rules walked for one request, like Cloudflare's Trace.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Walk the WAF custom rules for one request: which matched, which sub-expressions were true, the final action.")

    @Argument(help: "The spec file.")
    var spec: String = "edge.yaml"

    @Option(help: "The request as a native trace record JSON object.")
    var request: String

    func run() throws {
        let compiled = try SpecLoader.load(spec)
        let (httpRequest, solved) = try RequestArgument.parse(request)
        let walk = CustomRuleWalk(rules: compiled.customRules, context: RequestContext(httpRequest), solvedChallenge: solved, explain: true)
        print(ExplainReport.render(walk))
    }
}

/// Parsing `--request` (exit 2 when malformed).
enum RequestArgument {
    /// The request and whether it says the client solved challenges.
    static func parse(_ json: String) throws -> (HTTPRequest, Bool) {
        switch HTTPRequest.fromJSON(json) {
        case let .success(request):
            let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
            return (request, object?["solved_challenge"] as? Bool ?? false)
        case let .failure(error):
            StandardError.write("error: --request: \(error.message)\n")
            throw ExitCode(2)
        }
    }
}

/// The text of a custom-rule walk.
enum ExplainReport {
    static func render(_ walk: CustomRuleWalk) -> String {
        var out = "http_request_firewall_custom\n"
        for step in walk.steps {
            let state = step.matched.map { $0 ? "MATCH" : "no match" } ?? (step.rule.enabled ? "not evaluated" : "disabled")
            out += "  [\(step.rule.id)] \(step.rule.action.rawValue): \(state)\n"
            for line in step.explanation?.steps ?? [] {
                let value = line.value.map { "  (value: \($0))" } ?? ""
                out += "      " + String(repeating: "  ", count: line.depth) + (line.result ? "true " : "false") + "  " + line.canonical + value + "\n"
            }
        }
        if !walk.skippedPhases.isEmpty { out += "  skipped phases: \(walk.skippedPhases.map(\.rawValue).joined(separator: ", "))\n" }
        out += "action: \(walk.action)" + (walk.decidingRule.map { " (rule \($0.id))" } ?? "")
        return out
    }
}
