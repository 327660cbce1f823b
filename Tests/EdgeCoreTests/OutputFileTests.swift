import EdgeCore
import Foundation
import Testing

/// A fresh directory under the system's temporary directory.
private func scratchDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "edgeproof-output-file-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func kind(_ path: String) -> mode_t {
    var status = stat()
    guard lstat(path, &status) == 0 else { return 0 }
    return status.st_mode & S_IFMT
}

private func mode(_ path: String) -> mode_t {
    var status = stat()
    guard stat(path, &status) == 0 else { return 0 }
    return status.st_mode & 0o7777
}

private func text(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

@Test func writingThroughASymlinkKeepsTheLinkAndReplacesItsTarget() throws {
    let directory = try scratchDirectory()
    try "old".write(toFile: directory + "/real.json", atomically: false, encoding: .utf8)
    chmod(directory + "/real.json", 0o600)
    try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "real.json")
    try OutputFile.write("new", to: directory + "/link.json")
    #expect(kind(directory + "/link.json") == S_IFLNK, "the link stays a link")
    #expect(text(directory + "/real.json") == "new")
    #expect(mode(directory + "/real.json") == 0o600, "the replaced file keeps its mode")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["link.json", "real.json"])
}

@Test func aDanglingSymlinkCreatesItsTarget() throws {
    let directory = try scratchDirectory()
    try FileManager.default.createDirectory(atPath: directory + "/reports", withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(
        atPath: directory + "/latest.json", withDestinationPath: "reports/today.json")
    try OutputFile.write("{}", to: directory + "/latest.json")
    #expect(kind(directory + "/latest.json") == S_IFLNK)
    #expect(text(directory + "/reports/today.json") == "{}")
}

@Test func aFIFOIsStreamedTo() throws {
    let directory = try scratchDirectory()
    let fifo = directory + "/decisions.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = LockedBox()
    let reader = Thread {
        let descriptor = open(fifo, O_RDONLY)
        var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 4096)
        while descriptor >= 0 {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        close(descriptor)
        received.set(String(decoding: bytes, as: UTF8.self))
    }
    reader.start()
    let file = try OutputFile(path: fifo)
    #expect(file.destination == .stream)
    try file.write(Array("one\n".utf8))
    try file.write(Array("two\n".utf8))
    try file.commit()
    while received.get() == nil { usleep(1000) }
    #expect(received.get() == "one\ntwo\n")
    #expect(kind(fifo) == S_IFIFO, "the FIFO is still a FIFO")
}

@Test func aDeviceIsStreamedToAndSurvives() throws {
    let file = try OutputFile(path: "/dev/null")
    #expect(file.destination == .stream)
    try file.write(Array(repeating: 0x41, count: 100_000))
    try file.commit()
    #expect(kind("/dev/null") == S_IFCHR, "/dev/null is still a character device")
    try OutputFile.write("x", to: "/dev/null")
    #expect(kind("/dev/null") == S_IFCHR)
}

@Test func aDashNamesStandardOutput() throws {
    let file = try OutputFile(path: "-")
    #expect(file.destination == .standardOutput)
    try file.commit()
    #expect(kind(FileManager.default.currentDirectoryPath + "/-") == 0, "no file named '-' is created")
}

@Test func namesOfOpenDescriptorsAreStreamedTo() throws {
    #expect(try OutputFile(path: "/dev/stdout").destination == .standardOutput)
    #expect(try OutputFile(path: "/proc/self/fd/1").destination == .standardOutput)
    let directory = try scratchDirectory()
    try FileManager.default.createSymbolicLink(atPath: directory + "/out", withDestinationPath: "/dev/stdout")
    #expect(
        try OutputFile(path: directory + "/out").destination == .standardOutput,
        "a link to /dev/stdout is followed to it")
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer { close(ends[0]) }
    let file = try OutputFile(path: "/dev/fd/\(ends[1])")
    close(ends[1])
    #expect(file.destination == .stream)
    try file.write(Array("through the pipe".utf8))
    try file.commit()
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(ends[0], &buffer, buffer.count)
    #expect(String(decoding: buffer[..<max(0, count)], as: UTF8.self) == "through the pipe")
    #expect(throws: OutputFileError.self) { try OutputFile(path: "/dev/fd/987") }
}

@Test func aDirectoryIsRefused() throws {
    let directory = try scratchDirectory()
    #expect(throws: OutputFileError(path: directory, reason: "it is a directory; name a file inside it")) {
        try OutputFile.write("x", to: directory)
    }
    #expect(throws: OutputFileError.self) { try OutputFile.write("x", to: directory + "/report.json/") }
    let missing = directory + "/no-such-directory/report.json"
    #expect(
        throws: OutputFileError(
            path: missing, reason: "No such file or directory; the directory does not exist, create it first")
    ) {
        try OutputFile.write("x", to: missing)
    }
}

@Test func anUncommittedFileLeavesTheOldFileAsItWas() throws {
    let directory = try scratchDirectory()
    let path = directory + "/decisions.jsonl"
    try "previous run\n".write(toFile: path, atomically: false, encoding: .utf8)
    do {
        let file = try OutputFile(path: path)
        try file.write(Array(repeating: 0x7B, count: 200_000))
    }
    #expect(text(path) == "previous run\n")
    #expect(
        try FileManager.default.contentsOfDirectory(atPath: directory) == ["decisions.jsonl"],
        "the temporary file is removed")
}

@Test func aFullDeviceIsAClearErrorNotACrash() throws {
    let file = try OutputFile(path: "/dev/full")
    #expect(
        throws: OutputFileError(
            path: "/dev/full", reason: "No space left on device; free some space or write elsewhere")
    ) {
        try file.write(Array("x".utf8))
    }
}

@Test func aFullFileSystemKeepsTheOldFile() throws {
    let directory = try scratchDirectory()
    guard mountTinyFileSystem(at: directory) else {
        print("skip: cannot mount a 64 KiB tmpfs (needs root)")
        return
    }
    defer { umount(directory) }
    let path = directory + "/decisions.jsonl"
    try String(repeating: "kept\n", count: 100).write(toFile: path, atomically: false, encoding: .utf8)
    let file = try OutputFile(path: path)
    #expect(throws: OutputFileError(path: path, reason: "No space left on device; free some space or write elsewhere"))
    {
        try file.write(Array(repeating: 0x41, count: 256 * 1024))
    }
    #expect(text(path) == String(repeating: "kept\n", count: 100))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["decisions.jsonl"])
}

@Test func anOutputNamingAnInputIsRefused() throws {
    let directory = try scratchDirectory()
    try "version: 1\n".write(toFile: directory + "/edge.yaml", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: directory + "/alias.yaml", withDestinationPath: "edge.yaml")
    let inputs = [directory + "/edge.yaml", directory + "/trace.jsonl"]
    #expect(throws: OutputFileError.self) {
        try OutputFile.refuseOverwritingInputs(inputs, outputs: [("--report", directory + "/edge.yaml")])
    }
    do {
        try OutputFile.refuseOverwritingInputs(inputs, outputs: [("--report", directory + "/alias.yaml")])
        Issue.record("a link to the spec was not refused")
    } catch {
        #expect(error.description.contains("--report names the same file as the input \(directory)/edge.yaml"))
    }
    try OutputFile.refuseOverwritingInputs(
        inputs,
        outputs: [
            ("--report", directory + "/report.json"), ("--decisions", "-"),
            ("--junit", "/dev/null"),
        ])
}

@Test func twoOutputsNamingOneFileAreRefused() throws {
    let directory = try scratchDirectory()
    try FileManager.default.createSymbolicLink(atPath: directory + "/latest.json", withDestinationPath: "report.json")
    do {
        try OutputFile.refuseSharedTargets([
            ("--decisions", directory + "/report.json"), ("--report", directory + "/latest.json"),
        ])
        Issue.record("a link to another output's file was not refused")
    } catch {
        #expect(error.reason.hasPrefix("--decisions and --report name the same file"))
    }
    try OutputFile.refuseSharedTargets([
        ("--decisions", "/dev/null"), ("--report", "/dev/null"), ("--junit", "-"), ("--x", "-"),
        ("--y", directory + "/a.json"), ("--z", directory + "/b.json"),
    ])
}

/// Mounts a 64 KiB tmpfs on `directory`; false when the process may not.
private func mountTinyFileSystem(at directory: String) -> Bool {
    mount("tmpfs", directory, "tmpfs", 0, "size=64k") == 0
}

/// A value one thread sets and another polls.
private final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    func set(_ text: String) { lock.withLock { value = text } }
    func get() -> String? { lock.withLock { value } }
}
