import Testing

@testable import TrafficSynthesis

/// An hour at 2,000 requests a second of the default mix, generated and dropped: the schedule of live clients
/// stays under the documented bound (`TraceSynthesizer.activeSessionBound`), however long the trace.
@Test func synthLiveClientsStayBoundedOverAnHourAtTwoThousandPerSecond() throws {
    let profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 2_000)
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: 3, startMilliseconds: synthDayStart, durationMilliseconds: 3_600_000)
    var dropped = 0
    let statistics = try synthesizer.generate { _ in dropped += 1 }
    #expect(statistics.totalRecords == dropped)
    #expect(abs(Double(dropped) / 7_200_000 - 1) < 0.02)
    #expect(statistics.peakActiveSessions > 0)
    #expect(statistics.peakActiveSessions <= synthesizer.activeSessionBound)
    #expect(synthesizer.activeSessionBound < 20_000)
}
