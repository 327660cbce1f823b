/// What happened in the WAF managed rules phase (`http_request_firewall_managed`).
public enum ManagedRulesOutcome: String, Sendable, Hashable {
    /// The configuration deploys no managed rules.
    case notConfigured = "not_configured"
    /// The request reached the phase and the OWASP Core Ruleset evaluated it; the decision carries the verdict.
    case evaluated
    /// Managed rules are deployed and the request reached them, but only rulesets the model does not simulate
    /// (the Cloudflare Managed Ruleset) apply to it.
    case notSimulated = "not_simulated"
    /// A custom `skip` rule skipped the phase, or a managed rules exception skipped every deployed ruleset.
    case skipped
    /// The request is outside the scope (`managed_rules.when`) of the rulesets' `execute` rules.
    case outOfScope = "out_of_scope"
    /// An earlier phase stopped the request first.
    case notReached = "not_reached"

    /// Whether the request reached the managed rules phase (evaluated there or not).
    public var reachedPhase: Bool { self == .evaluated || self == .notSimulated }
}
