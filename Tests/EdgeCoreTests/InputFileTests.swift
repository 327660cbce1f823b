import Foundation
import Testing

@testable import EdgeCore

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("edgeproof-\(getpid())-\(name)").path
}

@Test func aSparseFourGigabyteFileIsMeasuredNotRead() throws {
    let path = temporaryPath("sparse.yaml")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(truncate(path, 4 << 30) == 0)
    let started = ContinuousClock.now
    let prefix = try InputFile.readPrefix(path, limit: 1 << 20)
    #expect(prefix.size == 4 << 30)
    #expect(prefix.bytes.isEmpty)
    #expect(ContinuousClock.now - started < .seconds(1))
}

@Test func anEndlessDeviceIsReadOneBytePastTheLimit() throws {
    let prefix = try InputFile.readPrefix("/dev/zero", limit: 1 << 20)
    #expect(prefix.bytes.count == (1 << 20) + 1)
    #expect(prefix.size == nil)
}

@Test func aFileWithinTheLimitIsReadWhole() throws {
    let path = temporaryPath("small.yaml")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("version: 1\n".utf8)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let prefix = try InputFile.readPrefix(path, limit: 11)
    #expect(prefix == InputPrefix(bytes: Array("version: 1\n".utf8), size: 11))
    #expect(throws: InputFileError.isDirectory(path: "/tmp")) { try InputFile.readPrefix("/tmp", limit: 10) }
    #expect(throws: InputFileError.noSuchFile(path: path + ".missing")) {
        try InputFile.readPrefix(path + ".missing", limit: 10)
    }
}

@Test func aFIFOWithoutAWriterIsAnErrorAfterTheWait() throws {
    let path = temporaryPath("nobody-writes")
    #expect(mkfifo(path, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let started = ContinuousClock.now
    #expect(throws: InputFileError.noWriter(path: path, seconds: 0)) {
        try InputFile.readPrefix(path, limit: 100, writerWaitMilliseconds: 200)
    }
    #expect(ContinuousClock.now - started < .seconds(5))
}

@Test func aFIFOWithAWriterIsReadToItsEnd() throws {
    let path = temporaryPath("someone-writes")
    #expect(mkfifo(path, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = Thread {
        let descriptor = open(path, O_WRONLY)
        _ = "version: 1\n".withCString { write(descriptor, $0, 11) }
        close(descriptor)
    }
    writer.start()
    let prefix = try InputFile.readPrefix(path, limit: 100)
    #expect(prefix.bytes == Array("version: 1\n".utf8))
}
