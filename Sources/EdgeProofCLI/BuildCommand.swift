import ArgumentParser
import EdgeCompiler
import EdgeCore
import EdgeSpec
import Emitters
import Foundation

/// `edgeproof build [SPEC] [-o DIR] [--check]`: write the files a team commits, or check them for drift.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile the spec into fly.toml, vault.hcl, redis.conf and friends; --check reports drift instead.",
        discussion: """
            Writes atomically: every file goes to a staging directory beside DIR, which replaces DIR in one step only \
            when all targets rendered and were written. EdgeProof owns only the files DIR/MANIFEST.json lists: other \
            files are kept with their modes and owners, files the previous manifest lists that the spec no longer \
            produces are removed, and a directory or special file where an output goes, or a mount inside DIR, \
            stops the build (exit 2) with DIR unchanged.
            Exit 0 ok; 1 spec errors or drift (--check); 2 unreadable input, bad templates or a failed write.
            """)

    @OptionGroup var spec: SpecArgument

    @Option(name: .shortAndLong, help: "Output directory.")
    var output: String = "out"

    @Flag(help: "Write nothing; exit 1 with a unified diff per file when DIR does not match the spec.")
    var check = false

    @Option(help: "A directory of .mustache files overriding the embedded templates.")
    var templates: String?

    @Option(
        help: ArgumentHelp(
            "A 'plan --format json' document: the Terraform gains an import block for each phase whose entrypoint "
                + "ruleset the zone already has.", valueName: "plan.json"))
    var terraformImport: String?

    @Option(
        help: """
            Output format: text, json (one JSON document on stdout, docs/command-line.md), github (workflow \
            commands) or markdown (a pull-request comment).
            """)
    var format: OutputFormat = .text

    func validate() throws {
        if output == SpecInput.standardInputPath {
            throw ValidationError(
                "-o - would name standard output, but build writes a directory of files; name a directory")
        }
    }

    func run() throws {
        let checked = try SpecLoader.check(spec.path)
        var report = BuildReport(
            spec: checked.name, specArgument: spec.path, specBytes: checked.bytes, output: output,
            mode: check ? .check : .write, diagnostics: checked.diagnostics.sorted)
        let compiled = try SpecLoader.compiled(checked, report: report, format: format)
        let outputs: OutputSet
        do {
            let templateSet = try templates.map { try TemplateSet.overriding(with: $0) } ?? .embedded
            let imports = try terraformImport.map(TerraformImportFile.read)
            outputs = try BuildOutputs.render(compiled, templates: templateSet, terraformImports: imports)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        report.specName = compiled.specName
        report.specHash = compiled.specHash
        report.files = outputs.files.map(\.path)
        if check {
            report.drift = DriftCheck.compare(outputs, with: output)
        } else {
            do {
                report.removed = try OutputWriter.write(outputs, to: output)
            } catch {
                StandardError.write("error: \(error); \(output) is unchanged\n")
                throw ExitCode(2)
            }
        }
        StandardOutput.print(report.render(format), terminator: "")
        if !report.succeeded { throw ExitCode(1) }
    }
}

/// Prints diagnostics in the chosen format (warnings of a successful build go to stderr so stdout stays clean).
struct DiagnosticPrinter {
    let format: OutputFormat
    let spec: String
    let bytes: [UInt8]

    func print(_ diagnostics: [Diagnostic], toStandardError: Bool) {
        if diagnostics.isEmpty && toStandardError { return }
        let text: String
        switch format {
        case .text:
            text = DiagnosticColors.renderer([SourceFile(name: spec, bytes: bytes)])
                .render(diagnostics, summaryFor: spec)
        case .json: text = DiagnosticJSONRenderer.render(diagnostics, file: spec)
        case .github: text = DiagnosticGitHubRenderer.render(diagnostics)
        case .markdown: text = DiagnosticMarkdownRenderer.render(diagnostics, file: spec)
        }
        if toStandardError { StandardError.write(text) } else { StandardOutput.print(text, terminator: "") }
    }
}
