import EdgeCore
import EdgeSpec
import Foundation

/// Reading the spec file named on the command line; unreadable input is a usage error (exit 2).
enum SpecInput {
    /// The path that names standard input.
    static let standardInputPath = "-"

    /// The name diagnostics give a spec read from standard input.
    static let standardInputName = "<stdin>"

    /// The name diagnostics and outputs give the spec at `path`: `<stdin>` for `-`, the path otherwise.
    static func displayName(_ path: String) -> String {
        path == standardInputPath ? standardInputName : path
    }

    /// The start of `path` (at most one byte past the spec size limit, see `InputFile.readPrefix`), read from
    /// standard input for `-`, or an error message for exit code 2.
    static func read(_ path: String) -> Result<InputPrefix, ExitError> {
        do {
            if path == standardInputPath {
                guard Console.current.takeInput() else {
                    return .failure(
                        ExitError(
                            "'-' names standard input, which holds one input (a spec or a trace) and is read by "
                                + "another argument already; write this spec to a file and name it", code: 2))
                }
                return .success(
                    try InputFile.readPrefix(
                        descriptor: Console.current.inputDescriptor, name: standardInputName,
                        limit: YAMLReader.maxBytes))
            }
            return .success(try InputFile.readPrefix(path, limit: YAMLReader.maxBytes))
        } catch {
            switch error {
            case .noSuchFile:
                return .failure(
                    ExitError(
                        "\(path): no such file; pass the spec's path, '-' to read it from standard input, or run "
                            + "where edge.yaml is", code: 2))
            case .isDirectory: return .failure(ExitError("\(path): is a directory, not a spec file", code: 2))
            default: return .failure(ExitError("\(error)", code: 2))
            }
        }
    }
}

/// An error that ends the command with a message on stderr and an exit code.
struct ExitError: Error {
    /// The message.
    let message: String
    /// The exit code (1 findings, 2 usage or input).
    let code: Int32

    init(_ message: String, code: Int32) {
        self.message = message
        self.code = code
    }
}
