#if canImport(Glibc)
    import Glibc
#endif

/// Path arithmetic on strings, and following symbolic links, for the commands that write files.
public enum FilePath {
    /// The directory part of `path`: `.` for a bare name, `/` for a name at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path` (after its last `/`).
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` with every symbolic link at its end followed, also a link whose target does not exist yet (that
    /// target is what a write creates). Following stops at `/proc/self/fd/N` and `/dev/fd/N`, whose links name open
    /// descriptors rather than paths. `name` is how errors refer to the path.
    public static func followingLinks(_ path: String, as name: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<40 {
            if current.hasPrefix("/proc/self/fd/") || current.hasPrefix("/dev/fd/") { return current }
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw OutputFile.error(name, errno) }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
        }
        throw OutputFileError(path: name, reason: "more than 40 symbolic links in a row; point it at a file")
    }

    /// The absolute path of an existing `path` with `.`, `..` and every symbolic link resolved.
    public static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
