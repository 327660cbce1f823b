import EdgeCore
import RulesLanguage

/// One rate limiting rule (phase `http_ratelimit`): counts requests per key and applies its action when the
/// rate exceeds `requests` per `period` (`docs/cloudflare-semantics.md`, the "Rate limiting" sections).
public struct RateLimitRule: Sendable {
    /// The rule's stable id.
    public var id: String
    /// Which requests the action applies to.
    public var condition: CompiledExpression
    /// The parsed rule expression, kept for explanations; optional.
    public var expression: Expression?
    /// Which requests are counted; nil counts the requests matching `condition`. It is not combined with
    /// `condition`: a request can be counted without matching it.
    public var counting: CompiledExpression?
    /// The parsed counting expression, kept for explanations; optional.
    public var countingExpression: Expression?
    /// Whether `counting` reads response fields (`http.response.*`), so counting waits for the response.
    public var countingUsesResponse: Bool
    /// The counter key parts besides the data centre, which is always included.
    public var characteristics: [RateLimitCharacteristic]
    /// The number of requests allowed per period; the action fires when the rate exceeds it.
    public var requests: Int64
    /// The counting period.
    public var period: EdgeDuration
    /// How long the action applies to every matching request of a key once triggered; zero throttles only the
    /// requests over the rate.
    public var mitigationTimeout: EdgeDuration
    /// The action.
    public var action: RateLimitAction
    /// The status sent when the rule blocks (Cloudflare's default is 429).
    public var blockStatus: Int
    /// Count only requests that reach the origin (cache misses); counting then waits for the cache outcome.
    public var requestsToOrigin: Bool
    /// How the model counts.
    public var algorithm: RateLimitAlgorithm
    /// Token-bucket capacity; nil means `requests`.
    public var burst: Int64?
    /// How long a counted request takes to become visible to decisions (Cloudflare's counters lag by a few
    /// seconds); zero by default.
    public var counterLag: EdgeDuration
    /// Whether requests that receive the action are counted too; nil follows Cloudflare: a throttling rule
    /// (`mitigationTimeout` zero) does not count the requests it mitigates, a rule with a timeout does
    /// (`docs/cloudflare-semantics.md`, "Rate limiting: mitigation").
    public var countsMitigatedRequests: Bool?
    /// Disabled rules are ignored.
    public var enabled: Bool

    /// A rule from its parts.
    public init(
        id: String, condition: CompiledExpression, expression: Expression? = nil, counting: CompiledExpression? = nil,
        countingExpression: Expression? = nil, countingUsesResponse: Bool = false,
        characteristics: [RateLimitCharacteristic], requests: Int64,
        period: EdgeDuration, mitigationTimeout: EdgeDuration, action: RateLimitAction = .block, blockStatus: Int = 429,
        requestsToOrigin: Bool = false, algorithm: RateLimitAlgorithm = .cloudflare, burst: Int64? = nil,
        counterLag: EdgeDuration = EdgeDuration(milliseconds: 0), countsMitigatedRequests: Bool? = nil,
        enabled: Bool = true
    ) {
        self.id = id
        self.condition = condition
        self.expression = expression
        self.counting = counting
        self.countingExpression = countingExpression
        self.countingUsesResponse = countingUsesResponse
        self.characteristics = characteristics
        self.requests = requests
        self.period = period
        self.mitigationTimeout = mitigationTimeout
        self.action = action
        self.blockStatus = blockStatus
        self.requestsToOrigin = requestsToOrigin
        self.algorithm = algorithm
        self.burst = burst
        self.counterLag = counterLag
        self.countsMitigatedRequests = countsMitigatedRequests
        self.enabled = enabled
    }

    /// Whether a counting expression reads response fields and so must be counted after the response.
    public static func readsResponseFields(_ expression: Expression) -> Bool {
        expression.fieldsUsed.contains { FieldCatalogue.byName[$0]?.readsResponse == true }
    }

    /// Whether counting waits until the cache or origin outcome is known.
    var countsAfterResponse: Bool { countingUsesResponse || requestsToOrigin }
}

/// The actions a rate limiting rule can take.
public enum RateLimitAction: String, Sendable, CaseIterable {
    /// Stop the request with the rule's block status.
    case block
    /// Interactive challenge.
    case challenge
    /// Managed challenge.
    case managedChallenge = "managed_challenge"
    /// JavaScript challenge.
    case jsChallenge = "js_challenge"
    /// Record and continue.
    case log
}

/// How the model counts requests for a rate limiting rule.
public enum RateLimitAlgorithm: String, Sendable, CaseIterable {
    /// Cloudflare's published sliding-window estimate over two fixed windows aligned to the epoch.
    case cloudflare
    /// The exact number of counted requests in the last period.
    case slidingLog = "sliding_log"
    /// A token bucket refilled at `requests / period` up to `burst` tokens.
    case tokenBucket = "token_bucket"
}
