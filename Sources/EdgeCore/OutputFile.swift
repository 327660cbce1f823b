#if canImport(Glibc)
    import Glibc
#endif

/// Why an output file could not be written. Commands print it and exit 2; a file that was being replaced is
/// left as it was.
public struct OutputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as the user named it.
    public let path: String
    /// What went wrong and what to do about it.
    public let reason: String

    /// Creates an error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot write PATH: REASON`.
    public var description: String { "cannot write \(path): \(reason)" }
}

/// A file a command writes at a path the user names: a report, a decisions file, a JUnit report, a trace.
///
/// What the path names is decided once, when the file is opened, and the bytes go *to* it:
/// - a regular file, or nothing yet: a temporary file beside the resolved target (symbolic links followed)
///   receives the bytes and is flushed and renamed over the target by `commit()`. A symbolic link stays a link,
///   a replaced file keeps its mode (and its owner where the process may set it), and a run that fails or never
///   commits leaves the old file exactly as it was;
/// - a FIFO, a character or block device, or a Unix socket: the bytes are streamed to it;
/// - `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: the bytes are streamed to that descriptor of the process;
/// - a directory: refused.
public final class OutputFile {
    /// Where the bytes of an `OutputFile` go.
    public enum Destination: Equatable, Sendable {
        /// A temporary file renamed over `target` (the resolved path) on commit.
        case replace(target: String)
        /// The FIFO, device or socket the path names, written as it is.
        case stream
        /// Standard output (`-`).
        case standardOutput
    }

    /// The path as the user named it.
    public let path: String
    /// Where the bytes go.
    public let destination: Destination
    private var descriptor: Int32
    private let temporaryPath: String?
    private var isOpen = true

    /// Opens `path` for writing as its kind asks (see the type's discussion).
    public init(path: String) throws(OutputFileError) {
        self.path = path
        guard !path.isEmpty else { throw OutputFileError(path: "''", reason: "the path is empty; name a file") }
        guard !path.hasSuffix("/") else {
            throw OutputFileError(
                path: path, reason: "the path ends in '/' and so names a directory; name a file inside it")
        }
        let target = path == "-" ? path : try FilePath.followingLinks(path, as: path)
        if let number = Self.openDescriptor(named: target) {
            temporaryPath = nil
            if number == STDOUT_FILENO {
                destination = .standardOutput
                descriptor = STDOUT_FILENO
                return
            }
            destination = .stream
            descriptor = fcntl(number, F_DUPFD_CLOEXEC, 0)
            guard descriptor >= 0 else {
                throw OutputFileError(path: path, reason: "descriptor \(number) is not open in this process")
            }
            return
        }
        var status = stat()
        if stat(target, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                destination = .replace(target: target)
                (descriptor, temporaryPath) = try Self.createTemporary(beside: target, like: status, path: path)
            case S_IFDIR:
                throw OutputFileError(path: path, reason: "it is a directory; name a file inside it")
            case S_IFSOCK:
                destination = .stream
                descriptor = try Self.connect(toSocket: target, path: path)
                temporaryPath = nil
            default:
                destination = .stream
                descriptor = Glibc.open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                temporaryPath = nil
                guard descriptor >= 0 else { throw Self.error(path, errno) }
            }
        } else if errno == ENOENT {
            destination = .replace(target: target)
            (descriptor, temporaryPath) = try Self.createTemporary(beside: target, like: nil, path: path)
        } else {
            throw Self.error(path, errno)
        }
    }

    deinit {
        if isOpen { discard() }
    }

    /// Writes `text` as UTF-8 to `path` and commits it.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` and commits it: the whole contents, or nothing changes.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        let file = try OutputFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Appends `bytes`; on failure the file is discarded (a replaced file stays as it was).
    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        let failure: OutputFileError? = bytes.withUnsafeBytes { buffer in
            do throws(OutputFileError) { try write(buffer) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Appends the bytes in `buffer`; on failure the file is discarded (a replaced file stays as it was).
    public func write(_ buffer: UnsafeRawBufferPointer) throws(OutputFileError) {
        guard isOpen else { throw OutputFileError(path: path, reason: "the file was already committed or discarded") }
        if destination == .standardOutput { fflush(nil) }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let failure = Self.error(path, errno)
                discard()
                throw failure
            }
            offset += written
        }
    }

    /// Finishes the file: a replacement is flushed to disk and renamed over its target; a stream is closed
    /// (standard output stays open).
    public func commit() throws(OutputFileError) {
        guard isOpen else { throw OutputFileError(path: path, reason: "the file was already committed or discarded") }
        guard case let .replace(target) = destination, let temporaryPath else {
            isOpen = false
            if destination == .stream { close(descriptor) }
            return
        }
        // Close whatever fsync says, so a failed flush does not leak the descriptor; report the first failure.
        let flushError = fsync(descriptor) == 0 ? 0 : errno
        let closeError = close(descriptor) == 0 ? 0 : errno
        isOpen = false
        if flushError != 0 || closeError != 0 {
            unlink(temporaryPath)
            throw Self.error(path, flushError != 0 ? flushError : closeError)
        }
        guard rename(temporaryPath, target) == 0 else {
            let failure = Self.error(path, errno)
            unlink(temporaryPath)
            throw failure
        }
        let directory = Glibc.open(FilePath.directory(of: target), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Closes without committing; a temporary file is removed.
    private func discard() {
        isOpen = false
        if destination != .standardOutput { close(descriptor) }
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Refuses when an output path names the same regular file as one of the run's inputs (the run would
    /// overwrite what it reads). `outputs` pairs each path with the option that named it.
    public static func refuseOverwritingInputs(_ inputs: [String], outputs: [(option: String, path: String)])
        throws(OutputFileError)
    {
        for output in outputs where output.path != "-" {
            var outputStatus = stat()
            guard stat(output.path, &outputStatus) == 0, outputStatus.st_mode & S_IFMT == S_IFREG else { continue }
            for input in inputs {
                var inputStatus = stat()
                guard stat(input, &inputStatus) == 0 else { continue }
                if inputStatus.st_dev == outputStatus.st_dev && inputStatus.st_ino == outputStatus.st_ino {
                    throw OutputFileError(
                        path: output.path,
                        reason: """
                            \(output.option) names the same file as the input \(input), which this run reads; \
                            name another file for \(output.option)
                            """)
                }
            }
        }
    }

    /// Refuses when two output options name the same file (the later write would replace the earlier one's
    /// bytes). FIFOs, devices, sockets and `-` may be shared.
    public static func refuseSharedTargets(_ outputs: [(option: String, path: String)]) throws(OutputFileError) {
        var seen: [String: String] = [:]
        for output in outputs where output.path != "-" {
            guard let followed = try? FilePath.followingLinks(output.path, as: output.path) else { continue }
            var status = stat()
            if stat(followed, &status) == 0, status.st_mode & S_IFMT != S_IFREG { continue }
            let directory = FilePath.real(FilePath.directory(of: followed)) ?? FilePath.directory(of: followed)
            let target = directory + "/" + FilePath.lastComponent(of: followed)
            if let earlier = seen[target] {
                throw OutputFileError(
                    path: output.path,
                    reason: """
                        \(earlier) and \(output.option) name the same file, and the second would replace the first; \
                        name two files
                        """)
            }
            seen[target] = output.option
        }
    }

    /// The descriptor `path` (links followed) names as an already open file of this process: `-` and `/dev/stdout`
    /// (1), `/dev/stderr` (2), `/dev/fd/N` and `/proc/self/fd/N`. Writing goes to the descriptor, as a shell
    /// redirection would, whatever it is open on (a pipe, a terminal, a file the shell truncated).
    private static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// A new file beside `target` that takes `existing`'s mode and owner (or the umask's mode for a new file).
    private static func createTemporary(beside target: String, like existing: stat?, path: String)
        throws(OutputFileError)
        -> (Int32, String)
    {
        let directory = FilePath.directory(of: target), name = FilePath.lastComponent(of: target)
        while true {
            let candidate = directory + "/.\(name).edgeproof-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let descriptor = Glibc.open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw error(path, errno)
            }
            if let existing {
                if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                    _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                }
                _ = fchmod(descriptor, existing.st_mode & 0o7777)
            }
            return (descriptor, candidate)
        }
    }

    /// A stream connection to the Unix socket at `target`.
    private static func connect(toSocket target: String, path: String) throws(OutputFileError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(target.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw OutputFileError(path: path, reason: "the socket's path is too long to connect to")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw error(path, errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let failure = error(path, errno)
            close(descriptor)
            throw failure
        }
        return descriptor
    }

    /// The error for `code` with advice on what to do.
    static func error(_ path: String, _ code: Int32) -> OutputFileError {
        let advice: String
        switch code {
        case ENOSPC, EDQUOT: advice = "; free some space or write elsewhere"
        case EACCES, EPERM: advice = "; check the permissions of the file and its directory"
        case EROFS: advice = "; the file system is read-only, write elsewhere"
        case ENOENT: advice = "; the directory does not exist, create it first"
        case ENOTDIR: advice = "; a part of the path is not a directory"
        case EISDIR: advice = "; name a file, not a directory"
        case ECONNREFUSED: advice = "; nothing listens on the socket"
        case ENXIO: advice = "; nothing reads from it"
        default: advice = ""
        }
        return OutputFileError(path: path, reason: String(cString: strerror(code)) + advice)
    }
}
