import EdgeCore

/// A spec that read and type-checked without errors, with its source for later diagnostics.
public struct CheckedSpec: Sendable {
    /// The typed spec.
    public let spec: Spec
    /// The spec's text.
    public let source: SourceFile
    /// The readiness checklist evaluated on the spec.
    public let readiness: [ReadinessItem]
}

/// Reads `edge.yaml` into a typed, checked spec: located YAML (with the secret scan of every scalar) → typed
/// sections → cross-field and semantic checks → readiness lints. Every problem is collected; the result is nil when
/// any error was found.
public enum SpecChecker {
    /// Checks the spec text `bytes` read from `file` (the name as the user gave it); `size` is the file's size when
    /// `bytes` may be only its start (as `InputFile.readPrefix` reads it), nil when unknown.
    public static func check(_ bytes: [UInt8], file: String, size: Int? = nil, diagnostics: DiagnosticCollector)
        -> CheckedSpec?
    {
        let source = SourceFile(name: file, bytes: bytes)
        guard let root = YAMLReader(file: file, diagnostics: diagnostics).read(bytes, size: size) else { return nil }
        guard case .mapping = root else {
            diagnostics.error(
                "E0102", "expected the spec to be a mapping, found \(root.kindDescription)", at: root.range,
                help: "start with `version: 1` and a `zone:` mapping")
            return nil
        }
        let context = SpecContext(file: file, diagnostics: diagnostics)
        let decoded = ObjectReader.object(Spec.self, name: "the spec").decode(root, context)
        guard let spec = decoded, !diagnostics.hasErrors else { return nil }
        SpecSemantics(spec: spec, diagnostics: diagnostics).run()
        let readiness = ReadinessChecklist.evaluate(spec)
        // Acknowledged rows are reported too: `LintAcknowledgements.apply` turns them into notes with the reason.
        for item in readiness where item.status == .missing || item.status == .acknowledged {
            diagnostics.warning(item.lintID, "readiness: \(item.title): \(item.reason)", at: item.range, help: item.fix)
        }
        return diagnostics.hasErrors ? nil : CheckedSpec(spec: spec, source: source, readiness: readiness)
    }
}
