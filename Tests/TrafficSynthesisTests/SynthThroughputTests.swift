import Foundation
import Testing
import Traces

@testable import TrafficSynthesis

/// Prints synthesis throughput when `EDGEPROOF_SYNTH_BENCH` is set (build with `-c release` for figures worth
/// quoting): the default mix for the example spec's routes, written to a file.
@Test(.enabled(if: ProcessInfo.processInfo.environment["EDGEPROOF_SYNTH_BENCH"] != nil))
func synthThroughput() throws {
    let seconds = Int64(ProcessInfo.processInfo.environment["EDGEPROOF_SYNTH_BENCH_SECONDS"].flatMap(Int64.init) ?? 600)
    let profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 2_000)
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: 1, startMilliseconds: synthDayStart, durationMilliseconds: seconds * 1000)
    let path = synthScratchPath("throughput.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try NativeTraceWriter(path: path)
    let clock = ContinuousClock()
    var statistics: SynthesisStatistics?
    let elapsed = try clock.measure { statistics = try synthesizer.write(to: writer) }
    try writer.finish()
    let records = statistics?.totalRecords ?? 0
    let time = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(
        "synth throughput: \(records) records, \(size / records) bytes a record, \(String(format: "%.2f", time)) s, "
            + "\(Int(Double(records) / time)) records/s, peak live clients \(statistics?.peakActiveSessions ?? 0) "
            + "(bound \(statistics?.activeSessionBound ?? 0))")
    #expect(records > 0)
}
