import ArgumentParser
import EdgeSpec

/// `edgeproof schema`: print the spec's JSON Schema, generated from the checker's own definitions.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema of edge.yaml (for editors and CI).",
        discussion:
            "The result is a JSON Schema (draft 2020-12) versioned by its $id, so there is no --format and no "
            + "version member (strict validators refuse unknown keywords).")

    func run() {
        StandardOutput.print(SpecSchema.document.pretty, terminator: "")
    }
}
