import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec

/// Reads, checks and compiles a spec for the commands that need a compiled edge, printing diagnostics and
/// exiting 1 (spec errors) or 2 (unreadable) as documented.
enum SpecLoader {
    /// The compiled spec (`targetWarnings` adds what emitted files approximate, for `build`); on success its warnings go to stderr (stdout stays for the command's output); on errors
    /// every finding goes to stdout in `format`, then exit 1.
    static func load(_ spec: String, format: DiagnosticFormat = .text, targetWarnings: Bool = false) throws -> CompiledEdge {
        let bytes: [UInt8]
        let size: Int?
        switch SpecInput.read(spec) {
        case let .success(read): (bytes, size) = (read.bytes, read.size)
        case let .failure(error):
            StandardError.write("error: \(error.message)\n")
            throw ExitCode(error.code)
        }
        let diagnostics = DiagnosticCollector()
        let checked = SpecChecker.check(bytes, file: spec, size: size, diagnostics: diagnostics)
        let compiled = checked.flatMap { EdgeCompiler.compile($0, specPath: spec, diagnostics: diagnostics, targetWarnings: targetWarnings) }
        let printer = DiagnosticPrinter(format: format, spec: spec, bytes: bytes)
        guard let compiled, !diagnostics.hasErrors else {
            printer.print(diagnostics.sorted, toStandardError: false)
            throw ExitCode(1)
        }
        printer.print(diagnostics.sorted, toStandardError: true)
        return compiled
    }
}
