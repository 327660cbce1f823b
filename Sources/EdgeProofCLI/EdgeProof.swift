import ArgumentParser

/// The `edgeproof` command: compile and simulate an API's edge from one spec.
public struct EdgeProof: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "edgeproof",
        abstract:
            "Check an edge spec like a program, compile it into the files a team commits, and replay traffic through "
            + "it.",
        discussion:
            "Results go to stdout, diagnostics and progress to stderr; a spec path '-' reads standard input. Exit "
            + "codes: 0 ok; 1 errors in the spec, failed checks or failed expectations; 2 usage errors or unreadable "
            + "input. See docs/command-line.md.",
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, BuildCommand.self, TestCommand.self, ReplayCommand.self, WhatIfCommand.self,
            DiffCommand.self, PartitionCommand.self, MergeCommand.self, SynthCommand.self, EvalCommand.self,
            ExplainCommand.self, SchemaCommand.self,
            ImportCommand.self, PlanCommand.self, ApplyCommand.self, PullLogsCommand.self, InitCommand.self,
        ])

    /// Creates the root command (it only dispatches to its subcommands).
    public init() {}

    /// Parses `arguments` (without the program name), runs the command they name with its output on
    /// `Console.current`, and returns the exit code: help and `--version` go to stdout with 0, usage errors to
    /// stderr with 2, and a command's own `ExitCode` as it is.
    public static func execute(_ arguments: [String]) -> Int32 {
        if let topic = unknownHelpTopic(arguments) {
            StandardError.write(
                "error: 'edgeproof help \(topic)': there is no command '\(topic)'; the commands are "
                    + commandNames.joined(separator: ", ") + " (run 'edgeproof help' for the list)\n")
            return usageErrorCode
        }
        do {
            var command = try parseAsRoot(bareFailOnRewritten(arguments))
            try command.run()
            return 0
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { StandardOutput.print(message) }
                return 0
            }
            if !message.isEmpty { StandardError.write(message + "\n") }
            return code == .validationFailure ? usageErrorCode : code.rawValue
        }
    }

    /// The subcommands' names, in the order `help` lists them.
    static let commandNames = configuration.subcommands.map { $0.configuration.commandName ?? "" }

    /// The first word after `help` that names no command (ArgumentParser would print the root help and exit 0).
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        return arguments.dropFirst().first { !$0.hasPrefix("-") && !commandNames.contains($0) && $0 != "help" }
    }

    /// The exit code of a usage error (ArgumentParser's own is 64, EX_USAGE).
    static let usageErrorCode: Int32 = 2

    /// `--fail-on` followed by nothing or by another option becomes `--fail-on-spec`, so a bare `--fail-on`
    /// keeps meaning the spec's thresholds (the former spelling of `--spec-thresholds`).
    static func bareFailOnRewritten(_ arguments: [String]) -> [String] {
        arguments.enumerated().map { index, argument in
            guard argument == "--fail-on" else { return argument }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            return next == nil || next!.hasPrefix("-") ? "--fail-on-spec" : argument
        }
    }
}
