import Foundation
import Testing

/// `build`: the same bytes wherever it runs, drift checks, and a directory left as it was when anything fails.
@Suite struct BuildCommandTests {
    let scratch: ScratchDirectory
    let minimal: String

    init() throws {
        scratch = try ScratchDirectory()
        minimal = try scratch.write("min.yaml", "version: 1\nzone: {name: example.com, plan: pro}\n")
    }

    /// Every file under `directory` with its bytes, by relative path.
    private func contents(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + relative))
            }
        }
        return files
    }

    @Test func outputIsByteIdenticalAcrossWorkingDirectoryPathSpellingTimeZoneAndLocale() throws {
        #expect(edgeproof("build", exampleSpec, "-o", scratch.path("a")).exitCode == 0)
        let elsewhere = scratch.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: exampleSpec, toPath: elsewhere + "/edge.yaml")
        let moved = try edgeproofProcess(
            ["build", "./../elsewhere/edge.yaml", "-o", scratch.path("b")], directory: elsewhere,
            environment: ["TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"])
        #expect(moved.exitCode == 0)
        let first = try contents(scratch.path("a")), second = try contents(scratch.path("b"))
        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func checkReportsDriftNamingTheFile() throws {
        let out = scratch.path("a")
        #expect(edgeproof("build", exampleSpec, "-o", out).exitCode == 0)
        #expect(edgeproof("build", exampleSpec, "-o", out, "--check").exitCode == 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out + "/fly/fly.toml"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("# drifted\n".utf8))
        try handle.close()
        let drifted = edgeproof("build", exampleSpec, "-o", out, "--check")
        #expect(drifted.exitCode == 1)
        #expect(
            drifted.stdout.split(separator: "\n").contains { $0.hasPrefix("changed: ") && $0.hasSuffix("fly/fly.toml") }
        )
    }

    @Test func aFailedBuildLeavesTheDirectoryExactlyAsItWas() throws {
        let out = scratch.path("c")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try scratch.write("c/vault", "a file where a directory must go\n")
        try scratch.write("c/notes.txt", "keep\n")
        let before = try contents(out)
        #expect(edgeproof("build", exampleSpec, "-o", out).exitCode == 2)
        #expect(try contents(out) == before)
    }

    @Test func aSpecWithErrorsWritesNothing() throws {
        let bad = try scratch.write(
            "bad.yaml",
            "version: 1\nzone: {name: example.com, plan: pro}\n"
                + "fly: {app: x-app, primary_region: sin, vm: [{cpus: 1, memory: 8gb}]}\n"
        )
        #expect(edgeproof("build", bad, "-o", scratch.path("d")).exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("d")))
    }

    @Test func dotAndDotDotWork() throws {
        let dot = scratch.path("dot")
        try FileManager.default.createDirectory(atPath: dot, withIntermediateDirectories: true)
        #expect(
            try edgeproofProcess(["build", repositoryRoot + "/" + exampleSpec, "-o", "."], directory: dot).exitCode == 0
        )
        #expect(FileManager.default.fileExists(atPath: dot + "/fly/fly.toml"))
        for round in 1...5 {
            let up = scratch.path("up\(round)")
            try FileManager.default.createDirectory(atPath: up + "/sub", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: exampleSpec, toPath: up + "/edge.yaml")
            #expect(try edgeproofProcess(["build", "../edge.yaml", "-o", ".."], directory: up + "/sub").exitCode == 0)
            #expect(FileManager.default.fileExists(atPath: up + "/MANIFEST.json"))
            #expect(FileManager.default.fileExists(atPath: up + "/edge.yaml"))
        }
    }

    @Test func aSymlinkedDirectoryStaysALinkAndItsDirectoryIsFilled() throws {
        try FileManager.default.createDirectory(atPath: scratch.path("linked-real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path("linked"), withDestinationPath: "linked-real")
        #expect(edgeproof("build", exampleSpec, "-o", scratch.path("linked")).exitCode == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("linked"))) == "linked-real")
        #expect(FileManager.default.fileExists(atPath: scratch.path("linked-real/MANIFEST.json")))
    }

    @Test func theModesOfTheDirectoryAndItsDirectoriesAreKept() throws {
        let out = scratch.path("private")
        try FileManager.default.createDirectory(atPath: out + "/fly", withIntermediateDirectories: true)
        #expect(chmod(out, 0o700) == 0 && chmod(out + "/fly", 0o750) == 0)
        #expect(edgeproof("build", exampleSpec, "-o", out).exitCode == 0)
        let outer = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        let inner = try FileManager.default.attributesOfItem(atPath: out + "/fly")[.posixPermissions] as? Int
        #expect(outer == 0o700 && inner == 0o750)
    }

    @Test func aDirectoryAtAnOutputPathStopsTheBuildAndSurvives() throws {
        try FileManager.default.createDirectory(
            atPath: scratch.path("blocked/fly/fly.toml"), withIntermediateDirectories: true)
        try scratch.write("blocked/fly/fly.toml/notes", "mine")
        let result = edgeproof("build", exampleSpec, "-o", scratch.path("blocked"))
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("blocked/fly/fly.toml is a directory where the build writes a file"))
        #expect(try scratch.read("blocked/fly/fly.toml/notes") == "mine")
    }

    @Test func filesTheSpecNoLongerProducesAreReportedThenRemovedAndTheUsersAreKept() throws {
        let out = scratch.path("shrink")
        #expect(edgeproof("build", exampleSpec, "-o", out).exitCode == 0)
        try scratch.write("shrink/notes.txt", "mine\n")
        let check = edgeproof("build", minimal, "-o", out, "--check")
        #expect(check.exitCode == 1)
        #expect(
            check.stdout.split(separator: "\n").contains {
                $0.hasPrefix("stale: ") && $0.hasSuffix("shrink/vault/vault.hcl")
            })
        #expect(edgeproof("build", minimal, "-o", out).exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: out + "/vault"))
        #expect(!FileManager.default.fileExists(atPath: out + "/fly/fly.toml"))
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt"))
        #expect(edgeproof("build", minimal, "-o", out, "--check").exitCode == 0)
        try FileManager.default.createDirectory(
            atPath: scratch.path(".shrink.edgeproof-staging-999999999/fly"), withIntermediateDirectories: true)
        #expect(edgeproof("build", minimal, "-o", out).exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.path(".shrink.edgeproof-staging-999999999")))
    }
}
