import EdgeCore

/// The spec's `lints:` section: warnings a team has decided to live with, each with its reason. An acknowledged
/// warning is reported as a note that quotes the reason, so `check --strict` passes while the finding stays
/// visible; an acknowledgement that matches no warning is a note too, so stale entries get noticed.
public enum LintAcknowledgements {
    /// How a warning id is written.
    static let idPattern = "^W[0-9]{4}$"

    /// The `lints:` field: warning ids to non-empty reasons.
    static var fieldType: FieldType<[(key: LocatedText, value: LocatedText)]> {
        .map(
            .located(validate: { reason in
                reason.allSatisfy(\.isWhitespace)
                    ? ("an acknowledged lint needs a reason", "write why the warning does not apply, in a few words")
                    : nil
            }), keyPattern: idPattern, validKey: validID)
    }

    private static func validID(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        let digits = bytes.dropFirst()
        if bytes.first == UInt8(ascii: "W"), digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return nil
        }
        return "'\(key)' is not a warning id; lints acknowledges warnings by id, e.g. W0509 (errors cannot be "
            + "acknowledged)"
    }

    /// Turns each warning in `diagnostics` whose id `spec` acknowledges into a note carrying the reason, and notes
    /// each acknowledgement that matches no warning.
    public static func apply(_ spec: Spec, to diagnostics: DiagnosticCollector) {
        for (id, reason) in spec.lints {
            let matched = diagnostics.acknowledge(
                id.text, reason: DiagnosticNote("acknowledged in lints: \(reason.text)", at: reason.range))
            if matched == 0 {
                diagnostics.report(
                    Diagnostic(
                        "W0122", .note, "\(id.text) is acknowledged in lints but the spec does not raise it",
                        at: id.range, help: "remove the entry once the warning is gone for good"))
            }
        }
    }

    /// Whether `spec` acknowledges the warning `id`.
    public static func acknowledges(_ spec: Spec, _ id: String) -> Bool {
        spec.lints.contains { $0.key.text == id }
    }
}
