import EdgeCore
import Foundation
import Testing

@testable import Emitters

// The layout rules come from hashicorp/hcl's formatter, `hclwrite/format.go` (`formatIndent`, `formatCells`,
// `linesForFormat`), which `terraform fmt` runs; the cases below are the ones of `hclwrite/format_test.go`
// (`TestFormat`) that apply to what EdgeProof writes: object attributes and nested lists, no comments.

/// `value` written at the top level, as `rules = …` gets it in `cloudflare.tf`.
private func written(_ value: JSONValue) -> String { HCLValueWriter.write(value, indent: 0) }

@Test("a run of single-line attributes aligns its `=` (hclwrite: `a = 1` / `bungle = 2`)")
func singleLineAttributesAlignTheirEquals() {
    #expect(written(.object([("a", .int(1)), ("bungle", .int(2))])) == "{\n  a      = 1\n  bungle = 2\n}")
}

@Test("keys are measured in characters, not bytes (hclwrite: `𝒜      = 1`)")
func keyWidthCountsCharacters() {
    let value = JSONValue.object([("𝒜", .int(1)), ("bungle", .string("🇬🇧")), ("zebra", .string("striped"))])
    #expect(written(value) == "{\n  𝒜      = 1\n  bungle = \"🇬🇧\"\n  zebra  = \"striped\"\n}")
}

@Test("an attribute that opens a multi-line value neither joins nor widens a run, and ends it (hclwrite: `bungle = (`)")
func multiLineValueEndsTheRun() {
    let value = JSONValue.object([
        ("a", .int(1)), ("bungle", .object([("bonce", .bool(true))])), ("zebra", .string("striped")), ("ab", .int(2)),
    ])
    #expect(
        written(value) == """
            {
              a = 1
              bungle = {
                bonce = true
              }
              zebra = "striped"
              ab    = 2
            }
            """)
}

@Test("empty `{}` and `[]` stay on one line and join the run (hclwrite: `b{}` → `b {}`)")
func emptyContainersJoinTheRun() {
    #expect(written(.object([("a", .array([])), ("bungle", .object([]))])) == "{\n  a      = []\n  bungle = {}\n}")
}

@Test("nested lists and objects indent two spaces per level (hclwrite: `[` / `[` / `a` / `]` / `]`)")
func nestingIndentsTwoSpacesPerLevel() {
    let value = JSONValue.array([.array([.object([("a", .int(1)), ("bc", .string("d"))])])])
    #expect(
        written(value) == """
            [
              [
                {
                  a  = 1
                  bc = "d"
                },
              ],
            ]
            """)
}

/// `terraform` from the PATH, when it is installed.
private let terraformPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { "\($0)/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }

/// What `terraform fmt -` makes of `text` (read from stdin; no provider, no network).
private func terraformFormatted(_ text: String, terraform: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: terraform)
    process.arguments = ["fmt", "-no-color", "-"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let formatted = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "terraform fmt refused the text:\n\(text)")
    return String(decoding: formatted, as: UTF8.self)
}

@Test(
    "the emitted cloudflare.tf is already as `terraform fmt` formats it",
    .enabled(if: terraformPath != nil, "terraform is not on the PATH"))
func emittedTerraformIsFormatted() throws {
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let file = try #require(try BuildOutputs.render(edge).file("terraform/cloudflare.tf"))
    let text = String(decoding: file.contents, as: UTF8.self)
    #expect(try terraformFormatted(text, terraform: try #require(terraformPath)) == text)
}

@Test(
    "every object shape the writer meets is as `terraform fmt` formats it",
    .enabled(if: terraformPath != nil, "terraform is not on the PATH"))
func writtenValuesAreFormatted() throws {
    let nested = JSONValue.object([
        ("id", .string("x")), ("overrides", .object([("enabled", .bool(false))])), ("action", .string("log")),
        ("sensitivity_level", .string("default")), ("rules", .array([])), ("categories", .array([.string("a")])),
        ("score_threshold", .int(40)), ("ttl", .double(1.5)), ("token", .null),
    ])
    let text = "rules = " + written(.array([nested, .object([("a", nested)])])) + "\n"
    #expect(try terraformFormatted(text, terraform: try #require(terraformPath)) == text)
}
