import EdgeCore

/// Reports literal credentials in the scalars of a YAML document: keys, values, list items, rule expressions and
/// response bodies alike, since the YAML reader hands it every scalar it reads (`SecretPatterns` has the formats).
///
/// Each finding is an E0301 at the credential's own span, and the credential is registered with the collector so
/// that no diagnostic, before or after, shows it; the message names the format, never the value.
///
/// The first `maximumListed` findings each get their own E0301 at the credential's exact span; later ones are
/// masked over their whole scalar and counted in one closing E0301, so a spec made of credentials stays quick to
/// check and its report short.
struct SecretScanner {
    /// Findings reported one by one; the rest are counted.
    static let maximumListed = 100

    private let source: SourceFile
    private let diagnostics: DiagnosticCollector
    private var listed = 0
    private var unlisted: (count: Int, first: SourceRange)?

    init(source: SourceFile, diagnostics: DiagnosticCollector) {
        self.source = source
        self.diagnostics = diagnostics
    }

    /// Scans one scalar; `key` is the mapping key it is the value of (or the list's key for a list item).
    mutating func scan(_ scalar: ScalarNode, key: String?) {
        let matches = SecretPatterns.matches(in: scalar.value, key: key)
        guard !matches.isEmpty else { return }
        let value = Array(scalar.value.utf8)
        let shown = matches.prefix(max(0, Self.maximumListed - listed))
        if shown.count < matches.count {
            // Past the cap the findings are masked by their text and counted; the scalar's range is registered once.
            for match in matches[shown.count...] {
                diagnostics.redact(
                    SecretSpan(text: String(decoding: value[match.bytes], as: UTF8.self), range: scalar.range))
            }
            unlisted = (
                count: (unlisted?.count ?? 0) + matches.count - shown.count, first: unlisted?.first ?? scalar.range
            )
        }
        guard !shown.isEmpty else { return }
        let map = ScalarSourceMap(node: scalar, source: source)
        for match in shown {
            let range = map.range(ofValueBytes: match.bytes)
            diagnostics.redact(SecretSpan(text: String(decoding: value[match.bytes], as: UTF8.self), range: range))
            diagnostics.error(
                "E0301",
                "this value looks like a credential (\(match.kind)); secrets must not be written into the spec",
                at: range, help: "store it in Vault and write vault:<kv path>#<key>; rotate it if it was ever committed"
            )
            listed += 1
        }
    }

    /// Reports the findings beyond `maximumListed`, if any, as one E0301 at the first of them.
    func finish() {
        guard let unlisted else { return }
        diagnostics.error(
            "E0301",
            "\(unlisted.count) more values look like credentials (only the first \(Self.maximumListed) are listed)",
            at: unlisted.first,
            help: "move every secret to Vault and write vault:<kv path>#<key>; rotate any that were committed")
    }
}
