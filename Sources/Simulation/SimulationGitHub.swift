import EdgeCore

/// The GitHub workflow commands the `github` results of `replay`, `whatif` and `diff` share (`::error`,
/// `::warning`, `::notice`), escaped with `DiagnosticGitHubRenderer`.
enum SimulationGitHub {
    /// One workflow command: `::KIND title=TITLE::MESSAGE` and a line break.
    static func command(_ kind: Kind, title: String, _ message: String) -> String {
        "::\(kind.rawValue) title=\(DiagnosticGitHubRenderer.escapeProperty(title))::"
            + "\(DiagnosticGitHubRenderer.escapeData(message))\n"
    }

    /// The kinds of workflow command a result uses.
    enum Kind: String {
        /// A failure the run is judged by (a broken threshold).
        case error
        /// Something a reader must know to trust the result (a setting not simulated, a field not in the trace).
        case warning
        /// The summary and other information.
        case notice
    }

    /// One warning per use of a not-simulated setting; `spec` names the spec when a command simulates two.
    static func notSimulated(_ uses: [NotSimulatedUse], _ counts: SettingReachCounts, spec: String? = nil) -> String {
        uses.map { use in
            command(
                .warning, title: "Not simulated\(spec.map { " in \($0)" } ?? "")",
                "\(NotSimulatedSettings.name(use)): \(NotSimulatedSettings.reach(use, counts))")
        }.joined()
    }

    /// One warning per field the spec reads that no record supplied.
    static func fieldsNotInTrace(_ fields: [UnsuppliedField]) -> String {
        fields.map { command(.warning, title: "Field not in the trace", $0.message) }.joined()
    }

    /// One error per broken threshold, or a notice that all hold; nothing when none was applied.
    static func thresholds(_ status: ThresholdStatus?) -> String {
        guard let status, status.applied > 0 else { return "" }
        guard !status.broken.isEmpty else {
            return command(.notice, title: "Thresholds", "all \(status.applied) hold")
        }
        return status.broken.map { command(.error, title: "Threshold broken", $0) }.joined()
    }
}
