/// What the clients of one population do, with the parameters of their kind.
public enum PopulationBehaviour: Sendable, Equatable {
    /// Browser sessions.
    case humans(HumanSessionParameters)
    /// Keyed API clients.
    case apiClients(APIClientParameters)
    /// Self-identifying search crawlers.
    case verifiedBots
    /// Page-walking scrapers.
    case scrapers(ScraperParameters)
    /// Login attempts with stolen credentials.
    case credentialStuffing(CredentialStuffingParameters)
    /// Vulnerability scanners.
    case vulnerabilityScanner(ScannerParameters)
    /// Requests without a user agent.
    case noUserAgent

    /// The kind of client.
    public var kind: PopulationKind {
        switch self {
        case .humans: .humans
        case .apiClients: .apiClients
        case .verifiedBots: .verifiedBots
        case .scrapers: .scrapers
        case .credentialStuffing: .credentialStuffing
        case .vulnerabilityScanner: .vulnerabilityScanner
        case .noUserAgent: .noUserAgent
        }
    }

    /// The behaviour of `kind` with default parameters.
    public static func defaults(for kind: PopulationKind) -> PopulationBehaviour {
        switch kind {
        case .humans: .humans(HumanSessionParameters())
        case .apiClients: .apiClients(APIClientParameters())
        case .verifiedBots: .verifiedBots
        case .scrapers: .scrapers(ScraperParameters())
        case .credentialStuffing: .credentialStuffing(CredentialStuffingParameters())
        case .vulnerabilityScanner: .vulnerabilityScanner(ScannerParameters())
        case .noUserAgent: .noUserAgent
        }
    }
}
