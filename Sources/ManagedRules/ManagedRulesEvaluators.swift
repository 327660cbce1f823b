import EdgeModel
import Foundation

/// The evaluator a model of the OWASP Core Ruleset uses: libmodsecurity (`ModSecurityEngine`, the default) or the
/// compiled rules (`CompiledCRSEvaluator`, decision 0023), chosen by `EDGEPROOF_CRS_EVALUATOR=libmodsecurity|compiled`
/// and loaded once per process.
public enum ManagedRulesEvaluators {
    /// The environment variable that chooses the evaluator.
    public static let environmentVariable = "EDGEPROOF_CRS_EVALUATOR"

    nonisolated(unsafe) private static var compiled: [CRSInstallation: CompiledCRSEvaluator] = [:]
    private static let lock = NSLock()

    /// The evaluator `choice` names (the environment's when nil): `libmodsecurity` (also when unset) or
    /// `compiled`. Throws for another name, or when the rules cannot be loaded.
    public static func evaluator(installation: CRSInstallation = .debian, choice: String? = nil)
        throws(ManagedRulesLoadError) -> any ManagedRulesEvaluator
    {
        let name = choice ?? ProcessInfo.processInfo.environment[environmentVariable] ?? "libmodsecurity"
        switch name {
        case "", "libmodsecurity": return try ModSecurityEngines.engine(installation: installation)
        case "compiled":
            lock.lock()
            defer { lock.unlock() }
            if let evaluator = compiled[installation] { return evaluator }
            let evaluator = try CompiledCRSEvaluator(installation: installation)
            compiled[installation] = evaluator
            return evaluator
        default:
            throw ManagedRulesLoadError(
                file: environmentVariable,
                reason: "'\(name)' is not an evaluator; set \(environmentVariable) to libmodsecurity or compiled")
        }
    }
}
