import EdgeCompiler
import EdgeSpec
import TrafficSynthesis

/// Builds synthesiser profiles from the spec: a named `profiles` entry, a profile file's contents, or the default
/// mix over the spec's hosts and routes; and the extra traffic an added profile brings to a what-if.
public enum LoadProfileBuilder {
    /// Why a profile cannot be built.
    public struct Failure: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String

        /// Creates a failure.
        public init(description: String) { self.description = description }
    }

    /// The spec's routes as (host, path), from `hosts[].routes`.
    public static func routes(_ edge: CompiledEdge) -> [(host: String, path: String)] {
        edge.hosts.flatMap { host in host.routes.map { (host: host.name, path: $0) } }
    }

    /// The default mix over the spec's routes.
    public static func defaultMix(_ edge: CompiledEdge, meanRequestsPerSecond: Double) throws -> LoadProfile {
        let routes = routes(edge)
        guard !routes.isEmpty else {
            throw Failure(
                description: "the spec has no hosts with routes to synthesise traffic for; add hosts[].routes")
        }
        return LoadProfile.defaultMix(routes: routes, meanRequestsPerSecond: meanRequestsPerSecond)
    }

    /// A profile from its spec form, over the spec's routes.
    public static func profile(_ spec: ProfileSpec, name: String, edge: CompiledEdge) throws -> LoadProfile {
        let mix = try defaultMix(edge, meanRequestsPerSecond: spec.meanRPS)
        let countries =
            spec.countries.isEmpty
            ? mix.countries
            : spec.countries.map {
                CountryShare(code: $0.code, asn: $0.asn, colo: $0.colo, weight: $0.weight)
            }
        let populations = spec.populations.map {
            Population(kind: SpecEnumMapping.synthesis($0.kind), weight: $0.weight)
        }
        let bursts = spec.bursts.map { burst in
            LoadBurst(
                startOffsetMilliseconds: burst.start.milliseconds, durationMilliseconds: burst.duration.milliseconds,
                multiplier: burst.multiplier, population: burst.population.map(SpecEnumMapping.synthesis))
        }
        return LoadProfile(
            name: name, meanRequestsPerSecond: spec.meanRPS,
            diurnal: DiurnalCurve(peakToTroughRatio: spec.peakToTrough, peakHourUTC: spec.peakHour),
            weekly: WeeklyShape(weights: spec.weekly), bursts: bursts, populations: populations, countries: countries,
            routes: mix.routes, zipfExponent: spec.zipfExponent)
    }

    /// The extra traffic of an added profile for a what-if over a trace averaging `baseRequestsPerSecond` in the
    /// window: a spec profile as declared, or a preset (`bot-wave`, `credential-stuffing`, `traffic-spike`) as the
    /// traffic it adds to the default mix at the trace's rate.
    public static func addedTraffic(
        named name: String, edge: CompiledEdge, baseRequestsPerSecond: Double,
        startMilliseconds: Int64, durationMilliseconds: Int64
    ) throws -> LoadProfile {
        if let declared = edge.profiles.first(where: { $0.key.text == name }) {
            return try profile(declared.value, name: name, edge: edge)
        }
        let preset: WhatIfPreset
        do {
            preset = try WhatIfPreset(named: name)
        } catch {
            throw Failure(description: "no profile or preset is named '\(name)': \(error)")
        }
        let base = try defaultMix(edge, meanRequestsPerSecond: max(0.01, baseRequestsPerSecond))
        let raised: LoadProfile
        do {
            raised = try base.adding(
                preset, startMilliseconds: startMilliseconds, durationMilliseconds: durationMilliseconds)
        } catch {
            throw Failure(description: "\(error)")
        }
        let kinds: Set<PopulationKind> =
            switch preset {
            case .botWave: [.scrapers, .vulnerabilityScanner]
            case .credentialStuffing: [.credentialStuffing]
            case .trafficSpike: [.humans]
            }
        var extra = raised
        extra.name = name
        extra.populations = raised.populations.filter { kinds.contains($0.kind) }
        extra.bursts = raised.bursts.filter { $0.population.map(kinds.contains) ?? true }
        extra.meanRequestsPerSecond = max(0.001, raised.meanRequestsPerSecond - base.meanRequestsPerSecond)
        return extra
    }
}
