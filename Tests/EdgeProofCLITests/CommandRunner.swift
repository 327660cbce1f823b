import EdgeProofCLI
import Foundation
import Synchronization

/// What one run of the command line printed and how it ended.
struct CommandResult {
    /// The exit code.
    let exitCode: Int32
    /// Everything written to standard output.
    let stdout: String
    /// Everything written to standard error.
    let stderr: String
}

/// Standard output and standard error of one run, collected from whichever thread writes.
private final class CapturedStreams: Sendable {
    private let streams = Mutex<(stdout: String, stderr: String)>(("", ""))
    private let errorIsTerminal: Bool

    /// `errorIsTerminal`: whether the console says standard error is a terminal.
    init(errorIsTerminal: Bool = false) { self.errorIsTerminal = errorIsTerminal }

    var console: Console {
        Console(
            writeOutput: { text in self.streams.withLock { $0.stdout += text } },
            writeError: { text in self.streams.withLock { $0.stderr += text } }, errorIsTerminal: errorIsTerminal)
    }

    var text: (stdout: String, stderr: String) { streams.withLock { $0 } }
}

/// Runs `edgeproof ARGUMENTS` in this process, as `main.swift` does, with its output captured.
func edgeproof(_ arguments: String...) -> CommandResult {
    edgeproof(arguments)
}

/// Runs `edgeproof ARGUMENTS` in this process, as `main.swift` does, with its output captured and, when `stdin` is
/// given, those bytes on its standard input (a pipe whose writer has closed; at most the pipe's 64 KiB buffer);
/// `errorIsTerminal` makes standard error look like a terminal.
func edgeproof(_ arguments: [String], stdin: String? = nil, errorIsTerminal: Bool = false) -> CommandResult {
    let captured = CapturedStreams(errorIsTerminal: errorIsTerminal)
    var console = captured.console
    let pipe = Pipe()
    if let stdin {
        try? pipe.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
        try? pipe.fileHandleForWriting.close()
        console = Console(
            writeOutput: console.writeOutput, writeError: console.writeError, errorIsTerminal: errorIsTerminal,
            inputDescriptor: pipe.fileHandleForReading.fileDescriptor)
    }
    let code = Console.$current.withValue(console) { EdgeProof.execute(arguments) }
    let text = captured.text
    return CommandResult(exitCode: code, stdout: text.stdout, stderr: text.stderr)
}

/// Runs the built `edgeproof` executable as a child process, for what only a real process shows: its working
/// directory, its environment, its file descriptors 0, 1 and 2 (`stdin`, else `/dev/null`), and state kept per
/// process; with `input`, the bytes of that file come through a pipe on its standard input instead.
func edgeproofProcess(
    _ arguments: [String], directory: String? = nil, environment: [String: String] = [:],
    stdout: FileHandle? = nil, stdin: FileHandle? = nil, pipingFile input: String? = nil
) throws -> CommandResult {
    let process = Process()
    if let input {
        // A shell pipeline, so that only `cat` holds the pipe's writing end and the command sees it end.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"cat "$0" | "$@""#, input, builtExecutable.path] + arguments
    } else {
        process.executableURL = builtExecutable
        process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let scratch = try ScratchDirectory()
    let outPath = scratch.path("stdout"), errPath = scratch.path("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    process.standardOutput = try stdout ?? FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardInput = stdin ?? FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return CommandResult(
        exitCode: process.terminationStatus, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
        stderr: try String(contentsOfFile: errPath, encoding: .utf8))
}

/// The `edgeproof` executable built beside this test bundle.
let builtExecutable: URL = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return directory.appendingPathComponent("edgeproof")
}()

/// The repository's root (tests run there): the example spec and the bundled traces are named from it.
let repositoryRoot = FileManager.default.currentDirectoryPath

/// The example spec.
let exampleSpec = "examples/agenticverz/edge.yaml"

/// A fresh temporary directory, removed when the value goes.
final class ScratchDirectory {
    /// The directory's absolute path.
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "edgeproof-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// The absolute path of `name` inside the directory.
    func path(_ name: String) -> String { root + "/" + name }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = path(name)
        try text.write(toFile: target, atomically: false, encoding: .utf8)
        return target
    }

    /// The text of `name`.
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
}
