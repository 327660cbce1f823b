/// Vulnerability scans: one hosting address runs one tool (sqlmap, Nikto, Nuclei, …) through its probes.
public struct ScannerParameters: Sendable, Equatable {
    /// Mean requests of one scan (geometric, ≥ 1).
    public var requestsPerScanMean: Double
    /// Mean requests a second during a scan (> 0).
    public var requestsPerSecond: Double

    /// Creates parameters.
    public init(requestsPerScanMean: Double = 60, requestsPerSecond: Double = 8) {
        self.requestsPerScanMean = requestsPerScanMean
        self.requestsPerSecond = requestsPerSecond
    }
}
