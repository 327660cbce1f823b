import Foundation
import Testing

@testable import TrafficSynthesis

@Test func synthRandomStreamsAreSeededAndIndependent() {
    var a = SynthesisRandom(seed: 42), b = SynthesisRandom(seed: 42), c = SynthesisRandom(seed: 42, stream: 1)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(first != (0..<8).map { _ in c.next() })
    var random = SynthesisRandom(seed: 9)
    let draws = 200_000
    var geometricSum = 0, exponentialSum = 0.0, belowCounts = [Int](repeating: 0, count: 5)
    for _ in 0..<draws {
        geometricSum += random.geometric(mean: 4)
        exponentialSum += random.exponential(mean: 8_000)
        belowCounts[random.below(5)] += 1
    }
    #expect(abs(Double(geometricSum) / Double(draws) - 4) < 0.05)
    #expect(abs(exponentialSum / Double(draws) / 8_000 - 1) < 0.01)
    #expect(belowCounts.allSatisfy { abs(Double($0) / Double(draws) - 0.2) < 0.005 })
    #expect(random.geometric(mean: 1) == 1)
}

@Test func synthAliasSamplerDrawsInProportion() {
    let sampler = AliasSampler(weights: [5, 0, 1, 2, 2])
    var random = SynthesisRandom(seed: 3)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<100_000 { counts[sampler.draw(&random)] += 1 }
    #expect(counts[1] == 0)
    for (index, weight) in [0.5, 0, 0.1, 0.2, 0.2].enumerated() {
        #expect(abs(Double(counts[index]) / 100_000 - weight) < 0.006)
    }
}

@Test func synthWeeklyCurveMovesFromNoonToNoon() {
    let curve = WeeklyCurve(WeeklyShape(weights: [2, 2, 2, 2, 2, 1, 3]))
    let mean = 2.0
    // 2025-12-20 is a Saturday (index 5), 2025-12-21 a Sunday (index 6), 2025-12-22 a Monday.
    let saturdayNoon = Double(synthDayStart) + 43_200_000
    #expect(abs(curve.value(atMilliseconds: saturdayNoon) - 1 / mean) < 1e-12)
    #expect(abs(curve.value(atMilliseconds: saturdayNoon + 86_400_000) - 3 / mean) < 1e-12)
    #expect(abs(curve.value(atMilliseconds: saturdayNoon + 43_200_000) - 2 / mean) < 1e-12)
    #expect(abs(curve.value(atMilliseconds: saturdayNoon + 2 * 86_400_000) - 2 / mean) < 1e-12)
    #expect(abs(curve.value(atMilliseconds: saturdayNoon + 7 * 86_400_000) - 1 / mean) < 1e-12)
}

@Test func synthDiurnalCurveHasItsRatioAndAMeanOfOne() {
    let curve = DiurnalCurve(peakToTroughRatio: 3, peakHourUTC: 7)
    let peak = curve.value(atMilliseconds: Double(synthDayStart) + 7 * 3_600_000)
    let trough = curve.value(atMilliseconds: Double(synthDayStart) + 19 * 3_600_000)
    #expect(abs(peak / trough - 3) < 1e-9)
    let samples = (0..<1440).map { curve.value(atMilliseconds: Double(synthDayStart) + Double($0) * 60_000) }
    #expect(abs(samples.reduce(0, +) / 1440 - 1) < 1e-9)
}

@Test func synthShapeIntegralAndBoundsAgreeWithSampling() {
    let profile = LoadProfile(
        name: "t", meanRequestsPerSecond: 1, diurnal: DiurnalCurve(peakToTroughRatio: 6, peakHourUTC: 3),
        weekly: WeeklyShape(weights: [1, 2, 3, 4, 5, 6, 7]),
        bursts: [LoadBurst(startOffsetMilliseconds: 3_600_000, durationMilliseconds: 1_000_000, multiplier: 3)],
        populations: [Population(kind: .noUserAgent, weight: 1)], countries: [],
        routes: [RouteShare(host: "a", path: "/")])
    let start = 0.0, end = 3 * 86_400_000.0
    let shape = IntensityShape(profile: profile, kind: .noUserAgent, startMilliseconds: synthDayStart + 1_234_567)
    var sampled = 0.0, time = start
    while time < end {
        sampled += shape.value(at: time + 500) * 1_000
        time += 1_000
    }
    #expect(abs(shape.integral(from: start, to: end) / sampled - 1) < 1e-4)
    // The burst (an hour in, 1,000 s long, ×3) shows.
    #expect(abs(shape.value(at: 4_000_000) / shape.value(at: 4_000_000 + 700_000) - 3) < 0.2)
    var from = start
    while from < end {
        let to = from + 60_000
        let bound = shape.upperBound(from: from, to: to)
        for step in 0...60 { #expect(shape.value(at: from + Double(step) * 1_000) <= bound + 1e-12) }
        from = to + 3_600_000 * 0.37
    }
}

@Test func synthClientAddressesArePublicUnicast() {
    var random = SynthesisRandom(seed: 5)
    let networks = [("SG", 9506), ("US", 7922), ("KP", 131279), ("IR", 58224), ("ZZ", 64512), ("BR", 28573)]
    for (country, asn) in networks {
        let addresses = CountryAddresses(country: country, asn: asn)
        for _ in 0..<2_000 {
            let address = addresses.ipv4(&random)
            let bits = UInt32(truncatingIfNeeded: address.low)
            let first = bits >> 24, second = (bits >> 16) & 0xFF
            #expect(![0, 10, 127].contains(first) && first < 224)
            #expect(!(first == 100 && (64...127).contains(second)) && !(first == 172 && (16...31).contains(second)))
            #expect(!(first == 192 && second == 168) && !(first == 169 && second == 254))
            #expect(bits & 0xFF != 0 && bits & 0xFF != 255)
            if country == "KP" { #expect(bits >> 10 == (175 << 14 | 45 << 6 | 176 >> 2)) }
            let v6 = addresses.ipv6(&random)
            if country != "KP" { #expect(v6.family == .v6 && v6.high >> 61 == 1) }
        }
    }
}

@Test func synthRouteCatalogSortsRoutesByRole() {
    let catalog = RouteCatalog(exampleRoutes.map { RouteShare(host: $0.host, path: $0.path) }, zipfExponent: 1.1)
    let pages = Set(catalog.pageIndices.map { "\(catalog.routes[$0].host)\(catalog.routes[$0].path)" })
    #expect(
        pages == [
            "console.agenticverz.com/guard", "ops.agenticverz.com/", "verify.agenticverz.com/verify",
            "agenticverz.com/",
        ])
    let apis = Set(catalog.apiIndices.map { catalog.routes[$0].path })
    #expect(apis == ["/v1/incidents", "/v1/incidents/summary", "/api/guard/status", "/health", "/metrics"])
    #expect(Set(catalog.listingIndices.map { catalog.routes[$0].path }) == ["/v1/incidents", "/v1/incidents/summary"])
    let console = catalog.hostOfRoute[5]
    #expect(
        catalog.hostAssets[console].map { catalog.routes[$0].path }
            == ["/guard/assets/app.js", "/guard/assets/app.css", "/guard/logo.png", "/favicon.ico"])
}
