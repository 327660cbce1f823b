import Glibc

/// Opening input files (specs, profiles, traces) so that no input can hang a command or grow its memory without
/// bound: a FIFO must get a writer within `writerWait`, and `readPrefix` reads at most a given number of bytes.
public enum InputFile {
    /// How long opening a FIFO waits for its first byte (or its writer's close) before giving up: 10 seconds.
    public static let defaultWriterWaitMilliseconds: Int32 = 10_000

    /// The names of the process's standard input, read through descriptor 0 itself: opening them anew fails when
    /// standard input is a socket (as a CI runner or `ssh` may give).
    public static let standardInputNames: Set<String> = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]

    /// A descriptor open for blocking reads on `path`, which must not be a directory; for a name of standard input
    /// (`standardInputNames`), a duplicate of descriptor 0.
    ///
    /// A FIFO is opened without blocking, then waited on for up to `writerWaitMilliseconds` until it has data or
    /// its writer closed it; a FIFO nobody writes to is an error instead of a hang. The caller closes the
    /// descriptor.
    public static func open(
        _ path: String, writerWaitMilliseconds: Int32 = defaultWriterWaitMilliseconds
    ) throws(InputFileError) -> Int32 {
        let descriptor =
            standardInputNames.contains(path)
            ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .noSuchFile(path: path) }
            if code == EBADF { throw .cannotOpen(path: path, reason: "standard input is closed") }
            throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotOpen(path: path, reason: reason)
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR {
            close(descriptor)
            throw .isDirectory(path: path)
        }
        if kind == S_IFIFO, !waitForWriter(descriptor, milliseconds: writerWaitMilliseconds) {
            close(descriptor)
            throw .noWriter(path: path, seconds: Int(writerWaitMilliseconds / 1000))
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// The first `limit + 1` bytes of `path` at most, and its size when the file system knows it.
    ///
    /// A regular file larger than `limit` is not read at all (its size says enough); a device or FIFO is read
    /// until it ends or one byte past `limit`, so `/dev/zero` costs `limit + 1` bytes of memory. A FIFO waits for
    /// its writer as `open` does.
    public static func readPrefix(
        _ path: String, limit: Int, writerWaitMilliseconds: Int32 = defaultWriterWaitMilliseconds
    ) throws(InputFileError) -> InputPrefix {
        let descriptor = try open(path, writerWaitMilliseconds: writerWaitMilliseconds)
        defer { close(descriptor) }
        return try readPrefix(descriptor: descriptor, name: path, limit: limit)
    }

    /// The first `limit + 1` bytes at most of the open `descriptor` (standard input for `-`), read as
    /// `readPrefix(_:limit:writerWaitMilliseconds:)` reads a file; `name` names it in errors. The caller keeps the
    /// descriptor open.
    public static func readPrefix(descriptor: Int32, name: String, limit: Int) throws(InputFileError) -> InputPrefix {
        var status = stat()
        let knownSize =
            fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
        if let knownSize, knownSize > limit { return InputPrefix(bytes: [], size: knownSize) }
        let wanted = limit + 1
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress.unsafelyUnwrapped + filled, wanted - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(path: name, reason: String(cString: strerror(errno)))
            }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return InputPrefix(bytes: bytes, size: filled <= limit ? filled : knownSize)
    }

    /// Polls a FIFO until it is readable (data, or its writer closed it); false when the wait ran out.
    private static func waitForWriter(_ descriptor: Int32, milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&request, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            return ready > 0
        }
    }
}

/// The start of an input file as `InputFile.readPrefix` read it.
public struct InputPrefix: Sendable, Equatable {
    /// The bytes read: the whole file when it fits the limit, one byte past the limit for a longer stream, and
    /// nothing for a regular file over the limit.
    public let bytes: [UInt8]
    /// The file's size in bytes when known: always for a file within the limit or a regular file; nil for a
    /// stream that went past the limit.
    public let size: Int?

    /// Creates a prefix.
    public init(bytes: [UInt8], size: Int?) {
        self.bytes = bytes
        self.size = size
    }
}

/// Why an input file could not be opened or read.
public enum InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case noSuchFile(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// `open(2)` failed (permissions, a dangling link).
    case cannotOpen(path: String, reason: String)
    /// A FIFO had no writer (or no data) within the wait.
    case noWriter(path: String, seconds: Int)
    /// `read(2)` failed part-way.
    case readFailed(path: String, reason: String)

    /// A one-line explanation that names the path.
    public var description: String {
        switch self {
        case let .noSuchFile(path), let .isDirectory(path), let .cannotOpen(path, _), let .noWriter(path, _),
            let .readFailed(path, _):
            "\(path): \(reason)"
        }
    }

    /// What went wrong, without the path.
    public var reason: String {
        switch self {
        case .noSuchFile: "no such file"
        case .isDirectory: "is a directory, not a file"
        case let .cannotOpen(_, reason): "cannot be opened (\(reason))"
        case let .noWriter(_, seconds):
            "is a FIFO and nothing wrote to it within \(seconds) s; start the writer first or pass a regular file"
        case let .readFailed(_, reason): "cannot be read (\(reason))"
        }
    }
}

/// `open(2)`, named apart from `InputFile.open`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.open(path, flags)
    #else
        Darwin.open(path, flags)
    #endif
}

/// `read(2)`, named apart from the `read` methods of the types that call it.
public func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #else
        Darwin.read(descriptor, buffer, count)
    #endif
}
