import EdgeModel
import EdgeSpec
import TrafficSynthesis

/// The spec's enumerations mapped onto the model's and the synthesiser's, one exhaustive `switch` each, so a case
/// added or renamed on either side fails to compile instead of falling back to a default.
enum SpecEnumMapping {
    /// The model's action for a rate limiting rule's `action`.
    static func model(_ action: EdgeSpec.RateLimitAction) -> EdgeModel.RateLimitAction {
        switch action {
        case .block: .block
        case .challenge: .challenge
        case .managed_challenge: .managedChallenge
        case .js_challenge: .jsChallenge
        case .log: .log
        }
    }

    /// The model's action for the OWASP ruleset's `action`.
    static func model(_ action: EdgeSpec.ManagedRuleAction) -> EdgeModel.ManagedRulesAction {
        switch action {
        case .block: .block
        case .managed_challenge: .managedChallenge
        case .challenge: .challenge
        case .js_challenge: .jsChallenge
        case .log: .log
        }
    }

    /// The model's counting algorithm for a rate limiting rule's `algorithm`.
    static func model(_ algorithm: EdgeSpec.RateLimitAlgorithm) -> EdgeModel.RateLimitAlgorithm {
        switch algorithm {
        case .cloudflare: .cloudflare
        case .sliding_log: .slidingLog
        case .token_bucket: .tokenBucket
        }
    }

    /// The model's edge TTL mode for a cache rule's `edge_ttl.mode`.
    static func model(_ mode: EdgeSpec.EdgeTTLMode) -> EdgeModel.EdgeTTLMode {
        switch mode {
        case .respect_origin: .respectOrigin
        case .override_origin: .overrideOrigin
        case .bypass_by_default: .bypassByDefault
        }
    }

    /// The model's browser TTL mode for a cache rule's `browser_ttl.mode`.
    static func model(_ mode: EdgeSpec.BrowserTTLMode) -> EdgeModel.BrowserTTLMode {
        switch mode {
        case .respect_origin: .respectOrigin
        case .override_origin: .overrideOrigin
        case .bypass: .bypass
        }
    }

    /// The model's phase for a phase a custom rule's `skip.phases` names.
    static func model(_ phase: SkippablePhase) -> EdgePhase {
        switch phase {
        case .http_ratelimit: .rateLimit
        case .http_request_firewall_managed: .managedRules
        case .http_request_sbfm: .superBotFightMode
        }
    }

    /// The synthesiser's population for a profile's population name.
    static func synthesis(_ kind: PopulationKindSpec) -> PopulationKind {
        switch kind {
        case .humans: .humans
        case .api_clients: .apiClients
        case .verified_bots: .verifiedBots
        case .scrapers: .scrapers
        case .credential_stuffing: .credentialStuffing
        case .vulnerability_scanner: .vulnerabilityScanner
        case .no_user_agent: .noUserAgent
        }
    }
}
