import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeModel
import Foundation
import RulesLanguage
import Simulation
import Traces

/// `edgeproof explain [SPEC] --request JSON`: one request through every phase, like Cloudflare's Trace, offline.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract:
            "Walk one request through every phase: custom rules (with sub-expression values), rate limits (with the "
            + "key's counter), cache."
    )

    @OptionGroup var spec: SpecArgument

    @Option(help: "The request as a native trace record JSON object.")
    var request: String

    func run() throws {
        let compiled = try spec.load()
        let edgeRequest = try RequestArgument.parse(request)
        let edge = try ModelFactory.edge(for: compiled)
        StandardOutput.print(ExplainReport.render(edge.process(edgeRequest, tracing: true)))
        UndecidedSearchWarning.printIfAny()
    }
}

/// Builds the edge model for a compiled spec, its rate limits counting with `rateLimitDelay` (nil: the spec's), exit 1
/// when the model cannot run it.
enum ModelFactory {
    static func edge(for compiled: CompiledEdge, rateLimitDelay: EdgeDuration? = nil) throws -> Edge {
        do {
            return try Edge(
                configuration: ModelConfigurationBuilder.configuration(for: compiled, rateLimitDelay: rateLimitDelay))
        } catch {
            StandardError.write(
                "error: the edge model cannot run this spec: \(error.problems.joined(separator: "; "))\n")
            throw ExitCode(1)
        }
    }
}

/// Parsing `--request` (exit 2 when malformed).
enum RequestArgument {
    /// The model request, with the recorded response and `solved_challenge` when given.
    static func parse(_ json: String) throws -> EdgeRequest {
        do {
            return try RequestObject.edgeRequest(json)
        } catch {
            throw unreadable(error)
        }
    }

    /// Reports a request object that cannot be read, at its line and column with the fix, and gives exit 2.
    static func unreadable(_ error: TraceObjectError) -> ExitCode {
        StandardError.write(
            "error: --request:\(error.line):\(error.column): \(error.message)\n"
                + "  = help: give one JSON object with the keys of a native trace line (docs/trace-format.md), e.g. "
                + #"'{"ip":"203.0.113.9","path":"/login","ua":"curl/8"}'"# + "\n")
        return ExitCode(2)
    }
}

/// The text of one traced decision.
enum ExplainReport {
    static func render(_ decision: Decision) -> String {
        var out = decision.trace.map { "\($0)" } ?? ""
        if !out.hasSuffix("\n") && !out.isEmpty { out += "\n" }
        out += "action: \(decision.action.rawValue)"
        if let rule = decision.ruleID {
            out += " (rule \(rule)" + (decision.phase.map { " in \($0.rawValue)" } ?? "") + ")"
        }
        out +=
            ", status \(decision.status), cache \(decision.cacheStatus.rawValue), origin "
            + "\(decision.originContacted ? "contacted" : "not contacted")"
        return out
    }
}
