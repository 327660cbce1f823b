import Foundation
import Synchronization

/// Where the commands read `-` and write: the process's standard input, output and error, or the pipe and buffers
/// a test binds with `Console.$current.withValue(_:operation:)`.
public struct Console: Sendable {
    /// Writes text to standard output as is.
    public let writeOutput: @Sendable (String) -> Void
    /// Writes text to standard error as is.
    public let writeError: @Sendable (String) -> Void
    /// Whether standard output is a terminal (diagnostics are coloured only then).
    public let outputIsTerminal: Bool
    /// Whether standard error is a terminal (long commands show their progress line only then).
    public let errorIsTerminal: Bool
    /// The descriptor a path `-` reads from (the spec of `check -`, `build -`, `test -`, `explain -`).
    public let inputDescriptor: Int32
    /// Whether a path `-` was read already: standard input holds one file.
    private let inputTaken = InputTaken()

    /// A console writing through the two closures, with the terminal flags it reports.
    public init(
        writeOutput: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
        outputIsTerminal: Bool = false, errorIsTerminal: Bool = false, inputDescriptor: Int32 = STDIN_FILENO
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
        self.inputDescriptor = inputDescriptor
    }

    /// The process's own descriptors 0, 1 and 2, output written with `write(contentsOf:)`. A stream that cannot be
    /// written (closed, a full disk) loses the text rather than ending the process: the exit code still tells the
    /// outcome.
    public static let process = Console(
        writeOutput: { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) },
        writeError: { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) },
        outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1)

    /// The console the commands of this task write to.
    @TaskLocal public static var current: Console = .process

    /// Claims standard input for one reader: true the first time, false after (`diff - -` would read it twice,
    /// the second time empty).
    func takeInput() -> Bool {
        inputTaken.flag.exchange(true, ordering: .relaxed) == false
    }
}

/// The flag behind `Console.takeInput()`, shared by the copies of one console.
private final class InputTaken: Sendable {
    let flag = Atomic<Bool>(false)
}

/// Writing to the current console's standard output.
enum StandardOutput {
    /// Writes `text` followed by `terminator`.
    static func print(_ text: String, terminator: String = "\n") {
        Console.current.writeOutput(text + terminator)
    }
}

/// Writing to the current console's standard error.
enum StandardError {
    /// Writes `text` as is.
    static func write(_ text: String) {
        Console.current.writeError(text)
    }
}
