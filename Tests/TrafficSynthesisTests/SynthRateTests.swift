import Foundation
import Testing

@testable import TrafficSynthesis

@Test func synthFlatProfileGivesPoissonCountsPerMinute() throws {
    let (statistics, _) = try synthesizeCounting(singleRequestProfile(mean: 50), duration: 3_600_000)
    let expected = 3_000.0, sigma = expected.squareRoot()
    #expect(statistics.recordsPerMinute.count == 60)
    for count in statistics.recordsPerMinute { #expect(abs(Double(count) - expected) <= 5 * sigma) }
    #expect(Double(statistics.minimumRecordsPerMinute) >= expected - 5 * sigma)
    #expect(Double(statistics.maximumRecordsPerMinute) <= expected + 5 * sigma)
    #expect(abs(Double(statistics.totalRecords) - 180_000) <= 5 * 180_000.0.squareRoot())
    // Poisson counts: variance close to the mean (the dispersion index of 60 minutes has a
    // standard deviation ≈ 0.18).
    let mean = Double(statistics.totalRecords) / 60
    let squares = statistics.recordsPerMinute.map { (Double($0) - mean) * (Double($0) - mean) }
    let variance = squares.reduce(0, +) / 59
    #expect((0.4...1.8).contains(variance / mean))
}

@Test func synthDiurnalPeakHourOverTroughHourFollowsTheRatio() throws {
    let curve = DiurnalCurve(peakToTroughRatio: 4, peakHourUTC: 6)
    let (statistics, _) = try synthesizeCounting(singleRequestProfile(mean: 2, diurnal: curve), duration: 86_400_000)
    let minutes = statistics.recordsPerMinute
    let peak = Double(minutes[330..<390].reduce(0, +))
    let trough = Double(minutes[1050..<1110].reduce(0, +))
    // The hour-long average of 1 + a·cos around the peak and the trough, a = (4 − 1) / (4 + 1).
    let smoothing = sin(Double.pi / 24) / (Double.pi / 24)
    let expectedRatio = (1 + 0.6 * smoothing) / (1 - 0.6 * smoothing)
    #expect(abs(peak / trough / expectedRatio - 1) < 0.1)
    #expect(abs(Double(statistics.totalRecords) / 172_800 - 1) < 0.015)
}

@Test func synthMeanOverAPartialWindowIsTheProfileMean() throws {
    // Six hours of a shaped week, starting in the trough of the day on a Sunday: the shape is renormalised over the
    // window, so the mean is still the profile's.
    let profile = singleRequestProfile(
        mean: 10, diurnal: DiurnalCurve(peakToTroughRatio: 5, peakHourUTC: 12),
        weekly: WeeklyShape(weights: [1, 1, 1, 1, 1, 0.5, 0.25]))
    let sunday = synthDayStart + 86_400_000
    let (statistics, _) = try synthesizeCounting(profile, start: sunday, duration: 6 * 3_600_000)
    #expect(abs(Double(statistics.totalRecords) - 216_000) <= 5 * 216_000.0.squareRoot())
    // …and the curve still shows: the last hour (04:00–05:00, rising towards noon) is busier than the first.
    let minutes = statistics.recordsPerMinute
    let firstHour = minutes[0..<60].reduce(0, +), lastHour = minutes[300..<360].reduce(0, +)
    #expect(Double(lastHour) > 1.2 * Double(firstHour))
}

@Test func synthBurstRaisesItsPopulationInItsWindowOnly() throws {
    let burst = LoadBurst(
        startOffsetMilliseconds: 300_000, durationMilliseconds: 300_000, multiplier: 4, population: .noUserAgent)
    let profile = singleRequestProfile(mean: 20, bursts: [burst])
    let (statistics, noUserAgent) = try synthesizeCounting(profile, duration: 1_200_000) { $0.userAgent == nil }
    // Weights 6 : 1 : 3 (API, bots, no user agent); inside the burst the shape is 0.6 + 0.1 + 4 × 0.3 = 1.9. The mean
    // of 20/s over 20 minutes fixes the rate at shape 1: 20 × 1200 / (15 × 1 + 5 × 1.9) / 60 per second.
    let base = 20.0 * 1200 / (15 + 5 * 1.9)
    for (minute, count) in statistics.recordsPerMinute.enumerated() {
        let expected = (5..<10).contains(minute) ? base * 1.9 : base
        #expect(abs(Double(count) - expected) <= 5 * expected.squareRoot(), "minute \(minute)")
    }
    let inside = Double(noUserAgent[5..<10].reduce(0, +)) / 5
    let outsideCount = noUserAgent[0..<5].reduce(0, +) + noUserAgent[10..<20].reduce(0, +)
    let outside = Double(outsideCount) / 15
    #expect(abs(inside / outside / 4 - 1) < 0.12)
    #expect(abs(outside - base * 0.3) <= 5 * (base * 0.3 / 15).squareRoot())
}

@Test func synthSessionPopulationsAreWarmFromTheFirstMinute() throws {
    // People browse in sessions of minutes; sessions begun before the window still send requests in its first minute.
    var profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 30)
    profile.populations = [Population(kind: .humans, weight: 1)]
    profile.diurnal = .flat
    profile.weekly = .flat
    let (statistics, _) = try synthesizeCounting(profile, duration: 900_000)
    let first = Double(statistics.recordsPerMinute[0])
    let rest = Double(statistics.recordsPerMinute[1...].reduce(0, +)) / 14
    #expect(abs(first / rest - 1) < 0.15)
    #expect(abs(Double(statistics.totalRecords) - 27_000) <= 5 * clusteredSigma(expected: 27_000, clusterMean: 9))
}
