import Foundation
import Testing

/// `--format json` on `check`, `build`, `test`, `eval`, `explain` and `synth`: exactly one JSON document on stdout,
/// with `"version": 1`, whether the command succeeds or fails; `schema`'s one document is the JSON Schema.
@Suite struct JSONDocumentTests {
    /// One run and the exit code it must end with. In `arguments`, `BROKEN` is a spec with three errors (unknown
    /// key, missing key, bad plan), `FAILING` the example with one expect case naming the wrong rule, `DIR/` a
    /// fresh directory.
    struct Run: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let exitCode: Int32

        var testDescription: String { "edgeproof " + arguments.joined(separator: " ") }
    }

    static let spec = "examples/agenticverz/edge.yaml"

    let scratch: ScratchDirectory
    let broken: String
    let failing: String

    init() throws {
        scratch = try ScratchDirectory()
        broken = try scratch.write("broken.yaml", "vresion: 1\nzone:\n  name: example.com\n  plan: pr\n")
        failing = try scratch.write(
            "failing.yaml",
            try String(contentsOfFile: Self.spec, encoding: .utf8)
                .replacingOccurrences(of: "    rule: block-missing-user-agent\n", with: "    rule: block-bad-bots\n"))
    }

    /// `arguments` with the placeholders of `Run` replaced.
    private func resolved(_ arguments: [String]) -> [String] {
        arguments.map { argument in
            switch argument {
            case "BROKEN": broken
            case "FAILING": failing
            default: argument.hasPrefix("DIR/") ? scratch.path(String(argument.dropFirst(4))) : argument
            }
        }
    }

    static let runs: [Run] = [
        Run(arguments: ["check", spec], exitCode: 0),
        Run(arguments: ["check", "BROKEN"], exitCode: 1),
        Run(arguments: ["build", spec, "-o", "DIR/built"], exitCode: 0),
        Run(arguments: ["build", "BROKEN", "-o", "DIR/never"], exitCode: 1),
        Run(arguments: ["build", spec, "-o", "DIR/empty", "--check"], exitCode: 1),
        Run(arguments: ["test", spec], exitCode: 0),
        Run(arguments: ["test", "FAILING"], exitCode: 1),
        Run(arguments: ["test", "BROKEN"], exitCode: 1),
        Run(arguments: ["eval", "http.host eq \"a\"", "--request", #"{"host":"a"}"#], exitCode: 0),
        Run(arguments: ["eval", "http.hots eq \"a\""], exitCode: 1),
        Run(arguments: ["eval", "true", "--spec", "BROKEN"], exitCode: 1),
        Run(arguments: ["explain", spec, "--request", #"{"ua":"nikto/2.5"}"#], exitCode: 0),
        Run(arguments: ["explain", "BROKEN", "--request", "{}"], exitCode: 1),
        Run(arguments: ["synth", "--spec", spec, "--duration", "1m", "-o", "DIR/synth.jsonl"], exitCode: 0),
        Run(arguments: ["synth", "--spec", "BROKEN", "--duration", "1m", "-o", "DIR/never.jsonl"], exitCode: 1),
    ]

    @Test(arguments: runs)
    func stdoutIsExactlyOneVersionedDocument(_ run: Run) throws {
        let result = edgeproof(resolved(run.arguments) + ["--format", "json"])
        #expect(result.exitCode == run.exitCode, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(document["version"] as? Int == 1)
        #expect(!result.stderr.contains(#""version""#), "\(result.stderr)")
    }

    /// The document `arguments` print with `--format json`, parsed.
    private func document(_ arguments: [String], exitCode: Int32) throws -> [String: Any] {
        let result = edgeproof(arguments + ["--format", "json"])
        #expect(result.exitCode == exitCode, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func synthCountsWhatItWroteAndWithTheTraceOnStandardOutputPutsTheDocumentOnStandardError() throws {
        let path = scratch.path("counted.jsonl")
        let written = try document(["synth", "--spec", Self.spec, "--duration", "2m", "-o", path], exitCode: 0)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
        #expect(written["records"] as? Int == lines)
        let populations = try #require(written["populations"] as? [[String: Any]])
        #expect(populations.compactMap { $0["records"] as? Int }.reduce(0, +) == lines)
        #expect(written["duration_ms"] as? Int == 120_000)
        #expect(written["seed"] as? String == "1")
        let piped = try edgeproofProcess(
            ["synth", "--spec", Self.spec, "--duration", "2m", "-o", "-", "--format", "json"])
        #expect(piped.exitCode == 0)
        #expect(piped.stdout.split(separator: "\n").count == lines, "the trace alone on stdout")
        let onError = try #require(
            try JSONSerialization.jsonObject(with: Data(piped.stderr.utf8)) as? [String: Any], "\(piped.stderr)")
        #expect(onError["output"] as? String == "-")
    }

    @Test func schemaIsItsOneJSONDocumentWithOrWithoutFormatJSON() throws {
        let plain = edgeproof(["schema"]), json = edgeproof(["schema", "--format", "json"])
        #expect(plain.exitCode == 0 && json.exitCode == 0)
        #expect(plain.stdout == json.stdout)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(schema["$id"] as? String == "https://edgeproof.dev/schema/edge.v1.json")
    }

    @Test func buildListsTheFilesItWroteAndWithCheckTheDrift() throws {
        let out = scratch.path("drift")
        let written = try document(["build", Self.spec, "-o", out], exitCode: 0)
        let files = try #require(written["files"] as? [String])
        #expect(files.contains("fly/fly.toml") && files.contains("MANIFEST.json"))
        #expect(written["mode"] as? String == "write")
        #expect(written["ok"] as? Bool == true)
        #expect((written["spec_sha256"] as? String)?.count == 64)
        #expect(FileManager.default.fileExists(atPath: out + "/fly/fly.toml"))

        #expect(try document(["build", Self.spec, "-o", out, "--check"], exitCode: 0)["drift"] as? [Any] != nil)
        try FileManager.default.removeItem(atPath: out + "/fly/fly.toml")
        let drifted = try document(["build", Self.spec, "-o", out, "--check"], exitCode: 1)
        #expect(drifted["ok"] as? Bool == false)
        let drift = try #require(drifted["drift"] as? [[String: Any]])
        #expect(drift.count == 1)
        #expect(drift.first?["path"] as? String == "fly/fly.toml")
        #expect(drift.first?["kind"] as? String == "missing")
    }

    @Test func buildOfABrokenSpecCarriesItsDiagnosticsAndNoFiles() throws {
        let broken = try document(["build", broken, "-o", scratch.path("never")], exitCode: 1)
        #expect((broken["summary"] as? [String: Any])?["errors"] as? Int == 3)
        let ids = Set(((broken["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["E0101", "E0103", "E0104"])
        #expect((broken["files"] as? [String])?.isEmpty == true)
        #expect(broken["spec_sha256"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("never")))
    }

    @Test func testGivesEachCaseWithWhatItExpectedAndWhatItGot() throws {
        let report = try document(["test", failing], exitCode: 1)
        let summary = try #require(report["summary"] as? [String: Any])
        let cases = try #require(report["cases"] as? [[String: Any]])
        #expect(summary["cases"] as? Int == cases.count)
        #expect(summary["failed"] as? Int == 1)
        #expect(summary["passed"] as? Int == cases.count - 1)
        let failed = try #require(cases.first { $0["passed"] as? Bool == false })
        #expect(failed["name"] as? String == "requests without a user agent are blocked")
        #expect((failed["expected"] as? [String: Any])?["rule"] as? String == "block-bad-bots")
        #expect((failed["actual"] as? [String: Any])?["rule"] as? String == "block-missing-user-agent")
        #expect((failed["actual"] as? [String: Any])?["action"] as? String == "block")
        let line = try #require(
            String(contentsOfFile: failing, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("- name: requests without a user agent are blocked") })
        #expect((failed["location"] as? [String: Any])?["line"] as? Int == line + 1)
        let passed = try #require(cases.first { $0["passed"] as? Bool == true })
        #expect((passed["actual"] as? [String: Any])?["action"] != nil)
    }

    @Test func warningsOfASpecThatRunsGoToStandardErrorAsText() throws {
        let minimal = try scratch.write("min.yaml", "version: 1\nzone: {name: example.com, plan: pro}\n")
        for arguments in [["explain", minimal, "--request", "{}"], ["eval", "true", "--spec", minimal]] {
            let result = edgeproof(arguments + ["--format", "json"])
            #expect(result.exitCode == 0)
            #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any])
            #expect(result.stderr.contains("min.yaml:2:1: warning: readiness: "), "\(result.stderr)")
            #expect(!result.stderr.contains(#""version""#))
        }
    }

    @Test func evalGivesItsResultOrNullWithTheDiagnostics() throws {
        let valid = try document(
            ["eval", #"http.user_agent contains "sqlmap""#, "--request", #"{"ua":"sqlmap"}"#], exitCode: 0)
        #expect(valid["result"] as? Bool == true)
        let invalid = try document(["eval", #"http.user_agnet eq """#], exitCode: 1)
        #expect(invalid["result"] is NSNull)
        #expect((invalid["diagnostics"] as? [[String: Any]])?.isEmpty == false)
        #expect(invalid["file"] as? String == "<expr>")
    }
}
