import Foundation
import Testing

@testable import Emitters

@Test func writeKeepsUnrelatedFilesAndReplacesOutputs() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory + "/fly", withIntermediateDirectories: true)
    try "keep me".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
    try "old".write(toFile: directory + "/fly/fly.toml", atomically: true, encoding: .utf8)
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let outputs = try BuildOutputs.render(edge)
    try OutputWriter.write(outputs, to: directory)
    let after = snapshot(directory)
    #expect(after["notes.txt"] == Array("keep me".utf8))
    #expect(after["fly/fly.toml"] == outputs.file("fly/fly.toml")?.contents)
    #expect(DriftCheck.compare(outputs, with: directory).isEmpty)
    let parent = (directory as NSString).deletingLastPathComponent
    #expect(
        try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"], "no staging directory is left behind")
}

@Test func failedWriteLeavesTheDirectoryExactlyAsItWas() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "not a directory".write(toFile: directory + "/vault", atomically: true, encoding: .utf8)
    try "previous".write(toFile: directory + "/MANIFEST.json", atomically: true, encoding: .utf8)
    let before = snapshot(directory)
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    #expect(throws: OutputWriter.WriteError.self) {
        try OutputWriter.write(try BuildOutputs.render(edge), to: directory)
    }
    #expect(snapshot(directory) == before)
    let parent = (directory as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
}

@Test func driftReportsMissingChangedAndStaleFiles() throws {
    let directory = try temporaryDirectory() + "/out"
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    let outputs = try BuildOutputs.render(edge)
    try OutputWriter.write(outputs, to: directory)
    try FileManager.default.removeItem(atPath: directory + "/vault/post-init.sh")
    let fly = try String(contentsOfFile: directory + "/fly/fly.toml", encoding: .utf8)
    try fly.replacingOccurrences(of: "soft_limit = 200", with: "soft_limit = 150").write(
        toFile: directory + "/fly/fly.toml", atomically: true, encoding: .utf8)
    let manifest = try String(contentsOfFile: directory + "/MANIFEST.json", encoding: .utf8)
    try manifest.replacingOccurrences(
        of: "\"files\": [", with: "\"files\": [\n    {\"path\": \"cloudflare/old.json\", \"sha256\": \"00\"},"
    )
    .write(toFile: directory + "/MANIFEST.json", atomically: true, encoding: .utf8)
    let differences = DriftCheck.compare(outputs, with: directory)
    let kinds = Dictionary(differences.map { ($0.path, $0.kind) }, uniquingKeysWith: { a, _ in a })
    #expect(kinds["vault/post-init.sh"] == .missing)
    #expect(kinds["fly/fly.toml"] == .changed)
    #expect(kinds["cloudflare/old.json"] == .stale)
    let diff = try #require(differences.first { $0.path == "fly/fly.toml" }?.diff)
    #expect(diff.contains("--- a/fly/fly.toml\n+++ b/fly/fly.toml\n@@ "))
    #expect(diff.contains("\n-    soft_limit = 150\n+    soft_limit = 200\n"))
}

/// An output set of text files (paths and contents), with a manifest listing them, for directory tests.
private func outputSet(_ files: [String: String]) -> OutputSet {
    var set = OutputSet()
    for (path, text) in files { set.add(path, text: text) }
    let listed = files.keys.sorted().map { "{\"path\": \"\($0)\", \"sha256\": \"00\"}" }.joined(separator: ", ")
    set.add(ManifestRenderer.path, text: "{\"files\": [\(listed)]}")
    return set
}

private func fileKind(_ path: String) -> mode_t {
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    return status.st_mode & S_IFMT
}

private func modeAndOwner(_ path: String) -> (mode: mode_t, uid: uid_t, gid: gid_t) {
    var status = stat()
    _ = lstat(path, &status)
    return (status.st_mode & 0o7777, status.st_uid, status.st_gid)
}

@Test func aSymlinkedDirectoryStaysALinkAndItsTargetIsSwapped() throws {
    let parent = try temporaryDirectory()
    try FileManager.default.createDirectory(atPath: parent + "/real", withIntermediateDirectories: false)
    try "mine".write(toFile: parent + "/real/notes.txt", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: parent + "/out", withDestinationPath: "real")
    let outputs = outputSet(["fly/fly.toml": "app = 'x'"])
    try OutputWriter.write(outputs, to: parent + "/out")
    #expect(fileKind(parent + "/out") == S_IFLNK, "the link stays a link")
    #expect(snapshot(parent + "/real")["fly/fly.toml"] == Array("app = 'x'\n".utf8))
    #expect(snapshot(parent + "/real")["notes.txt"] == Array("mine".utf8))
    #expect(DriftCheck.compare(outputs, with: parent + "/out").isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["out", "real"])
}

@Test func aDirectoryWhereAnOutputFileGoesStopsTheBuildAndSurvives() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory + "/fly/fly.toml", withIntermediateDirectories: true)
    try "hand-made".write(toFile: directory + "/fly/fly.toml/notes", atomically: false, encoding: .utf8)
    let before = snapshot(directory)
    do {
        try OutputWriter.write(outputSet(["fly/fly.toml": "app = 'x'"]), to: directory)
        Issue.record("a directory at an output path was not refused")
    } catch {
        #expect(error.description.contains("\(directory)/fly/fly.toml is a directory where the build writes a file"))
    }
    #expect(snapshot(directory) == before)
    #expect(fileKind(directory + "/fly/fly.toml") == S_IFDIR)
}

@Test func keptDirectoriesKeepTheirModesAndOwners() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory + "/fly", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: directory + "/private", withIntermediateDirectories: true)
    chmod(directory, 0o700)
    chmod(directory + "/fly", 0o750)
    chmod(directory + "/private", 0o711)
    let nobody: uid_t = 65534
    let canChown = chown(directory + "/private", nobody, nobody) == 0
    let before = [directory, directory + "/fly", directory + "/private"].map(modeAndOwner)
    try OutputWriter.write(outputSet(["fly/fly.toml": "app = 'x'"]), to: directory)
    let after = [directory, directory + "/fly", directory + "/private"].map(modeAndOwner)
    #expect(after.map(\.mode) == before.map(\.mode))
    #expect(after.map(\.uid) == before.map(\.uid) && after.map(\.gid) == before.map(\.gid))
    if canChown { #expect(after[2].uid == nobody) }
}

@Test func aMountInsideTheDirectoryStopsTheBuild() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    guard mount("tmpfs", directory + "/data", "tmpfs", 0, "size=64k") == 0 else {
        print("skip: cannot mount a tmpfs (needs root)")
        return
    }
    defer { umount(directory + "/data") }
    try "on the mount".write(toFile: directory + "/data/file", atomically: false, encoding: .utf8)
    do {
        try OutputWriter.write(outputSet(["fly/fly.toml": "app = 'x'"]), to: directory)
        Issue.record("a mount inside the directory was not refused")
    } catch {
        #expect(error.description.contains("\(directory)/data is a mount point inside the output directory"))
    }
    #expect(try String(contentsOfFile: directory + "/data/file", encoding: .utf8) == "on the mount")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["data"])
    #expect(
        try FileManager.default.contentsOfDirectory(atPath: (directory as NSString).deletingLastPathComponent) == [
            "out"
        ])
}

@Test func filesThePreviousManifestListsAndTheBuildNoLongerProducesAreRemoved() throws {
    let parent = try temporaryDirectory()
    let directory = parent + "/out"
    try "outside".write(toFile: parent + "/outside.txt", atomically: false, encoding: .utf8)
    try OutputWriter.write(
        outputSet(["fly/fly.toml": "a", "vault/vault.hcl": "b", "vault/post-init.sh": "c"]), to: directory)
    try "mine".write(toFile: directory + "/notes.txt", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: directory + "/up", withDestinationPath: "..")
    let manifest = try String(contentsOfFile: directory + "/MANIFEST.json", encoding: .utf8)
    try manifest.replacingOccurrences(
        of: "[", with: "[{\"path\": \"../outside.txt\"}, {\"path\": \"notes.txt/..\"}, {\"path\": \"up/outside.txt\"}, "
    )
    .write(toFile: directory + "/MANIFEST.json", atomically: false, encoding: .utf8)
    let smaller = outputSet(["fly/fly.toml": "a"])
    let stale = DriftCheck.compare(smaller, with: directory).filter { $0.kind == .stale }.map(\.path)
    #expect(
        Set(stale).isSuperset(of: ["vault/vault.hcl", "vault/post-init.sh"]),
        "--check names what the build would remove")
    let removed = try OutputWriter.write(smaller, to: directory)
    #expect(removed == ["vault/post-init.sh", "vault/vault.hcl"])
    #expect(
        !FileManager.default.fileExists(atPath: directory + "/vault"), "a directory emptied by the removal goes too")
    #expect(snapshot(directory)["notes.txt"] == Array("mine".utf8), "a file no manifest lists is kept")
    #expect(
        try String(contentsOfFile: parent + "/outside.txt", encoding: .utf8) == "outside",
        "paths leaving the directory, also through a link, are ignored")
    #expect(DriftCheck.compare(smaller, with: directory).isEmpty)
}

@Test func stagingDirectoriesOfKilledBuildsAreRemoved() throws {
    let parent = try temporaryDirectory()
    let dead = parent + "/.out.edgeproof-staging-999999999", alive = parent + "/.out.edgeproof-staging-\(getppid())"
    for path in [dead, alive] {
        try FileManager.default.createDirectory(atPath: path + "/fly", withIntermediateDirectories: true)
    }
    try OutputWriter.write(outputSet(["fly/fly.toml": "a"]), to: parent + "/out")
    #expect(!FileManager.default.fileExists(atPath: dead), "no process 999999999 exists")
    #expect(FileManager.default.fileExists(atPath: alive), "a build still running keeps its staging directory")
}
