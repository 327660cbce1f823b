import Foundation
import Testing

/// Every command, and the root, answers bad usage the same way: exit 2, a message on stderr, nothing on stdout.
@Suite struct UsageErrorTableTests {
    /// One bad command line, and a word its message must hold.
    struct BadUsage: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String

        var testDescription: String { "edgeproof " + arguments.joined(separator: " ") }
    }

    static let spec = "examples/agenticverz/edge.yaml"
    static let trace = "traces/scraper.jsonl"

    static let badUsages: [BadUsage] = [
        // An unknown option.
        BadUsage(arguments: ["check", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["build", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["test", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["replay", spec, "--trace", trace, "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["whatif", spec, "--trace", trace, "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["diff", spec, spec, "--trace", trace, "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["synth", "-o", "-", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["eval", "true", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["explain", spec, "--request", "{}", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["schema", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["help", "--bogus"], message: "--bogus"),
        BadUsage(arguments: ["--bogus"], message: "Unknown option '--bogus'"),
        // A missing value.
        BadUsage(arguments: ["check", spec, "--format"], message: "Missing value for '--format <format>'"),
        BadUsage(arguments: ["build", spec, "-o"], message: "Missing value for '-o <output>'"),
        BadUsage(arguments: ["test", spec, "--junit"], message: "Missing value for '--junit <junit>'"),
        BadUsage(arguments: ["replay", spec, "--trace", trace, "--max-errors"], message: "Missing value"),
        BadUsage(arguments: ["whatif", spec, "--trace", trace, "--scale"], message: "Missing value"),
        BadUsage(arguments: ["diff", spec, spec, "--trace", trace, "--report"], message: "Missing value"),
        BadUsage(arguments: ["synth", "--spec", spec, "-o"], message: "Missing value"),
        BadUsage(arguments: ["eval", "true", "--request"], message: "Missing value"),
        BadUsage(arguments: ["explain", spec], message: "Missing expected argument '--request <request>'"),
        BadUsage(arguments: ["eval"], message: "Missing expected argument '<expression>'"),
        // A bad value.
        BadUsage(arguments: ["check", spec, "--format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["build", spec, "--format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["test", spec, "--format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["replay", spec, "--trace", trace, "--trace-format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["whatif", spec, "--trace", trace, "--trace-format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["diff", spec, spec, "--trace", trace, "--trace-format", "xml"], message: "'xml'"),
        BadUsage(arguments: ["replay", spec, "--trace", trace, "--jobs", "0"], message: "--jobs must be 1 or more"),
        BadUsage(arguments: ["whatif", spec, "--trace", trace, "--jobs", "0"], message: "--jobs must be 1 or more"),
        BadUsage(arguments: ["diff", spec, spec, "--trace", trace, "--jobs", "many"], message: "'many'"),
        BadUsage(arguments: ["synth", "--spec", spec, "--duration", "forever", "-o", "-"], message: "forever"),
        BadUsage(arguments: ["eval", "true", "--plan", "gold"], message: "'gold'"),
        BadUsage(arguments: ["eval", "true", "--format", "github"], message: "eval has the formats text and json"),
        BadUsage(
            arguments: ["explain", spec, "--request", "{}", "--format", "markdown"],
            message: "explain has the formats text and json"),
        BadUsage(arguments: ["partition", trace, "-o", "/tmp/x"], message: "Missing expected argument '--shards <n>'"),
        BadUsage(
            arguments: ["partition", trace, "--shards", "0", "-o", "/tmp/x"], message: "--shards must be between"),
        BadUsage(arguments: ["partition", "--shards", "2", "-o", "/tmp/x"], message: "give at least one trace file"),
        BadUsage(arguments: ["partition", trace, "--shards", "2", "-o", "-"], message: "-o names the directory"),
        BadUsage(arguments: ["merge"], message: "give the summary of every shard"),
        BadUsage(arguments: ["merge", "s.json", "--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(
            arguments: ["merge", "s.json", "--decisions", "d.jsonl"], message: "--decisions and --shard-decisions"),
        BadUsage(arguments: ["schema", "extra"], message: "Unexpected argument 'extra'"),
        BadUsage(arguments: ["schema", "--format", "text"], message: "schema has only the format json, not text"),
        BadUsage(
            arguments: ["synth", "--spec", spec, "-o", "-", "--format", "markdown"],
            message: "synth has the formats text and json"),
        BadUsage(arguments: ["help", "nosuch"], message: "there is no command 'nosuch'"),
        BadUsage(arguments: ["chekc"], message: "chekc"),
        // A path '-' where it cannot apply.
        BadUsage(arguments: ["build", spec, "-o", "-"], message: "build writes a directory of files"),
        BadUsage(
            arguments: ["test", spec, "--junit", "-", "--format", "json"], message: "both want standard output"),
    ]

    @Test(arguments: badUsages)
    func badUsageIsExit2WithAMessageOnStandardErrorOnly(_ usage: BadUsage) {
        let result = edgeproof(usage.arguments)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(usage.message), "\(result.stderr)")
    }

    @Test func helpForACommandAndTheRootAloneGoToStandardOutputWithExit0() {
        for arguments in [["help", "check"], [], ["help"], ["check", "--help"]] {
            let result = edgeproof(arguments)
            #expect(result.exitCode == 0, "\(arguments)")
            #expect(result.stderr.isEmpty, "\(arguments)")
            #expect(result.stdout.contains("USAGE: edgeproof"), "\(arguments)")
        }
        #expect(edgeproof("help", "check").stdout.contains("USAGE: edgeproof check"))
        #expect(edgeproof("--version").stdout == "0.1.0\n")
    }
}
