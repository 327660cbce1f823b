import Testing

@testable import TrafficSynthesis

private func rejection(_ change: (inout LoadProfile) -> Void) -> SynthesisError? {
    var profile = LoadProfile.defaultMix(routes: exampleRoutes)
    change(&profile)
    do {
        _ = try TraceSynthesizer(
            profile: profile, seed: 1, startMilliseconds: synthDayStart, durationMilliseconds: 60_000)
        return nil
    } catch {
        return error
    }
}

private func field(_ error: SynthesisError?) -> String? {
    if case let .invalidProfile(field, _) = error { return field }
    return nil
}

@Test func synthRejectsInvalidProfilesNamingTheField() {
    #expect(rejection { _ in } == nil)
    #expect(field(rejection { $0.meanRequestsPerSecond = -1 }) == "meanRequestsPerSecond")
    #expect(field(rejection { $0.meanRequestsPerSecond = .nan }) == "meanRequestsPerSecond")
    #expect(field(rejection { $0.meanRequestsPerSecond = 2e6 }) == "meanRequestsPerSecond")
    #expect(field(rejection { $0.diurnal.peakToTroughRatio = 0.5 }) == "diurnal.peakToTroughRatio")
    #expect(field(rejection { $0.diurnal.peakHourUTC = 24 }) == "diurnal.peakHourUTC")
    #expect(field(rejection { $0.weekly = WeeklyShape(weights: [1, 1]) }) == "weekly.weights")
    #expect(field(rejection { $0.weekly = WeeklyShape(weights: [0, 0, 0, 0, 0, 0, 0]) }) == "weekly.weights")
    #expect(
        field(
            rejection { $0.bursts = [LoadBurst(startOffsetMilliseconds: -1, durationMilliseconds: 1, multiplier: 2)] })
            == "bursts[0].startOffsetMilliseconds")
    #expect(
        field(
            rejection {
                $0.bursts = [LoadBurst(startOffsetMilliseconds: .max, durationMilliseconds: 10, multiplier: 2)]
            })
            == "bursts[0].durationMilliseconds")
    #expect(
        field(
            rejection {
                $0.bursts = [LoadBurst(startOffsetMilliseconds: 0, durationMilliseconds: 1, multiplier: .infinity)]
            })
            == "bursts[0].multiplier")
    #expect(
        field(
            rejection { $0.bursts = [LoadBurst(startOffsetMilliseconds: 0, durationMilliseconds: 1, multiplier: 1e9)] })
            == "bursts[0].multiplier")
    #expect(field(rejection { $0.populations = [] }) == "populations")
    #expect(field(rejection { $0.populations[2].weight = -3 }) == "populations[2].weight")
    #expect(
        field(
            rejection { profile in
                profile.populations = profile.populations.map {
                    var p = $0; p.weight = 0; return p
                }
            })
            == "populations")
    #expect(
        field(rejection { $0.populations[0].behaviour = .humans(HumanSessionParameters(thinkTimeMeanMilliseconds: 0)) })
            == "populations[0].thinkTimeMeanMilliseconds")
    #expect(
        field(rejection { $0.populations[1].behaviour = .apiClients(APIClientParameters(clientCount: 0)) })
            == "populations[1].clientCount")
    #expect(
        field(rejection { $0.populations[3].behaviour = .scrapers(ScraperParameters(requestsPerSecond: 0)) })
            == "populations[3].requestsPerSecond")
    #expect(
        field(
            rejection {
                $0.populations[4].behaviour = .credentialStuffing(CredentialStuffingParameters(loginPath: "login"))
            })
            == "populations[4].loginPath")
    #expect(
        field(
            rejection {
                $0.populations[5].behaviour = .vulnerabilityScanner(ScannerParameters(requestsPerScanMean: 0.5))
            })
            == "populations[5].requestsPerScanMean")
    #expect(field(rejection { $0.countries = [] }) == "countries")
    #expect(field(rejection { $0.countries[0].code = "SGP" }) == "countries[0].code")
    #expect(field(rejection { $0.countries[0].asn = -1 }) == "countries[0].asn")
    #expect(field(rejection { $0.populations[7].countries = [] }) == "populations[7].countries")
    #expect(field(rejection { $0.routes = [] }) == "routes")
    #expect(field(rejection { $0.routes[0].path = "v1" }) == "routes[0].path")
    #expect(field(rejection { $0.routes[0].weight = 2 }) == "routes")
    #expect(field(rejection { $0.zipfExponent = -1 }) == "zipfExponent")
    #expect(
        field(
            rejection {
                $0.bursts = [LoadBurst(startOffsetMilliseconds: 0, durationMilliseconds: 60_000, multiplier: 0)]
            })
            == "bursts")
}

@Test func synthNeedsNoCountriesForPopulationsWithTheirOwnNetworks() throws {
    var profile = LoadProfile.defaultMix(routes: exampleRoutes)
    profile.countries = []
    profile.populations = [Population(kind: .scrapers, weight: 1), Population(kind: .vulnerabilityScanner, weight: 1)]
    let (_, statistics) = try synthesize(profile, duration: 600_000)
    #expect(statistics.totalRecords > 0)
}

@Test func synthRejectsWindowsOutOfRange() {
    let profile = LoadProfile.defaultMix(routes: exampleRoutes)
    for (start, duration) in [
        (Int64(-1), Int64(1_000)), (synthDayStart, 0), (synthDayStart, 401 * 86_400_000), (Int64.max - 10, 60_000),
    ] {
        #expect(throws: SynthesisError.self) {
            _ = try TraceSynthesizer(
                profile: profile, seed: 1, startMilliseconds: start, durationMilliseconds: duration)
        }
    }
    let message = SynthesisError.invalidProfile(
        field: "zipfExponent",
        reason: "must be a finite number ≥ 0 (got -1.0)"
    )
    .description
    #expect(message == "invalid load profile: zipfExponent must be a finite number ≥ 0 (got -1.0)")
}

@Test func synthZeroRateWritesNothing() throws {
    let (bytes, statistics) = try synthesize(
        LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 0), duration: 600_000)
    #expect(bytes.isEmpty)
    #expect(
        statistics.totalRecords == 0 && statistics.maximumRecordsPerMinute == 0
            && statistics.recordsPerMinute.count == 10)
}

@Test func synthDefaultMixAimsCredentialStuffingAtTheLoginRoute() {
    func login(_ routes: [(host: String, path: String)]) -> CredentialStuffingParameters {
        let profile = LoadProfile.defaultMix(routes: routes)
        guard case let .credentialStuffing(parameters) = profile.populations[4].behaviour else { return .init() }
        return parameters
    }
    #expect(
        login(exampleRoutes)
            == CredentialStuffingParameters(loginHost: "api.agenticverz.com", loginPath: "/v1/auth/login"))
    #expect(
        login([("www.example.com", "/"), ("www.example.com", "/account/signin")])
            == CredentialStuffingParameters(loginHost: "www.example.com", loginPath: "/account/signin"))
    #expect(
        login([("www.example.com", "/"), ("api.example.com", "/orders")])
            == CredentialStuffingParameters(loginHost: "api.example.com", loginPath: "/login"))
    #expect(
        login([("www.example.com", "/")])
            == CredentialStuffingParameters(loginHost: "www.example.com", loginPath: "/login"))
    let profile = LoadProfile.defaultMix(routes: exampleRoutes)
    #expect(profile.countries.first?.code == "SG" && profile.countries.first?.colo == "SIN")
    #expect(profile.countries.map(\.code) == ["SG", "US", "IN", "JP", "DE", "GB", "AU"])
    #expect(profile.populations.reduce(0) { $0 + $1.weight } == 100)
}

@Test func synthPresetsByNameWithSuggestions() throws {
    #expect(try WhatIfPreset(named: "bot-wave") == .botWave)
    #expect(throws: SynthesisError.unknownPreset(name: "bot-wav", suggestion: "bot-wave")) {
        try WhatIfPreset(named: "bot-wav")
    }
    #expect(throws: SynthesisError.unknownPreset(name: "zzz", suggestion: nil)) { try WhatIfPreset(named: "zzz") }
    #expect(
        SynthesisError.unknownPreset(name: "bot-wav", suggestion: "bot-wave").description
            == "unknown load profile preset 'bot-wav'; did you mean 'bot-wave'? (presets: bot-wave, "
            + "credential-stuffing, traffic-spike)"
    )
}

@Test func synthBotWaveAddsTwentyTimesTheBotsAndKeepsEveryoneElse() throws {
    let base = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 20)
    let wave = try base.adding(.botWave, startMilliseconds: synthDayStart, durationMilliseconds: 1_800_000)
    #expect(wave.name == "default+bot-wave")
    // Scrapers and scanners are 7% of the base; at 20 times they add 19 × 7% of it.
    #expect(abs(wave.meanRequestsPerSecond / base.meanRequestsPerSecond - (1 + 19 * 0.07)) < 1e-9)
    let before = try synthesizeCounting(base, duration: 1_800_000).statistics
    let after = try synthesizeCounting(wave, duration: 1_800_000).statistics
    for kind in [PopulationKind.humans, .apiClients, .verifiedBots, .noUserAgent, .credentialStuffing] {
        #expect(abs(Double(after.records(of: kind)) / Double(before.records(of: kind)) - 1) < 0.02, "\(kind)")
    }
    let bots = { (s: SynthesisStatistics) in Double(s.records(of: .scrapers) + s.records(of: .vulnerabilityScanner)) }
    #expect((13...28).contains(bots(after) / bots(before)))
}

@Test func synthTrafficSpikeRaisesPeopleForHalfAnHourInTheMiddle() throws {
    var base = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 10)
    base.diurnal = .flat
    let spike = try base.adding(.trafficSpike, startMilliseconds: synthDayStart, durationMilliseconds: 7_200_000)
    #expect(
        spike.bursts == [
            LoadBurst(
                startOffsetMilliseconds: 2_700_000, durationMilliseconds: 1_800_000, multiplier: 5, population: .humans)
        ])
    let (_, humans) = try synthesizeCounting(spike, duration: 7_200_000, matching: isHumanRequest)
    // Sessions last about half a minute, so skip a minute at each edge.
    let inside = Double(humans[46..<74].reduce(0, +)) / 28
    let outside = Double(humans[0..<44].reduce(0, +) + humans[76..<120].reduce(0, +)) / 88
    #expect((4.3...5.7).contains(inside / outside))
}

@Test func synthCredentialStuffingPresetAddsAPopulationWhereThereWasNone() throws {
    var base = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 10)
    base.populations.removeAll { $0.kind == .credentialStuffing }
    let campaign = try base.adding(.credentialStuffing, startMilliseconds: synthDayStart, durationMilliseconds: 600_000)
    let added = try #require(campaign.populations.last)
    #expect(added.kind == .credentialStuffing)
    // 3% of the traffic at 10 times: 30% more than the base.
    #expect(abs(campaign.meanRequestsPerSecond / base.meanRequestsPerSecond - (1 + 0.03 / 0.97 * 10)) < 1e-9)
    let statistics = try synthesizeCounting(campaign, duration: 600_000).statistics
    let share = Double(statistics.records(of: .credentialStuffing)) / Double(statistics.totalRecords)
    #expect(abs(share - 0.3 / 1.3) < 0.03)
    #expect(throws: SynthesisError.self) {
        _ = try base.adding(.botWave, startMilliseconds: synthDayStart, durationMilliseconds: 0)
    }
}
