/// One group of clients in a load profile: what they do and their share of all requests.
public struct Population: Sendable, Equatable {
    /// Name used in statistics, e.g. `humans` or `high-risk-humans`.
    public var name: String
    /// What the clients do.
    public var behaviour: PopulationBehaviour
    /// Relative share of requests (finite, ≥ 0); the profile's weights need not add up to 1.
    public var weight: Double
    /// Where these clients connect from; nil for the profile's `countries`. Ignored by kinds that bring their
    /// own networks (verified bots, scrapers and scanners use crawler and hosting networks).
    public var countries: [CountryShare]?

    /// Creates a population.
    public init(name: String, behaviour: PopulationBehaviour, weight: Double, countries: [CountryShare]? = nil) {
        self.name = name
        self.behaviour = behaviour
        self.weight = weight
        self.countries = countries
    }

    /// A population of `kind` with default parameters, named after the kind.
    public init(kind: PopulationKind, weight: Double, countries: [CountryShare]? = nil) {
        self.init(name: kind.rawValue, behaviour: .defaults(for: kind), weight: weight, countries: countries)
    }

    /// The kind of client.
    public var kind: PopulationKind { behaviour.kind }
}
