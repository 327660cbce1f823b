import Foundation
import Testing

/// `-` on `replay`, `whatif` and `diff`: `--trace -` reads standard input (gzip told by its magic bytes, as for
/// files), `--report -` takes standard output and moves the result to standard error.
@Suite struct StandardStreamTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    /// The arguments that run `command` over `trace`, followed by `extra`.
    private func arguments(_ command: String, _ trace: String, _ extra: [String] = []) -> [String] {
        let spec = repositoryRoot + "/" + exampleSpec
        let specs = command == "diff" ? [spec, spec] : [spec]
        let scale = command == "whatif" ? ["--scale", "1,2"] : []
        return [command] + specs + ["--trace", trace] + scale + extra
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func aTraceOnStandardInputGivesTheSameResultAsTheFile(command: String) throws {
        let file = edgeproof(arguments(command, "traces/scraper.jsonl"))
        #expect(file.exitCode == 0)
        let piped = try edgeproofProcess(arguments(command, "-"), pipingFile: "traces/scraper.jsonl")
        #expect(piped.exitCode == 0, "\(piped.stderr)")
        #expect(piped.stdout == file.stdout)
    }

    @Test func whatIfCopiesStandardInputToAPrivateFileAndRemovesIt() throws {
        let temporary = scratch.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let piped = try edgeproofProcess(
            arguments("whatif", "-"), environment: ["TMPDIR": temporary], pipingFile: "traces/scraper.jsonl")
        #expect(piped.exitCode == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    @Test func aGzipTraceOnStandardInputIsInflated() throws {
        let trace = "traces/agenticverz-day.jsonl.gz"
        let file = edgeproof(arguments("replay", trace, ["--format", "json"]))
        let piped = try edgeproofProcess(arguments("replay", "-", ["--format", "json"]), pipingFile: trace)
        #expect(piped.exitCode == 0, "\(piped.stderr)")
        #expect(piped.stdout == file.stdout)
        let document = try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any]
        #expect((document?["requests"] as? Int ?? 0) > 10_000)
    }

    @Test func aMalformedLineOnStandardInputIsNamedAsStandardInput() throws {
        let trace = try scratch.write(
            "one-bad.jsonl", "{\"path\": 7}\n" + String(contentsOfFile: "traces/scraper.jsonl", encoding: .utf8))
        let piped = try edgeproofProcess(arguments("replay", "-"), pipingFile: trace)
        #expect(piped.exitCode == 0)
        #expect(piped.stderr.hasPrefix("<stdin>:1:"))
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func standardInputNamedTwiceIsAUsageError(command: String) {
        let result = edgeproof(arguments(command, "-") + ["--trace", "-"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("standard input can be read only once"))
    }

    @Test(arguments: ["whatif", "diff"])
    func aReportToADashIsAloneOnStandardOutputAndTheResultGoesToStandardError(command: String) throws {
        let result = try edgeproofProcess(
            arguments(command, repositoryRoot + "/traces/scraper.jsonl", ["--report", "-"]), directory: scratch.root)
        #expect(result.exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("-")))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let text = edgeproof(arguments(command, "traces/scraper.jsonl"))
        #expect(result.stderr.hasPrefix(text.stdout), "the text result, on standard error")
    }

    @Test func decisionsToADashAreAloneOnStandardOutput() throws {
        let result = try edgeproofProcess(
            arguments(
                "replay", repositoryRoot + "/traces/scraper.jsonl", ["--decisions", "-", "--format", "markdown"]),
            directory: scratch.root)
        #expect(result.exitCode == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 600)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(result.stderr.hasPrefix("### EdgeProof replay: 600 requests"))
    }
}
