import EdgeCore

/// Reports literal credentials in the scalars of a YAML document: keys, values, list items, rule expressions and
/// response bodies alike, since the YAML reader hands it every scalar it reads (`SecretPatterns` has the formats).
///
/// Each finding is an E0301 at the credential's own span, and the credential is registered with the collector so
/// that no diagnostic, before or after, shows it; the message names the format, never the value.
struct SecretScanner {
    private let source: SourceFile
    private let diagnostics: DiagnosticCollector

    init(source: SourceFile, diagnostics: DiagnosticCollector) {
        self.source = source
        self.diagnostics = diagnostics
    }

    /// Scans one scalar; `key` is the mapping key it is the value of (or the list's key for a list item).
    func scan(_ scalar: ScalarNode, key: String?) {
        let matches = SecretPatterns.matches(in: scalar.value, key: key)
        guard !matches.isEmpty else { return }
        let map = ScalarSourceMap(node: scalar, source: source)
        let value = Array(scalar.value.utf8)
        for match in matches {
            let range = map.range(ofValueBytes: match.bytes)
            diagnostics.redact(SecretSpan(text: String(decoding: value[match.bytes], as: UTF8.self), range: range))
            diagnostics.error(
                "E0301", "this value looks like a credential (\(match.kind)); secrets must not be written into the spec",
                at: range, help: "store it in Vault and write vault:<kv path>#<key>; rotate it if it was ever committed")
        }
    }
}
