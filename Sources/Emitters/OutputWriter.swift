import CAtomicRename
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an `OutputSet` into a directory all at once: a staging directory beside it receives the directory's
/// current files (hard links) and the new outputs, then the two directories are swapped with one
/// `renameat2(RENAME_EXCHANGE)`. A failure at any point before the swap leaves the directory exactly as it was;
/// files no build produced are carried over untouched.
public enum OutputWriter {
    /// Why a write failed; the output directory is unchanged.
    public struct WriteError: Error, CustomStringConvertible {
        /// What failed.
        public let description: String
    }

    /// Writes `outputs` into `directory` (created when missing).
    public static func write(_ outputs: OutputSet, to directory: String) throws(WriteError) {
        let target = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        let parent = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\(base).edgeproof-staging-\(getpid())"
        let fileManager = FileManager.default
        try? fileManager.removeItem(atPath: staging)
        do {
            if !parent.isEmpty { try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
            var isDirectory: ObjCBool = false
            let exists = fileManager.fileExists(atPath: target, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue { throw WriteError(description: "\(target) exists and is not a directory") }
            if exists { try linkTree(from: target, to: staging) }
            for file in outputs.files {
                let path = staging + "/" + file.path
                try fileManager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fileManager.removeItem(atPath: path)
                try writeFile(path, file.contents, mode: file.executable ? 0o755 : 0o644)
            }
            if exists {
                guard edgeproof_exchange_paths(staging, target) == 0 else {
                    throw WriteError(description: "cannot swap \(staging) into \(target): \(String(cString: strerror(errno)))")
                }
            } else {
                guard rename(staging, target) == 0 else {
                    throw WriteError(description: "cannot move \(staging) to \(target): \(String(cString: strerror(errno)))")
                }
            }
            try? fileManager.removeItem(atPath: staging)
        } catch let error as WriteError {
            try? fileManager.removeItem(atPath: staging)
            throw error
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw WriteError(description: "\(error.localizedDescription)")
        }
    }

    /// Recreates `source`'s tree under `destination` with hard links (copies where linking is not possible).
    private static func linkTree(from source: String, to destination: String) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: source) else { return }
        while let relative = enumerator.nextObject() as? String {
            let from = source + "/" + relative, to = destination + "/" + relative
            var isDirectory: ObjCBool = false
            fileManager.fileExists(atPath: from, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try fileManager.createDirectory(atPath: to, withIntermediateDirectories: true)
            } else if link(from, to) != 0 {
                try fileManager.copyItem(atPath: from, toPath: to)
            }
        }
    }

    /// Writes bytes to a new file, checking every step (a full disk must fail the build, not truncate a file).
    private static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written) }
            guard result > 0 else { throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw WriteError(description: "cannot flush \(path): \(String(cString: strerror(errno)))") }
        _ = fchmod(descriptor, mode)
    }
}
