import EdgeCore
import Emitters

/// What one `build` run did (the files written and removed, or with `--check` the drift), with the spec's findings,
/// rendered in each `--format`. The whole result goes to standard output, in every format and every outcome.
struct BuildReport: FormattedResult {
    /// Whether the run wrote DIR or compared it (`--check`).
    enum Mode: String {
        /// The files were written.
        case write
        /// The files were compared with DIR (`--check`); nothing was written.
        case check
    }

    /// The version of the JSON document (`docs/command-line.md`).
    static let version: Int64 = 1

    /// The spec's name in diagnostics (`<stdin>` for `-`).
    let spec: String
    /// The spec's path as given on the command line, for the command a drift message suggests.
    let specArgument: String
    /// The spec's bytes, for quoting lines in text diagnostics.
    let specBytes: [UInt8]
    /// The output directory as given.
    let output: String
    /// Whether the run wrote or compared.
    let mode: Mode
    /// The checker's and compiler's findings, sorted.
    let diagnostics: [Diagnostic]
    /// The spec's file name as the outputs' headers give it (`CompiledEdge.specName`), nil when it has errors.
    var specName: String?
    /// The compiled spec's SHA-256, nil when the spec has errors.
    var specHash: String?
    /// The files the spec compiles to, relative to DIR (empty when the spec has errors).
    var files: [String] = []
    /// Files the previous build wrote that this one removed (mode `write`).
    var removed: [String] = []
    /// How DIR differs from the spec's files (mode `check`).
    var drift: [DriftCheck.Difference] = []

    /// Whether the run succeeded: no spec errors and, with `--check`, no drift.
    var succeeded: Bool { !hasErrors && drift.isEmpty }

    /// The one-line outcome every format ends or starts with.
    var headline: String {
        if hasErrors { return "\(DiagnosticSummary(diagnostics).line(for: spec)); nothing built" }
        let spec = specName ?? self.spec
        switch mode {
        case .write:
            return "wrote \(files.count) files to \(output)/ from \(spec) (compiled spec sha256:\(shortHash))"
        case .check:
            if drift.isEmpty { return "\(output): up to date with \(spec) (\(files.count) files)" }
            return "\(output): \(drift.count) file\(drift.count == 1 ? "" : "s") drifted from \(spec); run "
                + "`edgeproof build \(specArgument) -o \(output)`"
        }
    }

    private var shortHash: String { String((specHash ?? "").prefix(12)) }

    /// Compiler-style diagnostics when the spec has errors; otherwise the files written and removed, or each
    /// drifted file with its unified diff. Warnings of a spec without errors are not part of it (the command
    /// prints them on standard error).
    var text: String {
        if hasErrors {
            return DiagnosticColors.renderer([SourceFile(name: spec, bytes: specBytes)])
                .render(diagnostics, summaryFor: spec)
        }
        var out = ""
        switch mode {
        case .write:
            out += headline + "\n"
            for path in removed {
                out += "removed \(output)/\(path) (the previous build wrote it; this one no longer does)\n"
            }
        case .check:
            for difference in drift {
                out += "\(difference.kind.rawValue): \(output)/\(difference.path)\n" + difference.diff
            }
            out += headline + "\n"
        }
        return out
    }

    /// The document of `docs/command-line.md`: the members of check's document, then the build's own.
    var json: JSONValue {
        var members = DiagnosticJSONRenderer.members(diagnostics, file: spec)
        members += [
            ("mode", .string(mode.rawValue)),
            ("output", .string(output)),
            ("ok", .bool(succeeded)),
            ("spec_sha256", specHash.map(JSONValue.string) ?? .null),
            ("files", .array(files.map(JSONValue.string))),
            ("removed", .array(removed.map(JSONValue.string))),
            (
                "drift",
                .array(
                    drift.map { difference in
                        .object([
                            ("path", .string(difference.path)), ("kind", .string(difference.kind.rawValue)),
                            ("diff", .string(difference.diff)),
                        ])
                    })
            ),
        ]
        return .object(members)
    }

    /// A workflow command per finding and per drifted file (at the file in DIR), then the headline.
    var github: String {
        var out = DiagnosticGitHubRenderer.render(diagnostics)
        for difference in drift {
            let file = DiagnosticGitHubRenderer.escapeProperty(output + "/" + difference.path)
            let message =
                "\(difference.kind.rawValue): does not match what \(specName ?? spec) compiles to; run "
                + "`edgeproof build`"
            out += "::error file=\(file),title=drift::\(DiagnosticGitHubRenderer.escapeData(message))\n"
        }
        return out + headline + "\n"
    }

    /// A heading with the headline, the findings table, and the drifted files (path and kind, no diffs).
    var markdown: String {
        var out = "### EdgeProof build: \(MarkdownText.cell(headline))\n"
        let driftRows = drift.map { [MarkdownText.code($0.path), $0.kind.rawValue] }
        var driftTable = ""
        if !driftRows.isEmpty {
            driftTable = "\n" + MarkdownText.table(["File in \(MarkdownText.cell(output))", "Drift"], rows: [])
            var shown = 0
            for row in driftRows {
                let line = "| " + row.joined(separator: " | ") + " |\n"
                guard out.count + driftTable.count + line.count + 200 < MarkdownText.commentLimit / 2 else { break }
                driftTable += line
                shown += 1
            }
            if shown < driftRows.count { driftTable += "\n… and \(driftRows.count - shown) more drifted files\n" }
        }
        out += driftTable
        out += DiagnosticMarkdownRenderer.table(
            diagnostics, budget: MarkdownText.commentLimit - out.count, command: "build")
        return out
    }
}
