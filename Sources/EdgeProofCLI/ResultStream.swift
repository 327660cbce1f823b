import ArgumentParser

/// Where a command's result goes: standard output, or standard error when an output option (`--report -`,
/// `--decisions -`) takes standard output, so that what a pipe reads is that file alone.
struct ResultStream {
    /// Whether the result goes to standard error.
    let toStandardError: Bool

    /// Writes `text` as is.
    func write(_ text: String) {
        if toStandardError {
            StandardError.write(text)
        } else {
            Console.current.writeOutput(text)
        }
    }

    /// The stream for a run with these output options; exits 2, naming both, when two of them write to standard
    /// output (their bytes would be interleaved in one stream).
    static func choosing(outputs: [(option: String, path: String?)]) throws -> ResultStream {
        let taking = outputs.filter { $0.path.map(namesStandardOutput) ?? false }.map(\.option)
        guard taking.count <= 1 else {
            StandardError.write(
                "error: \(taking.joined(separator: " and ")) both write to standard output; send all but one of "
                    + "them to a file\n")
            throw ExitCode(2)
        }
        return ResultStream(toStandardError: !taking.isEmpty)
    }

    /// Whether `path` names this process's standard output as `OutputFile` opens it.
    static func namesStandardOutput(_ path: String) -> Bool {
        ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].contains(path)
    }
}
