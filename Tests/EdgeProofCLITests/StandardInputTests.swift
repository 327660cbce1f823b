import Foundation
import Testing

/// A spec path `-` reads the spec from standard input (named `<stdin>` in diagnostics), within the size limit;
/// `/dev/stdin` reads a pipe like any other path.
@Suite struct StandardInputTests {
    static let misspelled = "vresion: 1\nzone:\n  name: example.com\n  plan: pr\n"

    let example: String

    init() throws {
        example = try String(contentsOfFile: exampleSpec, encoding: .utf8)
    }

    @Test func checkOfADashReadsStandardInputAndNamesItStdin() {
        let result = edgeproof(["check", "-"], stdin: Self.misspelled)
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.contains("<stdin>:1:1: error: unknown key 'vresion' in the spec [E0101]\n 1 | vresion: 1\n"))
        #expect(result.stdout.contains("<stdin>: 3 errors, 0 warnings"))
        let clean = edgeproof(["check", "-", "--format", "json"], stdin: example)
        #expect(clean.exitCode == 0)
        #expect(clean.stdout.contains(#""file" : "<stdin>""#) || clean.stdout.contains(#""file": "<stdin>""#))
    }

    @Test func buildTestAndExplainReadADashToo() throws {
        let scratch = try ScratchDirectory()
        let fromStdin = edgeproof(["build", "-", "-o", scratch.path("a")], stdin: example)
        #expect(fromStdin.exitCode == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout.hasPrefix("wrote "))
        #expect(FileManager.default.fileExists(atPath: scratch.path("a/fly/fly.toml")))
        let tested = edgeproof(["test", "-"], stdin: example)
        #expect(tested.exitCode == 0)
        #expect(tested.stdout.contains("PASS sqlmap is blocked"))
        let explained = edgeproof(["explain", "-", "--request", #"{"ua":"nikto/2.5"}"#], stdin: example)
        #expect(explained.exitCode == 0)
        #expect(explained.stdout.contains("rule block-bad-bots"))
    }

    @Test func twoSpecsFromOneStandardInputAreAUsageError() {
        let result = edgeproof(["diff", "-", "-", "--trace", "traces/scraper.jsonl"], stdin: example)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'-' names standard input, which holds one input (a spec or a trace)"))
    }

    @Test func aSpecAndATraceFromOneStandardInputAreAUsageError() {
        let result = edgeproof(["replay", "-", "--trace", "-"], stdin: example)
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'-' names standard input, which holds one input (a spec or a trace)"))
    }

    @Test func anEmptyStandardInputIsAnEmptySpec() {
        let result = edgeproof(["check", "-"], stdin: "")
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("<stdin>"))
    }

    @Test func anEndlessStandardInputIsReadOneBytePastTheLimit() throws {
        let zero = try #require(FileHandle(forReadingAtPath: "/dev/zero"))
        let result = try edgeproofProcess(["check", "-", "--format", "json"], stdin: zero)
        #expect(result.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let first = (document["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["id"] as? String == "E0001")
        #expect(document["file"] as? String == "<stdin>")
    }

    @Test(arguments: ["-", "/dev/stdin"])
    func theBuiltBinaryReadsTheSpecFromAPipe(_ path: String) throws {
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: Data(example.utf8))
        try pipe.fileHandleForWriting.close()
        let result = try edgeproofProcess(["check", path, "--no-readiness"], stdin: pipe.fileHandleForReading)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasSuffix((path == "-" ? "<stdin>" : path) + ": ok, 1 note\n"), "\(result.stdout)")
    }

    @Test(arguments: ["-", "/dev/stdin"])
    func theBuiltBinaryReadsTheSpecFromASocket(_ path: String) throws {
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        let writer = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        try writer.write(contentsOf: Data(example.utf8))
        #expect(shutdown(ends[1], Int32(SHUT_WR)) == 0)
        let reader = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
        let result = try edgeproofProcess(["check", path, "--no-readiness"], stdin: reader)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix((path == "-" ? "<stdin>" : path) + ": ok, 1 note\n"), "\(result.stdout)")
    }

    @Test func aJUnitReportToAFileRedirectedAsTheSpecIsRefused() throws {
        let scratch = try ScratchDirectory()
        let spec = try scratch.write("edge.yaml", example)
        let input = try #require(FileHandle(forReadingAtPath: spec))
        let result = try edgeproofProcess(["test", "-", "--junit", spec], stdin: input)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("names the same file as the input"))
        #expect(try scratch.read("edge.yaml") == example)
    }
}
