/// Where a share of clients connect from: a country, the network (autonomous system) they use there, and the
/// Cloudflare data centre that serves them.
public struct CountryShare: Sendable, Equatable {
    /// Two-letter country code, e.g. `SG`.
    public var code: String
    /// Autonomous system number of the clients' network, e.g. 9506 (Singtel).
    public var asn: Int
    /// Data centre (colo) code, e.g. `SIN`.
    public var colo: String
    /// Relative share of clients (finite, ≥ 0).
    public var weight: Double

    /// Creates a share.
    public init(code: String, asn: Int, colo: String, weight: Double) {
        self.code = code
        self.asn = asn
        self.colo = colo
        self.weight = weight
    }
}
