import ArgumentParser

/// The `edgeproof` command: compile and simulate an API's edge from one spec.
@main
struct EdgeProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgeproof",
        abstract: "Check an edge spec like a program, compile it into the files a team commits, and replay traffic through it.",
        discussion: "Exit codes: 0 ok; 1 errors in the spec, failed checks or failed expectations; 2 usage errors or unreadable input.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, BuildCommand.self, TestCommand.self, ReplayCommand.self, WhatIfCommand.self, DiffCommand.self, SynthCommand.self, EvalCommand.self, ExplainCommand.self, SchemaCommand.self])

    /// Runs the command line; a bare `--fail-on` (no threshold after it) means the spec's `fail_on` section.
    static func main() {
        main(bareFailOnRewritten(Array(CommandLine.arguments.dropFirst())))
    }

    /// `--fail-on` followed by nothing or by another option becomes `--fail-on-spec`.
    static func bareFailOnRewritten(_ arguments: [String]) -> [String] {
        arguments.enumerated().map { index, argument in
            guard argument == "--fail-on" else { return argument }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            return next == nil || next!.hasPrefix("-") ? "--fail-on-spec" : argument
        }
    }
}
