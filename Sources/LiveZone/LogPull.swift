import CloudflareAPI
import EdgeCore
import EdgeWire
import Foundation
import Traces

/// Fetches a zone's request logs (Logpull, `GET /zones/{id}/logs/received`) into a gzip trace, one window of at
/// most an hour per request as Cloudflare allows, streamed: each window's lines become one gzip member of
/// `OUTPUT.partial`, and `OUTPUT.partial.json` records the windows done and the bytes they hold. A window that
/// fails is cut off the file and tried again; a run that stops leaves both files, and the next run with the same
/// zone, times and fields resumes after the last window done. The finished file is renamed to `OUTPUT`.
public struct LogPull {
    /// Why a pull stopped.
    public enum Failure: Error, CustomStringConvertible {
        /// The API failed (after the retries).
        case api(APIFailure)
        /// The output or its progress files could not be written or read.
        case file(String)

        /// One line per reason.
        public var description: String {
            switch self {
            case let .api(failure): failure.description
            case let .file(reason): reason
            }
        }
    }

    /// Cloudflare's longest window per request, in milliseconds.
    public static let windowMilliseconds: Int64 = 3_600_000

    /// The zone's id.
    public var zoneID: String
    /// The first moment, inclusive (epoch milliseconds).
    public var since: Int64
    /// The last moment, exclusive.
    public var until: Int64
    /// The trace file to write.
    public var output: String
    /// The fields asked for.
    public var fields: [String]

    /// A pull from its parts.
    public init(zoneID: String, since: Int64, until: Int64, output: String, fields: [String]) {
        self.zoneID = zoneID
        self.since = since
        self.until = until
        self.output = output
        self.fields = fields
    }

    /// The windows `since..<until` is cut into: an hour each, the last shorter.
    public static func windows(since: Int64, until: Int64) -> [Range<Int64>] {
        stride(from: since, to: until, by: Int(windowMilliseconds)).map { $0..<min($0 + windowMilliseconds, until) }
    }

    /// The fields to ask for: those the Logpush reader understands that the zone offers, in the reader's order.
    public static func fields(offered: Set<String>) -> [String] {
        LogpushFields.names.filter(offered.contains)
    }

    /// What the progress file holds.
    struct Progress: Codable, Equatable {
        var zone: String
        var since: Int64
        var until: Int64
        var fields: [String]
        var windowsDone: Int
        var bytes: Int64
    }

    /// Where the pull resumes: the windows already done (0 for a fresh pull).
    public func resumePoint() throws(Failure) -> Int {
        try unfinished()?.windowsDone ?? 0
    }

    /// The progress an earlier run of this same pull left; nil when there is none, an error when it belongs to
    /// another pull.
    private func unfinished() throws(Failure) -> Progress? {
        guard let progress = try readProgress() else { return nil }
        guard progress.zone == zoneID, progress.since == since, progress.until == until, progress.fields == fields
        else {
            throw .file(
                "\(progressPath) holds an unfinished pull of other times, fields or zone; delete it and "
                    + "\(partialPath) to start over, or repeat that pull's options to finish it")
        }
        return progress
    }

    /// Runs the pull, reporting each window done (its number, the count, the records so far) to `progress`.
    /// Returns the number of records written by this run.
    @discardableResult
    public func run(client: CloudflareClient, progress: (Int, Int, Int) -> Void) throws(Failure) -> Int {
        let windows = Self.windows(since: since, until: until)
        let previous = try unfinished()
        let first = previous?.windowsDone ?? 0
        let file = try PartialFile(path: partialPath, keeping: previous?.bytes ?? 0)
        let writer: GzipMemberWriter
        do { writer = try GzipMemberWriter() } catch { throw .file("zlib: \(error)") }
        var records = 0
        for index in first..<windows.count {
            let window = windows[index]
            let start = file.size
            var lines = 0
            var lastByte: UInt8 = UInt8(ascii: "\n")
            var failure: String?
            let path =
                "/zones/\(zoneID)/logs/received?start=\(TraceTimestamp.formatRFC3339(window.lowerBound))"
                + "&end=\(TraceTimestamp.formatRFC3339(window.upperBound))&fields=\(fields.joined(separator: ","))"
            do {
                try client.stream(
                    path, accept: "application/x-ndjson",
                    restart: {
                        writer.dropMember()
                        failure = file.truncate(to: start)
                        lines = 0
                        lastByte = UInt8(ascii: "\n")
                    },
                    receive: { piece in
                        if let failure { return failure }
                        lines += piece.count { $0 == UInt8(ascii: "\n") }
                        if let last = piece.last { lastByte = last }
                        do {
                            try writer.append(piece) { try file.write($0) }
                        } catch {
                            failure = "cannot write \(partialPath): \(error)"
                        }
                        return failure
                    })
                if let failure { throw LogPull.Failure.file(failure) }
                if lastByte != UInt8(ascii: "\n") {
                    // A window whose last line has no newline would run into the next window's first line.
                    try [UInt8(ascii: "\n")].withUnsafeBytes { newline in
                        try writer.append(newline) { try file.write($0) }
                    }
                    lines += 1
                }
                try writer.finishMember { try file.write($0) }
                try file.sync()
            } catch let error as APIFailure {
                throw .api(error)
            } catch let error as LogPull.Failure {
                throw error
            } catch {
                throw .file("cannot write \(partialPath): \(error)")
            }
            records += lines
            try writeProgress(
                Progress(
                    zone: zoneID, since: since, until: until, fields: fields, windowsDone: index + 1, bytes: file.size))
            progress(index + 1, windows.count, records)
        }
        try file.close()
        guard rename(partialPath, output) == 0 else {
            throw .file("cannot rename \(partialPath) to \(output): \(String(cString: strerror(errno)))")
        }
        unlink(progressPath)
        return records
    }

    /// The file the windows are written to.
    public var partialPath: String { output + ".partial" }
    /// The file that records the windows done.
    public var progressPath: String { output + ".partial.json" }

    private func readProgress() throws(Failure) -> Progress? {
        guard FileManager.default.fileExists(atPath: progressPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: progressPath),
            let progress = try? JSONDecoder().decode(Progress.self, from: data)
        else { throw .file("\(progressPath) cannot be read; delete it and \(partialPath) to start over") }
        return progress
    }

    private func writeProgress(_ progress: Progress) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try OutputFile.write(Array(try encoder.encode(progress)), to: progressPath)
        } catch {
            throw .file("cannot write \(progressPath): \(error)")
        }
    }
}

/// The partial trace file: appended to, cut back to a window's start when the window fails, synced once a window
/// is done.
private final class PartialFile {
    let path: String
    private let descriptor: Int32
    private(set) var size: Int64

    /// Opens (or creates) `path`, keeping its first `keeping` bytes (the windows done) and dropping the rest.
    init(path: String, keeping: Int64) throws(LogPull.Failure) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .file("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(descriptor)
            throw .file("\(path) is not a regular file")
        }
        guard Int64(status.st_size) >= keeping else {
            Glibc.close(descriptor)
            throw .file("\(path) is shorter than its progress file says; delete both to start over")
        }
        size = keeping
        if let failure = truncate(to: keeping) { throw .file(failure) }
    }

    /// Cuts the file to `length` bytes; a reason when it cannot.
    func truncate(to length: Int64) -> String? {
        guard ftruncate(descriptor, off_t(length)) == 0, lseek(descriptor, off_t(length), SEEK_SET) >= 0 else {
            return "cannot cut \(path) back: \(String(cString: strerror(errno)))"
        }
        size = length
        return nil
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw LogPull.Failure.file("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        size += Int64(bytes.count)
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else {
            throw LogPull.Failure.file("cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    func close() throws(LogPull.Failure) {
        guard Glibc.close(descriptor) == 0 else {
            throw .file("cannot close \(path): \(String(cString: strerror(errno)))")
        }
    }
}
