import ArgumentParser
import EdgeCore

/// The files options name (reports, JUnit reports, decisions, traces), written through `OutputFile`; a failure
/// is printed and ends the command with exit 2.
enum CommandOutput {
    /// Writes `text` to `path` (replacing a regular file only once it is complete), or exits 2 saying why not.
    static func write(_ text: String, to path: String) throws {
        do {
            try OutputFile.write(text, to: path)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// Exits 2, naming both, when an output option names one of the files the run reads.
    static func refuseOverwritingInputs(_ inputs: [String], _ outputs: [(option: String, path: String?)]) throws {
        do {
            try OutputFile.refuseOverwritingInputs(inputs, outputs: outputs.compactMap { output in output.path.map { (output.option, $0) } })
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
