import EdgeCore
import Simulation

/// The warnings a simulating command prints for fields the spec reads that no trace record supplied, one per
/// field, so a rule on such a field never passes as simulated (`docs/replay-output.md`, "Fields not in the trace").
enum UnsuppliedFieldWarning {
    /// Writes one warning per field to standard error.
    static func print(_ fields: [UnsuppliedField]) {
        for field in fields { StandardError.write("warning: \(field.message)\n") }
    }
}
