/// Scrapers: a few hosting addresses, each run walking one listing route page by page (`page=1`, `page=2`, …)
/// at a fixed pace.
public struct ScraperParameters: Sendable, Equatable {
    /// Distinct addresses the scrapers use (1 … 10,000).
    public var addressCount: Int
    /// Requests a second of one run (> 0).
    public var requestsPerSecond: Double
    /// Mean pages of one run (geometric, ≥ 1).
    public var pagesPerRunMean: Double

    /// Creates parameters.
    public init(addressCount: Int = 6, requestsPerSecond: Double = 5, pagesPerRunMean: Double = 300) {
        self.addressCount = addressCount
        self.requestsPerSecond = requestsPerSecond
        self.pagesPerRunMean = pagesPerRunMean
    }
}
