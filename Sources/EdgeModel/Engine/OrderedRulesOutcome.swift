import EdgeWire

/// What a phase whose rules run in order decided for one request, the same for WAF custom rules and rate limiting
/// rules: the rule whose action stopped the request, or else the first rule whose action was only recorded (`log`,
/// or a challenge the client had solved) and lets the request go on (`docs/cloudflare-semantics.md`, "WAF custom
/// rules").
struct OrderedRulesOutcome {
    /// The rule whose action stopped the request, or -1.
    private(set) var terminatingRule = -1
    /// The terminating action.
    private(set) var action = EdgeAction.allow
    /// The status sent when terminated.
    private(set) var status = 200
    /// The first rule whose action was recorded without stopping the request, or -1.
    private(set) var recordedRule = -1
    /// The recorded rule's action: `log`, or `allow` after a solved challenge.
    private(set) var recordedAction = EdgeAction.log
    /// Whether the client had solved a challenge a rule would have issued.
    private(set) var solvedChallenge = false

    /// Stops the request at rule `index` with `action`, sending `status`.
    mutating func terminate(_ index: Int, _ action: EdgeAction, status: Int) {
        terminatingRule = index
        self.action = action
        self.status = status
    }

    /// Records that rule `index` logged the request; true when it is the first rule recorded.
    @discardableResult
    mutating func log(_ index: Int) -> Bool {
        record(index, .log)
    }

    /// Records that the client had solved the challenge of rule `index`; true when it is the first rule recorded.
    @discardableResult
    mutating func solveChallenge(_ index: Int) -> Bool {
        solvedChallenge = true
        return record(index, .allow)
    }

    private mutating func record(_ index: Int, _ action: EdgeAction) -> Bool {
        guard recordedRule < 0 else { return false }
        recordedRule = index
        recordedAction = action
        return true
    }
}
