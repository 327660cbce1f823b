import Foundation
import Testing

/// `check`: exit codes, the three diagnostic formats, bounded input.
@Suite struct CheckCommandTests {
    let scratch: ScratchDirectory
    let misspelled: String

    init() throws {
        scratch = try ScratchDirectory()
        misspelled = try scratch.write("edge.yaml", "vresion: 1\nzone:\n  name: example.com\n  plan: pr\n")
    }

    @Test func theExampleSpecChecksClean() {
        #expect(edgeproof("check", exampleSpec).exitCode == 0)
    }

    @Test func aTextDiagnosticNamesFileLineAndColumn() {
        let result = edgeproof("check", misspelled)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("edge.yaml:1:1: error: unknown key 'vresion'"))
    }

    @Test func formatJSONIsOneDocumentWithTheSummary() throws {
        let result = edgeproof("check", misspelled, "--format", "json")
        #expect(result.exitCode == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["summary"] as? [String: Any])?["errors"] as? Int == 3)
        let ids = Set(((document["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["E0101", "E0103", "E0104"])
    }

    @Test func formatGitHubPrintsAnnotations() {
        let result = edgeproof("check", misspelled, "--format", "github")
        #expect(result.exitCode == 1)
        #expect(
            result.stdout.split(separator: "\n").contains {
                $0.hasPrefix("::error file=") && $0.contains("edge.yaml,line=1,col=1,")
            })
    }

    @Test func aMissingSpecOrADirectoryIsExit2() {
        let missing = edgeproof("check", scratch.path("missing.yaml"))
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("no such file; pass the spec's path, '-' to read it from standard input"))
        let directory = edgeproof("check", scratch.root)
        #expect(directory.exitCode == 2)
        #expect(directory.stderr.contains("is a directory, not a spec file"))
    }

    @Test func theSpecDefaultsToEdgeYamlInTheWorkingDirectory() throws {
        let directory = scratch.path("here")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: exampleSpec, toPath: directory + "/edge.yaml")
        let result = try edgeproofProcess(["check"], directory: directory)
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Production readiness"))
    }

    @Test func strictTurnsReadinessWarningsIntoErrors() throws {
        let minimal = try scratch.write("min.yaml", "version: 1\nzone: {name: example.com, plan: pro}\n")
        #expect(edgeproof("check", minimal).exitCode == 0)
        #expect(edgeproof("check", minimal, "--strict").exitCode == 1)
    }

    @Test func a4GBSpecIsRejectedByItsSizeWithoutBeingRead() throws {
        let sparse = scratch.path("sparse.yaml")
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: sparse))
        try handle.truncate(atOffset: 4 << 30)
        try handle.close()
        let result = edgeproof("check", sparse)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("the spec is 4294967296 bytes; the limit is 1048576 bytes (1 MiB) [E0001]"))
    }

    @Test func anEndlessStreamIsReadOneBytePastTheLimit() {
        #expect(edgeproof("check", "/dev/zero", "--format", "json").exitCode == 1)
    }

    @Test func aFIFOSpecWithoutAWriterEndsWithExit2() {
        let fifo = scratch.path("fifo.yaml")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = edgeproof("check", fifo)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("is a FIFO and nothing wrote to it"))
    }
}
