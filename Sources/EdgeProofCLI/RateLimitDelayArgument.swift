import ArgumentParser
import EdgeCore
import EdgeSpec

/// `--rate-limit-delay`, taken by the commands that run the edge model over time (`replay`, `whatif`, `diff`,
/// `test`): how long a counted request takes to reach the rate limiting counters, overriding the spec's
/// `replay.rate_limit_delay`.
struct RateLimitDelayArgument: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Delay before a counted request reaches the rate limiting counters, e.g. 2s; overrides the spec's "
                + "replay.rate_limit_delay (default 0s: exact and instant counters).", valueName: "duration"))
    var rateLimitDelay: EdgeDuration?

    /// The delay given, or nil; a usage error beyond 0 s to `ReplaySpec.maximumRateLimitDelay`.
    func value() throws -> EdgeDuration? {
        guard let rateLimitDelay else { return nil }
        guard rateLimitDelay.milliseconds >= 0, rateLimitDelay <= ReplaySpec.maximumRateLimitDelay else {
            throw ValidationError(
                "--rate-limit-delay must be between 0s and \(ReplaySpec.maximumRateLimitDelay), not \(rateLimitDelay)")
        }
        return rateLimitDelay
    }
}
