/// What happened in the WAF managed rules phase. Managed rules are never simulated, so a request that reaches
/// the phase is reported as not evaluated rather than silently passed.
public enum ManagedRulesOutcome: String, Sendable, Hashable {
    /// The configuration deploys no managed rules.
    case notConfigured = "not_configured"
    /// Managed rules are deployed and the request reached them, but the model does not evaluate them.
    case notSimulated = "not_simulated"
    /// A custom `skip` rule skipped the phase.
    case skipped
    /// An earlier phase stopped the request first.
    case notReached = "not_reached"
}
