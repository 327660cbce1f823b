import ArgumentParser
import Foundation

/// A trace read from standard input (`--trace -`): named at most once, never a terminal, and copied to a temporary
/// file for a command that reads its traces more than once (`whatif`).
enum StandardInputTrace {
    /// The name `--trace` gives standard input, as a spec path does.
    static let name = SpecInput.standardInputPath

    /// A usage error when `paths` name standard input twice (it can be read only once) or name it while it is a
    /// terminal (the run would wait for typing). Claims standard input (`Console.takeInput`), so that a spec named
    /// `-` as well is refused rather than read empty.
    static func check(_ paths: [String]) throws {
        let named = paths.filter { $0 == name }.count
        guard named <= 1 else {
            throw ValidationError("--trace - is given \(named) times; standard input can be read only once")
        }
        guard named == 0 || Console.current.takeInput() else {
            throw ValidationError("--trace - names standard input, which another argument reads already")
        }
        guard named == 0 || isatty(STDIN_FILENO) == 0 else {
            throw ValidationError(
                "--trace - reads standard input, which is a terminal; pipe a trace in, e.g. "
                    + "'zcat day.jsonl.gz | edgeproof replay --trace -'")
        }
    }

    /// Standard input copied to a temporary file, which the command removes with `remove()` when it ends.
    struct Spool {
        /// The temporary file's path.
        let path: String

        /// Copies standard input to a new file readable by this user only; exits 2 saying why when it cannot.
        init() throws {
            let path = NSTemporaryDirectory() + "edgeproof-stdin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw Self.failure(path, errno) }
            self.path = path
            var copied = false
            defer {
                close(descriptor)
                if !copied { unlink(path) }
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw Self.failure("standard input", errno)
                }
                var written = 0
                while written < count {
                    let step = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, count - written) }
                    if step < 0 {
                        if errno == EINTR { continue }
                        throw Self.failure(path, errno)
                    }
                    written += step
                }
            }
            copied = true
        }

        /// Removes the temporary file.
        func remove() { unlink(path) }

        /// `paths` with `-` replaced by the spool's path.
        func replacing(in paths: [String]) -> [String] {
            paths.map { $0 == StandardInputTrace.name ? path : $0 }
        }

        /// Prints why standard input could not be copied and returns exit 2.
        private static func failure(_ what: String, _ code: Int32) -> ExitCode {
            StandardError.write(
                "error: cannot copy the trace on standard input (\(what): \(String(cString: strerror(code)))); "
                    + "pass the trace as a file\n")
            return ExitCode(2)
        }
    }
}
