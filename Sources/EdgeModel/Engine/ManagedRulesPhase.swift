import EdgeWire
import RulesLanguage

/// What the managed rules phase did with one request.
struct ManagedRulesPhaseOutcome {
    /// What happened in the phase.
    var outcome: ManagedRulesOutcome
    /// The OWASP verdict, when the ruleset evaluated the request.
    var verdict: ManagedRulesVerdict?
    /// The action when the score reached the threshold: terminating, or recorded (`log`, `allow` after a solved
    /// challenge); nil below the threshold.
    var action: EdgeAction?
    /// The status of a terminating action.
    var status = 403
    /// Whether the client solved the challenge the ruleset would have issued.
    var solvedChallenge = false
}

/// The WAF managed rules phase (`http_request_firewall_managed`): the OWASP Core Ruleset scores the request at
/// every paranoia level; the score at the deployed level is compared with the threshold
/// (`docs/cloudflare-semantics.md`, "Managed rules: the OWASP Core Ruleset"). The Cloudflare Managed Ruleset is
/// proprietary and not simulated.
struct ManagedRulesPhase {
    let configuration: ManagedRulesConfiguration

    /// Runs the phase on `request` (as it arrived, before URL normalisation); `skipped` when a custom rule skipped it.
    func run(_ request: EdgeRequest, skipped: Bool) -> ManagedRulesPhaseOutcome {
        if skipped { return ManagedRulesPhaseOutcome(outcome: .skipped) }
        guard let owasp = configuration.owasp else { return ManagedRulesPhaseOutcome(outcome: .notSimulated) }
        let verdict = owasp.evaluator.evaluate(request.http)
        var result = ManagedRulesPhaseOutcome(outcome: .evaluated, verdict: verdict)
        guard verdict.score(atParanoiaLevel: owasp.paranoiaLevel) >= owasp.scoreThreshold else { return result }
        switch owasp.action {
        case .block:
            result.action = .block
            result.status = owasp.blockStatus
        case .log:
            result.action = .log
        case .managedChallenge: challenge(.managedChallenge, request, &result)
        case .challenge: challenge(.challenge, request, &result)
        case .jsChallenge: challenge(.jsChallenge, request, &result)
        }
        return result
    }

    /// A challenge stops the request unless the client solves it; a solved challenge lets it go on.
    private func challenge(_ action: EdgeAction, _ request: EdgeRequest, _ result: inout ManagedRulesPhaseOutcome) {
        if request.solvedChallenge {
            result.action = .allow
            result.solvedChallenge = true
        } else {
            result.action = action
        }
    }
}
