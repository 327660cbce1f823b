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
            "Walk one request through every phase: each reached rule's sub-expressions with their values, rate limits "
            + "(with the key's counter), cache, and the phase and rule that decided.",
        discussion:
            "An `and` stops at its first false operand and an `or` at its first true one, as Cloudflare evaluates; "
            + "the operands after it are shown as not evaluated. Values of cookies, secret-bearing headers and the "
            + "spec's `redact` entries are shown as REDACTED. See docs/explain.md.")

    @OptionGroup var spec: SpecArgument

    @Option(help: "The request as a native trace record JSON object.")
    var request: String

    @Option(help: "Output format: text, or json (one JSON document on stdout, docs/explain.md).")
    var format: OutputFormat = .text

    func validate() throws {
        try format.refuse(unless: [.text, .json], command: "explain")
    }

    func run() throws {
        let compiled = try spec.load(format: format)
        let edgeRequest = try RequestArgument.parse(request)
        let edge = try ModelFactory.edge(for: compiled)
        let decision = edge.process(edgeRequest, tracing: true)
        let redactor = Redactor.forSpec(compiled)
        if format == .json {
            StandardOutput.print(ExplainJSON.document(decision, redactor: redactor).pretty, terminator: "")
        } else {
            StandardOutput.print(ExplainReport.render(decision, redactor: redactor))
        }
        UndecidedSearchWarning.printIfAny()
    }
}

/// Builds the edge model for a compiled spec, its rate limits counting with `rateLimitDelay` (nil: the spec's): exit 1
/// when the model cannot run it, exit 2 when the managed rules it deploys cannot be loaded.
enum ModelFactory {
    static func edge(for compiled: CompiledEdge, rateLimitDelay: EdgeDuration? = nil) throws -> Edge {
        let configuration: EdgeConfiguration
        do {
            configuration = try ModelConfigurationBuilder.configuration(for: compiled, rateLimitDelay: rateLimitDelay)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        do {
            return try Edge(configuration: configuration)
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
