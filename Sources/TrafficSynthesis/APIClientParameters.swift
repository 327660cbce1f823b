/// A pool of API clients: each has its own address, key (`authorization: Bearer key-0042`) and a steady share of
/// the population's rate.
public struct APIClientParameters: Sendable, Equatable {
    /// Number of clients in the pool (1 … 100,000).
    public var clientCount: Int
    /// Zipf exponent of the clients' rates (0: all alike; 1: the first client twice as busy as the second).
    public var rateSkew: Double
    /// Share of requests that are POSTs, on routes that are not health, status or metrics endpoints (0 … 1).
    public var postFraction: Double
    /// User agents of the client libraries; each client keeps one.
    public var userAgents: [String]

    /// Creates parameters.
    public init(
        clientCount: Int = 40, rateSkew: Double = 0.8, postFraction: Double = 0.15,
        userAgents: [String] = AutomatedUserAgents.apiClients
    ) {
        self.clientCount = clientCount
        self.rateSkew = rateSkew
        self.postFraction = postFraction
        self.userAgents = userAgents
    }
}
