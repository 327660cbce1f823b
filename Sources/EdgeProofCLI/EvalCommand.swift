import ArgumentParser
import EdgeCompiler
import EdgeCore
import Foundation
import RulesLanguage
import Simulation

extension CloudflarePlan: ExpressibleByArgument {}
extension MissingValuePolicy: ExpressibleByArgument {}

/// Phases `eval --phase` accepts.
enum EvalPhase: String, ExpressibleByArgument, CaseIterable {
    case custom, ratelimit, counting, cache

    var context: RuleContext {
        switch self {
        case .custom: .custom
        case .ratelimit: .rateLimit
        case .counting: .counting
        case .cache: .cache
        }
    }
}

/// `edgeproof eval EXPR`: one expression on one request, `true` or `false` on stdout.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate one Rules-language expression on one request; prints true or false.",
        discussion: """
            stdout carries only `true` or `false`, or with --format json one document (docs/command-line.md); \
            diagnostics of the expression go to stderr in text and into the document in json. Exit 0 when the \
            expression is valid, 1 when it is not, 2 for usage or input errors (a malformed --request).
            """)

    @Argument(help: "The expression, e.g. 'http.user_agent contains \"sqlmap\"'.")
    var expression: String

    @Option(help: "The request as a native trace record JSON object; every field optional.")
    var request: String = "{}"

    @Option(help: "A spec whose named lists ($name) and plan the expression may use.")
    var spec: String?

    @Option(help: "The plan: free, pro, business or enterprise (default: the spec's, else enterprise).")
    var plan: CloudflarePlan?

    @Option(help: "Where the expression is used: custom, ratelimit, counting or cache (default: every field allowed).")
    var phase: EvalPhase?

    @Option(
        help: "Comparisons on missing values: cloudflare (all false, the documented behaviour) or wirefilter (!= true)."
    )
    var missingValues: MissingValuePolicy = .cloudflare

    @Option(help: "Output format: text (true or false) or json (one JSON document on stdout).")
    var format: OutputFormat = .text

    func validate() throws {
        try format.refuse(unless: [.text, .json], command: "eval")
    }

    func run() throws {
        var lists: [String: NamedList] = [:]
        var zonePlan = CloudflarePlan.enterprise
        if let spec {
            let compiled = try SpecLoader.load(spec, format: format)
            lists = compiled.namedLists
            zonePlan = compiled.zone.plan
        }
        let parsedRequest: HTTPRequest
        do {
            parsedRequest = try RequestObject.httpRequest(request)
        } catch {
            throw RequestArgument.unreadable(error)
        }
        let options = ParseOptions(
            plan: plan ?? zonePlan, context: phase?.context, lists: lists, missingValues: missingValues)
        let (parsed, diagnostics) = RulesParser.parse(expression, options: options)
        let valid = parsed != nil && !diagnostics.contains { $0.severity == .error }
        let result = valid ? parsed.map { CompiledExpression($0).evaluate(parsedRequest) } : nil
        if format == .json {
            StandardOutput.print(Self.document(result: result, diagnostics: diagnostics).pretty, terminator: "")
        } else {
            if !diagnostics.isEmpty {
                let source = SourceFile(name: Self.expressionName, text: expression)
                StandardError.write(
                    DiagnosticTextRenderer(sources: [source]).render(diagnostics, summaryFor: Self.expressionName))
            }
            if let result { StandardOutput.print(result ? "true" : "false") }
        }
        if result == nil { throw ExitCode(1) }
    }

    /// The name diagnostics give the expression.
    static let expressionName = "<expr>"

    /// The `--format json` document: check's members for the expression's findings, then `result` (null when the
    /// expression is invalid). The expression itself is not repeated.
    static func document(result: Bool?, diagnostics: [Diagnostic]) -> JSONValue {
        .object(
            DiagnosticJSONRenderer.members(diagnostics, file: expressionName) + [
                ("result", result.map(JSONValue.bool) ?? .null)
            ])
    }
}
