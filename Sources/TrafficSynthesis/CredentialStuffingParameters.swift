/// Credential stuffing: POSTs to one login route, each address trying a few leaked credentials and moving on;
/// every attempt is recorded with the origin's `status: 401`.
public struct CredentialStuffingParameters: Sendable, Equatable {
    /// Host of the login route; nil for the host of the profile's first route.
    public var loginHost: String?
    /// Path of the login route.
    public var loginPath: String
    /// Mean attempts from one address (geometric, ≥ 1).
    public var attemptsPerAddressMean: Double
    /// Mean gap between one address's attempts, milliseconds (exponential, ≥ 0).
    public var attemptGapMeanMilliseconds: Double

    /// Creates parameters.
    public init(
        loginHost: String? = nil, loginPath: String = "/login", attemptsPerAddressMean: Double = 3,
        attemptGapMeanMilliseconds: Double = 2_000
    ) {
        self.loginHost = loginHost
        self.loginPath = loginPath
        self.attemptsPerAddressMean = attemptsPerAddressMean
        self.attemptGapMeanMilliseconds = attemptGapMeanMilliseconds
    }
}
