import ArgumentParser
import EdgeCore
import Foundation
import Simulation

/// The files options name (reports, JUnit reports, decisions, traces), written through `OutputFile`; a failure
/// is printed and ends the command with exit 2.
enum CommandOutput {
    /// Writes `text` to `path` (replacing a regular file only once it is complete; `-` is the console's standard
    /// output), or exits 2 saying why not.
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            StandardOutput.print(text, terminator: "")
            return
        }
        do {
            try OutputFile.write(text, to: path)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// Writes the report `--report` names, nothing when it names none: the HTML page when the path ends in `.html`,
    /// the JSON document otherwise (only the one written is rendered); exits 2 when the file cannot be written.
    static func writeReport(to path: String?, html: () -> HTMLReport, json: () -> String) throws {
        guard let path else { return }
        try write(path.hasSuffix(".html") ? HTMLReportRenderer.render(html()) : json(), to: path)
    }

    /// Exits 2 when `path` (a file a command creates, such as an imported spec or a pulled trace) exists and
    /// `--force` was not given.
    static func refuseReplacing(_ path: String, force: Bool) throws {
        guard path != SpecInput.standardInputPath, !force, FileManager.default.fileExists(atPath: path) else { return }
        StandardError.write("error: \(path) exists; choose another path or pass --force to replace it\n")
        throw ExitCode(2)
    }

    /// Exits 2, naming both, when an output option names one of the files the run reads or the same file as
    /// another output option.
    /// An input `-` (standard input) is compared as `/dev/stdin`, so `< edge.yaml` is an input too.
    static func refuseConflicts(inputs: [String], outputs: [(option: String, path: String?)]) throws {
        let named = outputs.compactMap { output in output.path.map { (option: output.option, path: $0) } }
        let inputFiles = inputs.map { $0 == SpecInput.standardInputPath ? "/dev/stdin" : $0 }
        do {
            try OutputFile.refuseOverwritingInputs(inputFiles, outputs: named)
            try OutputFile.refuseSharedTargets(named)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
