import EdgeCore
import EdgeWire
import Foundation
import Testing

@testable import EdgeSpec

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled example spec's bytes.
func exampleSpecBytes() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("examples/agenticverz/edge.yaml")))
}

@Test func exampleIsCleanAndReproducesTheDesign() throws {
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(try exampleSpecBytes(), file: "edge.yaml", diagnostics: diagnostics))
    #expect(diagnostics.diagnostics.isEmpty, "\(diagnostics.diagnostics.map(\.message))")
    let spec = checked.spec
    #expect(spec.zone.plan == .pro)
    #expect(spec.rateLimits.first?.requests == 100 && spec.rateLimits.first?.period == .seconds(60))
    #expect(
        spec.waf.map(\.id.text) == [
            "block-bad-bots", "challenge-suspicious-ips", "block-missing-user-agent", "geo-block-high-risk",
        ])
    #expect(spec.redis?.maxmemoryPolicy == .noeviction && spec.redis?.persistence?.appendonly == true)
    #expect(
        spec.fly?.httpService?.concurrency?.softLimit == 200 && spec.fly?.httpService?.concurrency?.hardLimit == 250)
    #expect(spec.vault?.seals.first?.kmsKeyID == "alias/vault-unseal-key")
    #expect(checked.readiness.allSatisfy { $0.status == .done || $0.status == .notApplicable })
    #expect(checked.readiness.first { $0.lintID == "W0502" }?.status == .notApplicable, "Upstash persists every write")
}

@Test func expressionOffsetsMapThroughFoldedScalars() throws {
    let source = SourceFile(name: "edge.yaml", bytes: try exampleSpecBytes())
    let diagnostics = DiagnosticCollector()
    let spec = try #require(SpecChecker.check(source.bytes, file: "edge.yaml", diagnostics: diagnostics)).spec
    let when = spec.waf[0].when
    // "nmap" sits on the folded scalar's second line in the source.
    let text = Array(when.text.utf8)
    let needle = Array("\"nmap\"".utf8)
    let offset = try #require(
        (0...(text.count - needle.count)).first { Array(text[$0..<($0 + needle.count)]) == needle })
    let range = when.sourceRange(ofValueBytes: offset..<(offset + needle.count), in: source)
    let line = try #require(source.line(range.start.line))
    let column = line.unicodeScalars.index(line.unicodeScalars.startIndex, offsetBy: range.start.column - 1)
    #expect(String(line.unicodeScalars[column...]).hasPrefix("\"nmap\""))
    #expect(range.end.column - range.start.column == needle.count)
}

@Test func doubleQuotedEscapesMapToTheirSource() throws {
    let text =
        "version: 1\nzone: {name: example.com, plan: pro}\nwaf:\n  - id: r\n"
        + "    when: \"http.host eq \\\"a.com\\\" and ssl\"\n    action: block\n"
    let source = SourceFile(name: "edge.yaml", text: text)
    let diagnostics = DiagnosticCollector()
    let spec = try #require(SpecChecker.check(source.bytes, file: "edge.yaml", diagnostics: diagnostics)).spec
    let when = spec.waf[0].when
    let offset = when.text.utf8.count - 3
    let range = when.sourceRange(ofValueBytes: offset..<(offset + 3), in: source)
    #expect(range.start == SourceLocation(line: 5, column: 39))
    let quote = Array(when.text.utf8).firstIndex(of: UInt8(ascii: "\""))!
    #expect(
        when.sourceRange(ofValueBytes: quote..<(quote + 1), in: source).start == SourceLocation(line: 5, column: 26))
}

@Test func mutatedExampleNeverCrashesAndAlwaysExplainsFailure() throws {
    let original = try exampleSpecBytes()
    var generator = SplitMix64(state: 0xED6E)
    var inputs: [[UInt8]] = []
    for cut in stride(from: 0, to: original.count, by: max(1, original.count / 300)) {
        inputs.append(Array(original[..<cut]))
    }
    let interesting: [UInt8] = Array(":-[]{}&*!|>'\"#%@`\t\n ".utf8) + [0x00, 0xC3, 0xFF, 0x80]
    for _ in 0..<700 {
        var bytes = original
        for _ in 0..<(1 + Int(generator.next() % 4)) {
            let position = Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 3 {
            case 0: bytes[position] = interesting[Int(generator.next() % UInt64(interesting.count))]
            case 1: bytes.remove(at: position)
            default: bytes.insert(interesting[Int(generator.next() % UInt64(interesting.count))], at: position)
            }
        }
        inputs.append(bytes)
    }
    for bytes in inputs {
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics)
        if checked == nil {
            #expect(diagnostics.hasErrors, "a rejected spec must say why")
            for diagnostic in diagnostics.diagnostics {
                #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.column >= 1)
            }
        }
    }
}

@Test func schemaIsGeneratedFromTheReaders() throws {
    guard case let .object(members) = SpecSchema.document,
        case let .object(properties)? = members.first(where: { $0.0 == "properties" })?.1
    else {
        Issue.record("schema has no properties")
        return
    }
    #expect(
        properties.map(\.0) == [
            "version", "zone", "hosts", "lists", "waf", "managed_rules", "rate_limits", "cache", "fly", "vault",
            "redis", "origin", "costs", "expect", "thresholds", "fail_on", "redact", "replay", "app", "profiles",
            "lints",
        ])
    #expect(members.contains { $0.0 == "required" && $0.1 == ["version", "zone"] })
}

@Test func theSchemaStatesTheDefaultsTheReadersUse() throws {
    let properties = try #require(SpecSchema.document["properties"])
    let rateLimit = try #require(properties["rate_limits"]?["items"]?["properties"])
    #expect(rateLimit["timeout"]?["default"] == "1m")
    #expect(rateLimit["algorithm"]?["default"] == "cloudflare")
    #expect(rateLimit["requests_to_origin"]?["default"] == false)
    #expect(rateLimit["characteristics"]?["default"] == .array([]))
    #expect(rateLimit["requests"]?["default"] == nil, "a required field has no default")
    #expect(properties["managed_rules"]?["properties"]?["owasp"]?["properties"]?["paranoia_level"]?["default"] == 1)
    // A mapping's empty default is not written as a list.
    #expect(properties["fly"]?["properties"]?["secrets"]?["default"] == nil)
}
