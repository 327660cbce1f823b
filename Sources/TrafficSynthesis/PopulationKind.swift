/// The kinds of client a synthetic trace mixes.
public enum PopulationKind: String, Sendable, CaseIterable, Hashable {
    /// People in browsers: sessions of pages and their assets with think time between pages.
    case humans
    /// Programs calling the API with a bearer key, each at a steady rate.
    case apiClients = "api-clients"
    /// Search-engine crawlers that identify themselves (Googlebot, Bingbot) from their operators' networks.
    case verifiedBots = "verified-bots"
    /// A few hosting addresses walking listing pages in order, fast.
    case scrapers
    /// Login attempts with stolen credentials from many addresses, a few each, answered 401.
    case credentialStuffing = "credential-stuffing"
    /// Vulnerability scanners (sqlmap, Nikto, Nuclei, …) probing well-known paths and injection strings.
    case vulnerabilityScanner = "vulnerability-scanner"
    /// Clients that send no `User-Agent` at all.
    case noUserAgent = "no-user-agent"
}
