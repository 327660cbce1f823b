import RulesLanguage

/// One request as the edge receives it: the HTTP inputs the rules read (with the arrival time in
/// `http.timestampMilliseconds`, the model's only clock), the recorded response when the trace has one, and
/// whether the client solves challenges.
public struct EdgeRequest: Sendable {
    /// The request inputs.
    public var http: HTTPRequest
    /// The recorded response side, used as the origin's answer when present.
    public var response: RecordedResponse?
    /// Whether the client solves (or already holds clearance for) a challenge; unsolved challenges terminate.
    public var solvedChallenge: Bool

    /// A request from its parts.
    public init(_ http: HTTPRequest, response: RecordedResponse? = nil, solvedChallenge: Bool = false) {
        self.http = http
        self.response = response
        self.solvedChallenge = solvedChallenge
    }
}
