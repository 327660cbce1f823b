extension LoadProfile {
    /// A realistic mix for a zone's routes, with every population kind present: humans 65%, API clients 15%,
    /// verified bots 5%, scrapers 5%, credential stuffing 3%, vulnerability scanners 2%, no user agent 2%, and 3%
    /// humans from high-risk countries (KP, IR) so geo rules see traffic.
    ///
    /// Clients connect from Singapore (the busiest), the US, India, Japan, Germany, the UK and Australia over
    /// their large consumer networks; the day peaks at 07:00 UTC (afternoon in Singapore) at three times the
    /// night-time rate, and weekends carry 60–70% of a weekday. Routes are ranked by Zipf's law in the order given.
    /// Credential stuffing targets the first route whose path mentions login, sign-in or auth, else
    /// `/v<N>/auth/login` on the API host when API routes are versioned, else `/login`.
    public static func defaultMix(routes: [(host: String, path: String)], meanRequestsPerSecond: Double = 20)
        -> LoadProfile
    {
        LoadProfile(
            name: "default", meanRequestsPerSecond: meanRequestsPerSecond,
            diurnal: DiurnalCurve(peakToTroughRatio: 3, peakHourUTC: 7),
            weekly: WeeklyShape(weights: [1, 1, 1, 1, 0.95, 0.7, 0.6]),
            populations: [
                Population(kind: .humans, weight: 65),
                Population(kind: .apiClients, weight: 15),
                Population(kind: .verifiedBots, weight: 5),
                Population(kind: .scrapers, weight: 5),
                Population(
                    name: PopulationKind.credentialStuffing.rawValue,
                    behaviour: .credentialStuffing(loginRoute(among: routes)), weight: 3),
                Population(kind: .vulnerabilityScanner, weight: 2),
                Population(kind: .noUserAgent, weight: 2),
                Population(
                    name: "high-risk-humans", behaviour: .defaults(for: .humans), weight: 3,
                    countries: [
                        CountryShare(code: "KP", asn: 131279, colo: "SIN", weight: 1),
                        CountryShare(code: "IR", asn: 58224, colo: "FRA", weight: 2),
                    ]),
            ],
            countries: [
                CountryShare(code: "SG", asn: 9506, colo: "SIN", weight: 40),
                CountryShare(code: "US", asn: 7922, colo: "SJC", weight: 20),
                CountryShare(code: "IN", asn: 55836, colo: "BOM", weight: 12),
                CountryShare(code: "JP", asn: 2516, colo: "NRT", weight: 10),
                CountryShare(code: "DE", asn: 3320, colo: "FRA", weight: 7),
                CountryShare(code: "GB", asn: 2856, colo: "LHR", weight: 6),
                CountryShare(code: "AU", asn: 1221, colo: "SYD", weight: 5),
            ],
            routes: routes.map { RouteShare(host: $0.host, path: $0.path) })
    }

    /// Credential-stuffing parameters aimed at the zone's login route (see `defaultMix`).
    static func loginRoute(among routes: [(host: String, path: String)]) -> CredentialStuffingParameters {
        let markers = ["login", "signin", "sign-in", "auth"]
        if let login = routes.first(where: { route in markers.contains { route.path.lowercased().contains($0) } }) {
            return CredentialStuffingParameters(loginHost: login.host, loginPath: login.path)
        }
        let api = routes.first { RouteCatalog.looksLikeAPI(host: $0.host, path: $0.path) }
        guard let api else { return CredentialStuffingParameters(loginHost: routes.first?.host, loginPath: "/login") }
        let segments = api.path.split(separator: "/")
        if let version = segments.first, version.count >= 2, version.first == "v",
            version.dropFirst().allSatisfy(\.isNumber)
        {
            return CredentialStuffingParameters(loginHost: api.host, loginPath: "/\(version)/auth/login")
        }
        return CredentialStuffingParameters(loginHost: api.host, loginPath: "/login")
    }
}
