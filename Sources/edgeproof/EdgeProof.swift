import ArgumentParser

/// The `edgeproof` command: compile and simulate an API's edge from one spec.
@main
struct EdgeProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgeproof",
        abstract: "Check an edge spec like a program, compile it into the files a team commits, and replay traffic through it.",
        discussion: "Exit codes: 0 ok; 1 errors in the spec, failed checks or failed expectations; 2 usage errors or unreadable input.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, BuildCommand.self, TestCommand.self, ReplayCommand.self, EvalCommand.self, ExplainCommand.self, SchemaCommand.self])
}
