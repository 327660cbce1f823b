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
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"], "no staging directory is left behind")
}

@Test func failedWriteLeavesTheDirectoryExactlyAsItWas() throws {
    let directory = try temporaryDirectory() + "/out"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "not a directory".write(toFile: directory + "/vault", atomically: true, encoding: .utf8)
    try "previous".write(toFile: directory + "/MANIFEST.json", atomically: true, encoding: .utf8)
    let before = snapshot(directory)
    let (edge, _) = try compileSpec("examples/agenticverz/edge.yaml")
    #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.write(try BuildOutputs.render(edge), to: directory) }
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
    try fly.replacingOccurrences(of: "soft_limit = 200", with: "soft_limit = 150").write(toFile: directory + "/fly/fly.toml", atomically: true, encoding: .utf8)
    let manifest = try String(contentsOfFile: directory + "/MANIFEST.json", encoding: .utf8)
    try manifest.replacingOccurrences(of: "\"files\": [", with: "\"files\": [\n    {\"path\": \"cloudflare/old.json\", \"sha256\": \"00\"},")
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
