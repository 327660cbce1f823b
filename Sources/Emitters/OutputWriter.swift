import CAtomicRename
import EdgeCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes an `OutputSet` into a directory all at once: a staging directory beside it receives the directory's
/// current entries (hard links, directories recreated with their modes and owners) and the new outputs, then the
/// two directories are swapped with one `renameat2(RENAME_EXCHANGE)`. A failure at any point before the swap
/// leaves the directory exactly as it was.
///
/// EdgeProof owns only the files its `MANIFEST.json` lists: anything else in the directory is carried over
/// untouched, files the previous manifest lists and this build no longer produces are removed, and the build
/// refuses (naming the path) when something other than a regular file sits where an output goes, or when a file
/// system is mounted inside the directory. A symbolic link to the directory stays a link; the directory it names
/// is swapped.
public enum OutputWriter {
    /// Why a write failed; the output directory is unchanged.
    public struct WriteError: Error, CustomStringConvertible {
        /// What failed.
        public let description: String
    }

    /// Writes `outputs` into `directory` (created when missing) and returns the paths (relative to it) of the files
    /// the previous manifest listed that were removed because this build no longer produces them.
    @discardableResult
    public static func write(_ outputs: OutputSet, to directory: String) throws(WriteError) -> [String] {
        let target = try resolvedTarget(directory)
        let parent = FilePath.directory(of: target), base = FilePath.lastComponent(of: target)
        removeAbandonedStagingDirectories(in: parent, for: base)
        let staging = parent + "/.\(base).edgeproof-staging-\(getpid())"
        var targetStatus = stat()
        let exists = lstat(target, &targetStatus) == 0
        if exists {
            try refuseMountPoint(target, named: directory, status: targetStatus, parentDevice: device(of: parent))
            try refuseBlockedOutputs(outputs, in: target, named: directory)
        }
        guard mkdir(staging, 0o777) == 0 else { throw failure("cannot create \(staging)", errno) }
        do throws(WriteError) {
            var directoryModes: [(path: String, status: stat)] = []
            var removed: [String] = []
            if exists {
                directoryModes.append((staging, targetStatus))
                try carryOver(
                    from: target, to: staging, named: directory, device: targetStatus.st_dev,
                    directoryModes: &directoryModes)
                removed = removeNoLongerProduced(
                    outputs, previousManifest: target + "/" + ManifestRenderer.path, in: staging)
            }
            for file in outputs.files {
                let path = staging + "/" + file.path
                do {
                    try FileManager.default.createDirectory(
                        atPath: FilePath.directory(of: path), withIntermediateDirectories: true)
                } catch {
                    throw WriteError(
                        description:
                            "cannot create the directory for \(directory)/\(file.path): \(error.localizedDescription)")
                }
                if unlink(path) != 0 && errno != ENOENT {
                    throw failure("cannot replace \(directory)/\(file.path)", errno)
                }
                try writeFile(path, file.contents, mode: file.executable ? 0o755 : 0o644)
            }
            for (path, status) in directoryModes.reversed() { applyOwnerAndMode(status, to: path) }
            if exists {
                guard edgeproof_exchange_paths(staging, target) == 0 else {
                    throw failure("cannot swap \(staging) into \(target)", errno)
                }
            } else {
                guard rename(staging, target) == 0 else { throw failure("cannot move \(staging) to \(target)", errno) }
            }
            removeTree(staging)
            return removed
        } catch {
            removeTree(staging)
            throw error
        }
    }

    /// The real path of the directory to replace: symbolic links followed (the directory a link names is
    /// swapped, the link stays), `.` and `..` resolved, a missing directory's parents created.
    private static func resolvedTarget(_ directory: String) throws(WriteError) -> String {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty else {
            throw WriteError(description: "the output directory is empty; name one with -o DIR")
        }
        let followed: String
        do {
            followed = try FilePath.followingLinks(trimmed, as: directory)
        } catch {
            throw WriteError(description: error.description)
        }
        if let real = FilePath.real(followed) {
            var status = stat()
            guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                throw WriteError(description: "\(directory) exists and is not a directory; name a directory with -o")
            }
            guard real != "/" else {
                throw WriteError(description: "will not replace / ; name a directory inside it with -o")
            }
            return real
        }
        let parent = FilePath.directory(of: followed)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create \(parent): \(error.localizedDescription)")
        }
        guard let realParent = FilePath.real(parent) else { throw failure("cannot resolve \(parent)", errno) }
        return (realParent == "/" ? "" : realParent) + "/" + FilePath.lastComponent(of: followed)
    }

    /// Refuses a directory that is itself a mount point (the swap cannot cross file systems).
    private static func refuseMountPoint(_ target: String, named directory: String, status: stat, parentDevice: dev_t?)
        throws(WriteError)
    {
        guard let parentDevice, parentDevice != status.st_dev else { return }
        throw WriteError(
            description: """
                \(directory) is a mount point; the build swaps it with a directory beside it, which cannot cross file \
                systems. Build into a directory inside it
                """)
    }

    /// Refuses when something other than a regular file sits where an output file goes, or something other than
    /// a directory where an output's directory goes; the build never deletes what it does not own.
    private static func refuseBlockedOutputs(_ outputs: OutputSet, in target: String, named directory: String)
        throws(WriteError)
    {
        for file in outputs.files {
            let components = file.path.split(separator: "/").map(String.init)
            var relative = ""
            for (index, component) in components.enumerated() {
                relative += (relative.isEmpty ? "" : "/") + component
                var status = stat()
                guard lstat(target + "/" + relative, &status) == 0 else { break }
                let kind = status.st_mode & S_IFMT
                if index == components.count - 1, kind != S_IFREG {
                    throw WriteError(
                        description: """
                            \(directory)/\(relative) is \(describe(kind)) where the build writes a file; move it out \
                            of the way or build into another directory
                            """)
                }
                if index < components.count - 1, kind != S_IFDIR {
                    throw WriteError(
                        description: """
                            \(directory)/\(relative) is \(describe(kind)) where the build needs a directory for \
                            \(file.path); move it out of the way or build into another directory
                            """)
                }
            }
        }
    }

    /// Recreates `source`'s entries under `destination`: hard links for everything but directories (copies of
    /// regular files and links where linking fails), directories made anew and remembered in `directoryModes` so
    /// their modes and owners are applied once the outputs are in. A directory on another device (a mount point)
    /// is refused.
    private static func carryOver(
        from source: String, to destination: String, named directory: String, device: dev_t,
        directoryModes: inout [(path: String, status: stat)]
    ) throws(WriteError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        } catch {
            throw WriteError(description: "cannot read \(directory): \(error.localizedDescription)")
        }
        for name in names {
            let from = source + "/" + name, to = destination + "/" + name, shown = directory + "/" + name
            var status = stat()
            guard lstat(from, &status) == 0 else { throw failure("cannot read \(shown)", errno) }
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR {
                guard status.st_dev == device else {
                    throw WriteError(
                        description: """
                            \(shown) is a mount point inside the output directory; the build would move it. Unmount it \
                            or build into another directory
                            """)
                }
                guard mkdir(to, 0o700) == 0 else { throw failure("cannot create \(to)", errno) }
                directoryModes.append((to, status))
                try carryOver(from: from, to: to, named: shown, device: device, directoryModes: &directoryModes)
            } else if link(from, to) != 0 {
                try copy(from, to, kind: kind, shown: shown)
            }
        }
    }

    /// Copies a regular file or a symbolic link that could not be hard-linked.
    private static func copy(_ from: String, _ to: String, kind: mode_t, shown: String) throws(WriteError) {
        switch kind {
        case S_IFREG:
            do {
                try FileManager.default.copyItem(atPath: from, toPath: to)
            } catch {
                throw WriteError(description: "cannot carry over \(shown): \(error.localizedDescription)")
            }
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(from, &buffer, buffer.count - 1)
            guard length >= 0,
                symlink(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self), to) == 0
            else {
                throw failure("cannot carry over \(shown)", errno)
            }
        default:
            throw failure("cannot carry over \(shown) (\(describe(kind)))", errno)
        }
    }

    /// Removes from `staging` the regular files `previousManifest` lists that `outputs` no longer holds (and
    /// directories that become empty by it); returns their paths.
    private static func removeNoLongerProduced(_ outputs: OutputSet, previousManifest: String, in staging: String)
        -> [String]
    {
        guard let manifest = FileManager.default.contents(atPath: previousManifest),
            let abandoned = ManifestRenderer.abandonedPaths(previousManifest: [UInt8](manifest), outputs: outputs)
        else { return [] }
        var removed: [String] = []
        for path in abandoned {
            guard isRegularFileInsideRealDirectories(path, under: staging), unlink(staging + "/" + path) == 0 else {
                continue
            }
            removed.append(path)
            var parent = FilePath.directory(of: path)
            while parent != "." && rmdir(staging + "/" + parent) == 0 { parent = FilePath.directory(of: parent) }
        }
        return removed
    }

    /// Whether `relative` names a regular file under `root` reached through real directories only (a symbolic
    /// link on the way could lead out of the output directory).
    private static func isRegularFileInsideRealDirectories(_ relative: String, under root: String) -> Bool {
        let components = relative.split(separator: "/")
        var path = root
        for (index, component) in components.enumerated() {
            path += "/" + component
            var status = stat()
            guard lstat(path, &status) == 0 else { return false }
            let wanted = index == components.count - 1 ? S_IFREG : S_IFDIR
            guard status.st_mode & S_IFMT == wanted else { return false }
        }
        return true
    }

    /// Removes staging directories of `base` left by builds that were killed (their process no longer exists).
    private static func removeAbandonedStagingDirectories(in parent: String, for base: String) {
        let prefix = ".\(base).edgeproof-staging-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid > 0 else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) { removeTree(parent + "/" + name) }
        }
    }

    /// Removes `path` and what it holds without crossing into another file system (a mount point is left).
    private static func removeTree(_ path: String) {
        var root = stat()
        guard lstat(path, &root) == 0 else { return }
        removeTree(path, device: root.st_dev)
    }

    /// Removes `path` and what it holds, leaving directories on a device other than `device`.
    private static func removeTree(_ path: String, device: dev_t) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return
        }
        guard status.st_dev == device else { return }
        chmod(path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            removeTree(path + "/" + name, device: device)
        }
        rmdir(path)
    }

    /// Gives the directory at `path` the mode and owner in `status`.
    private static func applyOwnerAndMode(_ status: stat, to path: String) {
        if status.st_uid != geteuid() || status.st_gid != getegid() { _ = chown(path, status.st_uid, status.st_gid) }
        _ = chmod(path, status.st_mode & 0o7777)
    }

    /// The device `path` lives on.
    private static func device(of path: String) -> dev_t? {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_dev : nil
    }

    /// "a directory", "a symbolic link", … for a file kind.
    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "a regular file"
        }
    }

    /// An error from `errno`.
    private static func failure(_ what: String, _ code: Int32) -> WriteError {
        WriteError(description: "\(what): \(String(cString: strerror(code)))")
    }

    /// Writes bytes to a new file, checking every step (a full disk must fail the build, not truncate a file).
    private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create \(path)", errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            guard result > 0 else { throw failure("cannot write \(path)", errno) }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush \(path)", errno) }
        _ = fchmod(descriptor, mode)
    }
}
