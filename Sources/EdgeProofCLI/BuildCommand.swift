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

    @Option(help: "Diagnostics format: text, json or github.")
    var format: OutputFormat = .text

    func run() throws {
        let compiled = try spec.load(format: format, targetWarnings: true)
        let outputs: OutputSet
        do {
            let templateSet = try templates.map { try TemplateSet.overriding(with: $0) } ?? .embedded
            outputs = try BuildOutputs.render(compiled, templates: templateSet)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if check {
            let differences = DriftCheck.compare(outputs, with: output)
            for difference in differences {
                StandardOutput.print("\(difference.kind.rawValue): \(output)/\(difference.path)")
                if !difference.diff.isEmpty { StandardOutput.print(difference.diff, terminator: "") }
            }
            if differences.isEmpty {
                StandardOutput.print("\(output): up to date with \(compiled.specName) (\(outputs.files.count) files)")
                return
            }
            StandardOutput.print(
                "\(output): \(differences.count) file\(differences.count == 1 ? "" : "s") drifted from "
                    + "\(compiled.specName); run `edgeproof build \(spec.path) -o \(output)`"
            )
            throw ExitCode(1)
        }
        let removed: [String]
        do {
            removed = try OutputWriter.write(outputs, to: output)
        } catch {
            StandardError.write("error: \(error); \(output) is unchanged\n")
            throw ExitCode(2)
        }
        StandardOutput.print(
            "wrote \(outputs.files.count) files to \(output)/ from \(compiled.specName) (compiled spec "
                + "sha256:\(compiled.shortHash))"
        )
        for path in removed {
            StandardOutput.print("removed \(output)/\(path) (the previous build wrote it; this one no longer does)")
        }
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
