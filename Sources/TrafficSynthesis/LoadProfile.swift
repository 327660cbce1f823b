/// A description of traffic to synthesize: how much, when, from whom and to which routes.
///
/// The rate at time t is `meanRequestsPerSecond × diurnal(t) × weekly(t) × bursts(t)`, summed over the
/// populations in proportion to their weights and scaled so that its mean over the synthesized duration is exactly
/// `meanRequestsPerSecond`: the shapes say when traffic comes, the mean says how much. A burst restricted to one
/// population multiplies only that population's share.
public struct LoadProfile: Sendable, Equatable {
    /// Name used in reports, e.g. `default` or `default+bot-wave`.
    public var name: String
    /// Mean requests a second over the whole duration, all populations together (0 … 1,000,000).
    public var meanRequestsPerSecond: Double
    /// The daily rhythm.
    public var diurnal: DiurnalCurve
    /// The weekly rhythm.
    public var weekly: WeeklyShape
    /// Windows of raised (or lowered) rate.
    public var bursts: [LoadBurst]
    /// The client populations and their shares (at least one with weight > 0).
    public var populations: [Population]
    /// Where clients connect from (at least one with weight > 0).
    public var countries: [CountryShare]
    /// The routes clients request (at least one).
    public var routes: [RouteShare]
    /// Exponent of Zipf's law over `routes` when they carry no weights (finite, ≥ 0; 0 is uniform).
    public var zipfExponent: Double

    /// Creates a profile.
    public init(
        name: String, meanRequestsPerSecond: Double, diurnal: DiurnalCurve = .flat, weekly: WeeklyShape = .flat,
        bursts: [LoadBurst] = [], populations: [Population], countries: [CountryShare], routes: [RouteShare],
        zipfExponent: Double = 1.1
    ) {
        self.name = name
        self.meanRequestsPerSecond = meanRequestsPerSecond
        self.diurnal = diurnal
        self.weekly = weekly
        self.bursts = bursts
        self.populations = populations
        self.countries = countries
        self.routes = routes
        self.zipfExponent = zipfExponent
    }
}
