import Foundation
import Testing

@testable import TrafficSynthesis

@Test func synthDefaultMixHasEveryPopulationInItsShare() throws {
    var profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 100)
    // Shorter scraper runs than the default 300 pages, so 5% of 100k records are many runs, not a handful.
    profile.populations[3].behaviour = .scrapers(ScraperParameters(pagesPerRunMean: 40))
    var fromHighRiskCountries = 0
    let (statistics, _) = try synthesizeCounting(profile, seed: 21, duration: 1_000_000) { request in
        if request.country == "KP" || request.country == "IR" { fromHighRiskCountries += 1 }
        return true
    }
    let total = Double(statistics.totalRecords)
    #expect(abs(total - 100_000) <= 5 * clusteredSigma(expected: 100_000, clusterMean: 9))
    #expect(Set(statistics.populations.map(\.kind)) == Set(PopulationKind.allCases))
    // Shares within five standard deviations of a compound Poisson count (clusters: sessions, runs, scans) plus half
    // a percentage point.
    let expectations: [(name: String, share: Double, cluster: Double)] = [
        ("humans", 0.65, 9), ("api-clients", 0.15, 1), ("verified-bots", 0.05, 1), ("scrapers", 0.05, 40),
        ("credential-stuffing", 0.03, 3), ("vulnerability-scanner", 0.02, 60), ("no-user-agent", 0.02, 1),
        ("high-risk-humans", 0.03, 9),
    ]
    for expectation in expectations {
        let count = try #require(statistics.populations.first { $0.name == expectation.name }).records
        let sigma = clusteredSigma(expected: expectation.share * 100_000, clusterMean: expectation.cluster) / total
        #expect(abs(Double(count) / total - expectation.share) <= 5 * sigma + 0.005, "\(expectation.name): \(count)")
    }
    #expect(statistics.records(of: .humans) == statistics.populations[0].records + statistics.populations[7].records)
    // The high-risk countries appear only through their own population.
    #expect(fromHighRiskCountries == statistics.populations[7].records)
}

@Test func synthRoutesFollowZipfsLawWhenUnweighted() throws {
    var profile = singleRequestProfile(mean: 50)
    profile.populations = [Population(kind: .noUserAgent, weight: 1)]
    var paths: [String: Int] = [:]
    _ = try synthesizeCounting(profile, duration: 1_200_000) { request in
        paths["\(request.host ?? "")\(request.path ?? "")", default: 0] += 1
        return true
    }
    let first = Double(paths["api.agenticverz.com/v1/incidents"] ?? 0)
    let second = Double(paths["api.agenticverz.com/v1/incidents/summary"] ?? 0)
    let tenth = Double(paths["console.agenticverz.com/favicon.ico"] ?? 0)
    #expect(abs(first / second / pow(2, 1.1) - 1) < 0.06)
    #expect(abs(first / tenth / pow(10, 1.1) - 1) < 0.15)
    #expect(paths.count == exampleRoutes.count)
}

@Test func synthRoutesFollowTheirWeightsWhenGiven() throws {
    var profile = singleRequestProfile(mean: 20)
    profile.populations = [Population(kind: .noUserAgent, weight: 1)]
    profile.routes = [
        RouteShare(host: "a.example", path: "/x", weight: 1), RouteShare(host: "a.example", path: "/y", weight: 3),
        RouteShare(host: "a.example", path: "/never", weight: 0),
    ]
    var y = 0, never = 0
    let (statistics, _) = try synthesizeCounting(profile, duration: 600_000) { request in
        if request.path == "/y" { y += 1 }
        if request.path == "/never" { never += 1 }
        return true
    }
    #expect(abs(Double(y) / Double(statistics.totalRecords) - 0.75) < 0.02)
    #expect(never == 0)
}
