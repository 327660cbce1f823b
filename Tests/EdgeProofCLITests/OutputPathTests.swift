import Foundation
import Testing

/// Options naming output files: a path is written to (a link's target, a FIFO, a device, standard output), never
/// replaced by a regular file, and never one of the run's inputs.
@Suite struct OutputPathTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    private let replay = ["replay", exampleSpec, "--trace", "traces/scraper.jsonl"]

    @Test func aReportThroughASymlinkKeepsTheLinkAndFillsItsTarget() throws {
        try scratch.write("real.json", "old\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path("link.json"), withDestinationPath: "real.json")
        #expect(edgeproof(replay + ["--report", scratch.path("link.json")]).exitCode == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("link.json"))) == "real.json")
        #expect(try scratch.read("real.json").contains(#""requests": 600"#))
    }

    @Test func decisionsToAFIFOStreamEveryLineAndTheFIFOStays() async throws {
        let fifo = scratch.path("decisions.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> Int in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return -1 }
            let data = handle.readDataToEndOfFile()
            return data.split(separator: UInt8(ascii: "\n")).count
        }
        #expect(edgeproof(replay + ["--decisions", fifo]).exitCode == 0)
        #expect(await reader.value == 600)
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func aCharacterDeviceStaysADevice() throws {
        let null = scratch.path("null")
        #expect(mknod(null, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, "the device numbers of /dev/null on Linux")
        #expect(
            edgeproof(
                replay + ["--fail-on", "block_rate<100%", "--decisions", null, "--report", null, "--junit", null]
            ).exitCode == 0)
        #expect(edgeproof("synth", "--spec", exampleSpec, "--duration", "1m", "-o", null).exitCode == 0)
        var status = stat()
        #expect(lstat(null, &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aDashTakesStandardOutputForTheReportAndTheSummaryMovesToStandardError() throws {
        let result = try edgeproofProcess(
            [
                "replay", repositoryRoot + "/" + exampleSpec, "--trace", repositoryRoot + "/traces/scraper.jsonl",
                "--report", "-",
            ], directory: scratch.root)
        #expect(result.exitCode == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("-")))
        try expectReportAloneWithTheSummaryOnStandardError(result)
    }

    @Test func synthToADashWritesTheSameTraceToStandardOutput() throws {
        let arguments = ["synth", "--spec", exampleSpec, "--duration", "1m", "--seed", "3"]
        let piped = try edgeproofProcess(arguments + ["-o", "-"])
        #expect(piped.exitCode == 0)
        #expect(edgeproof(arguments + ["-o", scratch.path("s.jsonl")]).exitCode == 0)
        #expect(piped.stdout == (try scratch.read("s.jsonl")))
        #expect(piped.stderr.hasPrefix("wrote "))
    }

    @Test func aReportToDevStdoutIsTheOnlyThingOnStandardOutputInAPipeAndInAFile() async throws {
        let pipe = Pipe()
        let collector = Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }
        let piped = try edgeproofProcess(replay + ["--report", "/dev/stdout"], stdout: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        #expect(piped.exitCode == 0)
        try expectReportAloneWithTheSummaryOnStandardError(
            CommandResult(
                exitCode: piped.exitCode, stdout: String(decoding: await collector.value, as: UTF8.self),
                stderr: piped.stderr))
        let redirected = try edgeproofProcess(replay + ["--report", "/dev/stdout"])
        #expect(redirected.exitCode == 0)
        try expectReportAloneWithTheSummaryOnStandardError(redirected)
    }

    @Test func twoOutputsOnStandardOutputAreRefused() {
        let result = edgeproof(replay + ["--report", "-", "--decisions", "/dev/stdout"])
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--decisions and --report both write to standard output"))
    }

    /// Standard output holds the JSON report of the scraper trace alone, and standard error the replay summary.
    private func expectReportAloneWithTheSummaryOnStandardError(_ result: CommandResult) throws {
        #expect(result.stderr.hasPrefix("Replayed 600 requests"))
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["requests"] as? Int == 600)
    }

    @Test func outputsNamingAnInputOrEachOtherAreRefusedAndInputsStayUnchanged() throws {
        try FileManager.default.copyItem(atPath: "traces/scraper.jsonl", toPath: scratch.path("input.jsonl"))
        try FileManager.default.copyItem(atPath: exampleSpec, toPath: scratch.path("input.yaml"))
        let before = try [scratch.read("input.jsonl"), scratch.read("input.yaml")]
        let spec = scratch.path("input.yaml"), trace = scratch.path("input.jsonl")
        let decisions = edgeproof("replay", spec, "--trace", trace, "--decisions", trace)
        #expect(decisions.exitCode == 2)
        #expect(decisions.stderr.contains("--decisions names the same file as the input \(trace)"))
        #expect(edgeproof("replay", spec, "--trace", trace, "--report", spec).exitCode == 2)
        #expect(edgeproof("test", spec, "--junit", spec).exitCode == 2)
        #expect(try [scratch.read("input.jsonl"), scratch.read("input.yaml")] == before)
        #expect(edgeproof(replay + ["--report", scratch.root]).exitCode == 2)
        let shared = edgeproof(
            replay + ["--decisions", scratch.path("same.json"), "--report", scratch.root + "/./same.json"])
        #expect(shared.exitCode == 2)
        #expect(shared.stderr.contains("--decisions and --report name the same file"))
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskIsExit2AndTheOldDecisionsSurvive() throws {
        let full = scratch.path("full")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", full]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return }
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [full]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        try scratch.write("full/d.jsonl", "previous decisions\n")
        let result = edgeproof(replay + ["--decisions", full + "/d.jsonl"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("cannot write \(full)/d.jsonl: No space left on device"))
        #expect(try scratch.read("full/d.jsonl") == "previous decisions\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: full) == ["d.jsonl"])
    }
}
