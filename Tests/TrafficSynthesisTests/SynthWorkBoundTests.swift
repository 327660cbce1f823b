import Foundation
import Testing

@testable import TrafficSynthesis

/// Twenty-six adjacent one-second bursts of ×2 in one minute: no instant is covered by more than one of them.
private let adjacentBursts = (0..<26).map {
    LoadBurst(startOffsetMilliseconds: 10_000 + Int64($0) * 1_000, durationMilliseconds: 1_000, multiplier: 2)
}

@Test func adjacentBurstsBoundTheThinningByTheirOwnMultiplier() {
    let profile = singleRequestProfile(mean: 10, bursts: adjacentBursts)
    let shape = IntensityShape(profile: profile, kind: .apiClients, startMilliseconds: synthDayStart)
    // A flat profile: the bound is the one burst in force (×2), not the product of all bursts in the minute (2^26).
    let peak = ArrivalProcess.peakIntensity(shape: shape, scale: 1, start: 0, end: 60_000)
    #expect(abs(peak - 2) < 1e-9)
    #expect(shape.nextBurstEdge(after: 10_500) == 11_000)
    #expect(shape.nextBurstEdge(after: 36_000) == .infinity)
}

@Test func adjacentBurstsDoubleTheRateInsideThemOnly() throws {
    let profile = singleRequestProfile(mean: 200, bursts: adjacentBursts)
    var inside = 0, outside = 0
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: 5, startMilliseconds: synthDayStart, durationMilliseconds: 60_000)
    _ = try synthesizer.generate { request in
        let offset = (request.timestampMs ?? 0) - synthDayStart
        if (10_000..<36_000).contains(offset) { inside += 1 } else { outside += 1 }
    }
    // 26 s at twice the rate of the other 34 s.
    let ratio = Double(inside) / 26 / (Double(outside) / 34)
    #expect(abs(ratio - 2) < 0.15)
}

@Test func theWarmUpNeverOutlastsTheWindow() throws {
    // Human sessions last minutes: an uncut warm-up would be an hour of dropped requests before a one-second trace.
    var profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 20_000)
    profile.diurnal = .flat
    profile.weekly = .flat
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: 3, startMilliseconds: synthDayStart, durationMilliseconds: 1_000)
    #expect(synthesizer.warmUpMilliseconds <= 1_000)
    // The cut warm-up is made up by more arrivals: the second still holds its mean rate.
    let (statistics, _) = try synthesizeCounting(profile, seed: 3, duration: 1_000)
    #expect(abs(Double(statistics.totalRecords) - 20_000) <= 5 * clusteredSigma(expected: 20_000, clusterMean: 9))
    // A long window keeps the full warm-up (six mean spans, at most an hour).
    let long = try TraceSynthesizer(
        profile: profile, seed: 3, startMilliseconds: synthDayStart, durationMilliseconds: 7_200_000)
    #expect(long.warmUpMilliseconds > 1_000 && long.warmUpMilliseconds <= 3_600_000)
}
