import Foundation
import Testing

/// Usage errors end every command with exit 2 and a message on stderr; help and the version go to stdout with 0.
@Suite struct UsageTests {
    @Test(arguments: [
        ["check", "--bogus"], ["build", "--bogus"], ["test", "--bogus"], ["replay", "--bogus"], ["whatif", "--bogus"],
        ["diff", "base.yaml", "head.yaml", "--bogus"], ["synth", "-o", "-", "--bogus"], ["eval", "true", "--bogus"],
        ["explain", "--request", "{}", "--bogus"], ["schema", "--bogus"],
    ])
    func anUnknownOptionIsExit2(arguments: [String]) {
        let result = edgeproof(arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Unknown option '--bogus'"))
        #expect(result.stderr.contains("Usage: edgeproof \(arguments[0])"))
    }

    @Test func anUnknownCommandIsExit2() {
        let result = edgeproof("chekc")
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("chekc"))
    }

    @Test func invalidValuesAreExit2() {
        #expect(edgeproof("check", exampleSpec, "--format", "xml").exitCode == 2)
        #expect(edgeproof("eval", "true", "--plan", "gold").exitCode == 2)
        #expect(edgeproof("eval").exitCode == 2)
        #expect(edgeproof("explain", exampleSpec).exitCode == 2)
        #expect(edgeproof("synth", "--spec", exampleSpec, "--duration", "forever", "-o", "/dev/null").exitCode == 2)
        #expect(edgeproof("synth", "--spec", exampleSpec, "--duration", "0s", "-o", "/dev/null").exitCode == 2)
        #expect(edgeproof("whatif", exampleSpec, "--trace", "traces/scraper.jsonl", "--scale", "0").exitCode == 2)
        #expect(
            edgeproof("replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--fail-on", "block_rate").exitCode == 2
        )
        #expect(edgeproof("replay", exampleSpec, "--trace", "traces/scraper.jsonl", "--max-errors", "-1").exitCode == 2)
    }

    @Test func helpAndVersionGoToStandardOutputWithExit0() {
        let help = edgeproof("--help")
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("USAGE: edgeproof <subcommand>"))
        #expect(help.stderr.isEmpty)
        let version = edgeproof("--version")
        #expect(version.exitCode == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    @Test func checkKeepsFormatForItsDiagnostics() {
        let result = edgeproof("check", exampleSpec, "--format", "json")
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("{"))
    }

    @Test func schemaPrintsAJSONSchema() throws {
        let result = edgeproof("schema")
        #expect(result.exitCode == 0)
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(schema?["$schema"] != nil)
    }
}
