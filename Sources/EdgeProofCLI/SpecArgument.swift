import ArgumentParser
import EdgeCompiler

/// The spec argument of the commands that read one spec (`check`, `build`, `test`, `replay`, `whatif`, `explain`).
struct SpecArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The spec file ('-' reads it from standard input).", valueName: "spec"))
    var path: String = "edge.yaml"

    /// The compiled spec, or the exit `SpecLoader.load` documents.
    func load(format: OutputFormat = .text) throws -> CompiledEdge {
        try SpecLoader.load(path, format: format)
    }
}
