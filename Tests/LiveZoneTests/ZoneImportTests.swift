import CloudflareAPI
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Emitters
import Foundation
import Testing

@testable import LiveZone

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The rulesets of a directory `build` wrote.
private func rulesets(_ directory: String) throws -> [RulesetPhase: JSONValue] {
    try RulesetFiles.read(directory: root.appendingPathComponent(directory).path)
}

/// The `rules` arrays of each phase a spec text builds, by phase name.
private func builtRules(_ text: String) throws -> [String: JSONValue] {
    let diagnostics = DiagnosticCollector()
    let checked = try #require(
        SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics),
        "\(diagnostics.diagnostics.map(\.message))")
    let edge = try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    var rules: [String: JSONValue] = [:]
    for file in try BuildOutputs.render(edge).files where file.path.hasPrefix("cloudflare/") {
        let phase = String(file.path.dropFirst("cloudflare/".count).dropLast(".json".count))
        rules[phase] = try JSONDocumentReader.read(file.contents)["rules"]
    }
    return rules
}

@Test(arguments: [
    ("examples/agenticverz/out", "pro"), ("Tests/EmittersTests/Golden/managed-exceptions", "enterprise"),
])
func whatBuildWroteImportsIntoASpecThatBuildsTheSameRules(directory: String, plan: String) throws {
    let original = try rulesets(directory)
    let imported = ZoneImport.spec(rulesets: original, zoneName: "example.com", plan: plan, source: directory)
    #expect(imported.notes.isEmpty, "\(imported.notes)")
    let rebuilt = try builtRules(imported.text)
    for phase in RulesetPhase.allCases {
        #expect(rebuilt[phase.rawValue] == original[phase]?["rules"], "\(phase.rawValue)")
    }
}

@Test func rulesTheSpecCannotHoldAreReportedAndKeptAsComments() throws {
    let data = try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/live-zone/hand-made.json"))
    let document = try JSONDocumentReader.read(Array(data))
    var phases: [RulesetPhase: JSONValue] = [:]
    for phase in RulesetPhase.allCases { phases[phase] = document[phase.rawValue] }
    let imported = ZoneImport.spec(rulesets: phases, zoneName: "hand.example", plan: "enterprise", source: "a test")
    #expect(imported.imported == 4)
    #expect(
        imported.notes.map(\.rule) == [
            "Send old docs to the new site", "Let the monitor through quietly", "Partner webhook",
            "Score-based API limit", "Reserve for video",
        ])
    #expect(imported.notes.map(\.phase) == [.custom, .custom, .custom, .rateLimit, .cache])
    #expect(!imported.text.contains("sk_live_") && imported.text.contains("[redacted]"))
    for note in imported.notes {
        #expect(imported.text.contains("# Not imported: rule '\(note.rule)': \(note.reason)."))
    }
    #expect(imported.text.contains(#"#   {"id":"6a4c5b7c8d9e4f00a1b2c3d4e5f60718","#))
    _ = try builtRules(imported.text)
}

@Test func stringsThatReadAsOtherTypesAreQuoted() throws {
    let rules: JSONValue = .object([
        (
            "rules",
            .array(
                ["yes", "true", "123", "null", "~", "on", " padded ", "a: b", "- item", "#hash"].map { description in
                    .object([
                        ("description", .string(description)), ("expression", .string("true")),
                        ("action", .string("log")),
                    ])
                })
        )
    ])
    let imported = ZoneImport.spec(rulesets: [.custom: rules], zoneName: "x.example", plan: "enterprise", source: "t")
    let diagnostics = DiagnosticCollector()
    let checked = try #require(
        SpecChecker.check(Array(imported.text.utf8), file: "edge.yaml", diagnostics: diagnostics))
    #expect(
        checked.spec.waf.map(\.description) == [
            "yes", "true", "123", "null", "~", "on", " padded ", "a: b", "- item", "#hash",
        ])
}

@Test func idsComeFromTheDescriptionPrefixElseFromTheDescriptionAndStayUnique() {
    let allocator = RuleIdentity.Allocator()
    let first = allocator.identity(description: "[api-limit] 100 a minute", ref: nil, fallback: "x-1")
    #expect(first.id == "api-limit" && first.description == "100 a minute")
    let bare = allocator.identity(description: "[bare]", ref: nil, fallback: "x-2")
    #expect(bare.id == "bare" && bare.description == nil)
    let made = allocator.identity(description: "Block Admin (outside) — office!", ref: nil, fallback: "x-3")
    #expect(made.id == "block-admin-outside-office" && made.description == "Block Admin (outside) — office!")
    let again = allocator.identity(description: "[api-limit] again", ref: nil, fallback: "x-4")
    #expect(again.id == "api-limit-2")
    let fromRef = allocator.identity(description: nil, ref: "My_Ref", fallback: "x-5")
    #expect(fromRef.id == "my-ref")
    let fallback = allocator.identity(description: "¡¿", ref: nil, fallback: "waf-6")
    #expect(fallback.id == "waf-6")
    let long = allocator.identity(description: String(repeating: "word ", count: 40), ref: nil, fallback: "x")
    #expect(long.id.count <= 64 && !long.id.hasSuffix("-"))
}
