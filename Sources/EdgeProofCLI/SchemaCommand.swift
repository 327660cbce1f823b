import ArgumentParser
import EdgeSpec

/// `edgeproof schema`: print the spec's JSON Schema, generated from the checker's own definitions.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema of edge.yaml (for editors and CI).")

    func run() {
        StandardOutput.print(SpecSchema.document.pretty, terminator: "")
    }
}
