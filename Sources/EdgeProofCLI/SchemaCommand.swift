import ArgumentParser
import EdgeSpec

/// `edgeproof schema`: print the spec's JSON Schema, generated from the checker's own definitions.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema of edge.yaml (for editors and CI).",
        discussion:
            "The result is a JSON Schema (draft 2020-12) versioned by its $id, so json is its only format and it has "
            + "no version member (strict validators refuse unknown keywords).")

    @Option(help: "Output format: json, the only one (the schema is one JSON document on stdout).")
    var format: OutputFormat = .json

    func run() throws {
        try format.refuse(unless: [.json], command: "schema")
        StandardOutput.print(SpecSchema.document.pretty, terminator: "")
    }
}
