/// How people browse: a session opens a page and its assets, waits, opens another page of the same site, and so on.
public struct HumanSessionParameters: Sendable, Equatable {
    /// Mean pages a session opens (geometric, ≥ 1).
    public var pagesPerSessionMean: Double
    /// Mean think time between pages, milliseconds (exponential, > 0).
    public var thinkTimeMeanMilliseconds: Double
    /// Mean gap between successive requests while a page loads its assets, milliseconds (exponential, ≥ 0).
    public var assetDelayMeanMilliseconds: Double
    /// After the first page of a site, the chance that a page fetches each asset again (0 … 1; the rest come from
    /// the browser cache).
    public var assetRefetchProbability: Double
    /// Share of sessions over IPv6 (0 … 1).
    public var ipv6Share: Double

    /// Creates parameters; the defaults describe a typical console or marketing site.
    public init(
        pagesPerSessionMean: Double = 4, thinkTimeMeanMilliseconds: Double = 8_000,
        assetDelayMeanMilliseconds: Double = 40, assetRefetchProbability: Double = 0.1, ipv6Share: Double = 0.15
    ) {
        self.pagesPerSessionMean = pagesPerSessionMean
        self.thinkTimeMeanMilliseconds = thinkTimeMeanMilliseconds
        self.assetDelayMeanMilliseconds = assetDelayMeanMilliseconds
        self.assetRefetchProbability = assetRefetchProbability
        self.ipv6Share = ipv6Share
    }
}
