import EdgeWire

/// What the edge did with one request: which phase and rule decided, the action, what the client received and
/// how the cache and origin were involved.
public struct Decision: Sendable {
    /// The phase whose rule decided (a terminating action, or the first `log` match); nil when no rule did.
    public var phase: EdgePhase?
    /// The deciding rule's id.
    public var ruleID: String?
    /// The action.
    public var action: EdgeAction
    /// The status sent to the client.
    public var status: Int
    /// The cache status; `UNKNOWN` when the request stopped at the edge.
    public var cacheStatus: CacheStatus
    /// Whether the origin was contacted (including background refreshes and failed attempts).
    public var originContacted: Bool
    /// The origin's response time in milliseconds; 0 when it was not contacted.
    public var originLatencyMilliseconds: Int64
    /// Response body bytes sent to the client (0 for HEAD and edge-generated responses).
    public var bytes: Int64
    /// The browser TTL in seconds the client is told, when a setting or the origin gives one.
    public var browserTTLSeconds: Int64?
    /// The deciding rate limiting rule's counter, when a rate limit decided.
    public var rateLimit: RateLimitOutcome?
    /// What happened in the WAF managed rules phase.
    public var managedRules: ManagedRulesOutcome
    /// What the OWASP Core Ruleset found, for every request it evaluated (blocked or not).
    public var managedRulesVerdict: ManagedRulesVerdict?
    /// The managed rules exceptions (`managed_rules.skip`) that applied, by id, in order.
    public var managedRulesSkips: [String]
    /// Whether the client solved a challenge that would otherwise have stopped it.
    public var solvedChallenge: Bool
    /// Whether a rate limiting rule would have stopped the request if its counters counted at once: the request
    /// passed because of the counter delay (only with a delay set).
    public var passedThroughCounterDelay: Bool
    /// Phase by phase detail, present when the request was processed with tracing on.
    public var trace: DecisionTrace? {
        get { traceBox?.trace }
        set { traceBox = newValue.map(TraceBox.init) }
    }
    /// The trace lives behind a reference so that a decision without one (every decision of a replay) stays small
    /// and cheap to copy.
    private var traceBox: TraceBox?

    private final class TraceBox: Sendable {
        let trace: DecisionTrace
        init(_ trace: DecisionTrace) { self.trace = trace }
    }

    /// A decision from its parts.
    public init(
        phase: EdgePhase? = nil, ruleID: String? = nil, action: EdgeAction = .allow, status: Int = 200,
        cacheStatus: CacheStatus = .unknown, originContacted: Bool = false, originLatencyMilliseconds: Int64 = 0,
        bytes: Int64 = 0, browserTTLSeconds: Int64? = nil, rateLimit: RateLimitOutcome? = nil,
        managedRules: ManagedRulesOutcome = .notConfigured, managedRulesVerdict: ManagedRulesVerdict? = nil,
        managedRulesSkips: [String] = [], solvedChallenge: Bool = false,
        passedThroughCounterDelay: Bool = false, trace: DecisionTrace? = nil
    ) {
        self.phase = phase
        self.ruleID = ruleID
        self.action = action
        self.status = status
        self.cacheStatus = cacheStatus
        self.originContacted = originContacted
        self.originLatencyMilliseconds = originLatencyMilliseconds
        self.bytes = bytes
        self.browserTTLSeconds = browserTTLSeconds
        self.rateLimit = rateLimit
        self.managedRules = managedRules
        self.managedRulesVerdict = managedRulesVerdict
        self.managedRulesSkips = managedRulesSkips
        self.solvedChallenge = solvedChallenge
        self.passedThroughCounterDelay = passedThroughCounterDelay
        self.trace = trace
    }
}
