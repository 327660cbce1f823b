import Foundation
import Traces

@testable import TrafficSynthesis

/// The routes of the example spec's hosts (examples/agenticverz/edge.yaml).
let exampleRoutes: [(host: String, path: String)] = [
    ("api.agenticverz.com", "/v1/incidents"), ("api.agenticverz.com", "/v1/incidents/summary"),
    ("api.agenticverz.com", "/api/guard/status"), ("api.agenticverz.com", "/health"),
    ("api.agenticverz.com", "/metrics"),
    ("console.agenticverz.com", "/guard"), ("console.agenticverz.com", "/guard/assets/app.js"),
    ("console.agenticverz.com", "/guard/assets/app.css"), ("console.agenticverz.com", "/guard/logo.png"),
    ("console.agenticverz.com", "/favicon.ico"), ("ops.agenticverz.com", "/"),
    ("ops.agenticverz.com", "/assets/ops.js"),
    ("ops.agenticverz.com", "/assets/ops.css"), ("verify.agenticverz.com", "/verify"), ("agenticverz.com", "/"),
    ("agenticverz.com", "/favicon.ico"), ("agenticverz.com", "/logo.png"),
]

/// 2025-12-20T00:00:00Z (a Saturday).
let synthDayStart: Int64 = 1_766_188_800_000

/// A profile of single-request populations only, so per-minute counts are plain Poisson.
func singleRequestProfile(
    mean: Double, diurnal: DiurnalCurve = .flat, weekly: WeeklyShape = .flat, bursts: [LoadBurst] = []
) -> LoadProfile {
    var profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: mean)
    profile.diurnal = diurnal
    profile.weekly = weekly
    profile.bursts = bursts
    profile.populations = [
        Population(kind: .apiClients, weight: 6), Population(kind: .verifiedBots, weight: 1),
        Population(kind: .noUserAgent, weight: 3),
    ]
    return profile
}

/// Synthesizes into memory; returns the bytes and the statistics.
func synthesize(
    _ profile: LoadProfile, seed: UInt64 = 7, start: Int64 = synthDayStart, duration: Int64
) throws -> (bytes: [UInt8], statistics: SynthesisStatistics) {
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: seed, startMilliseconds: start, durationMilliseconds: duration)
    let writer = NativeTraceWriter()
    let statistics = try synthesizer.write(to: writer)
    return (writer.output, statistics)
}

/// A scratch file path under the temporary directory.
func synthScratchPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("edgeproof-synth-\(getpid())-\(name)").path
}

/// Generates without writing; returns the statistics and, per minute, the count of requests `matching`.
func synthesizeCounting(
    _ profile: LoadProfile, seed: UInt64 = 7, start: Int64 = synthDayStart, duration: Int64,
    matching: (TraceRecordBuilder) -> Bool = { _ in true }
) throws -> (statistics: SynthesisStatistics, matchingPerMinute: [Int]) {
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: seed, startMilliseconds: start, durationMilliseconds: duration)
    var perMinute = [Int](repeating: 0, count: Int((duration + 59_999) / 60_000))
    let statistics = try synthesizer.generate { request in
        if matching(request), let timestamp = request.timestampMs { perMinute[Int((timestamp - start) / 60_000)] += 1 }
    }
    return (statistics, perMinute)
}

/// The standard deviation of a total made of clusters of geometric size with mean `clusterMean` arriving as a
/// Poisson process, when the total is expected to be `expected` (compound Poisson: Var = N × E[K²] / E[K]).
func clusteredSigma(expected: Double, clusterMean: Double) -> Double {
    (expected * (2 * clusterMean - 1)).squareRoot()
}

/// Whether a request came from a person's browser (a corpus user agent, a GET, no recorded status).
func isHumanRequest(_ request: TraceRecordBuilder) -> Bool {
    request.method == "GET" && request.status == nil
        && BrowserUserAgents.corpus.contains { $0.userAgent == request.userAgent }
}

/// Reads every record of a synthesized trace with the trace reader; returns the records and the reader (for its
/// diagnostics).
func readAll(bytes: [UInt8]) throws -> (records: [TraceRecord], reader: TraceReader) {
    let reader = TraceReader(bytes: bytes, name: "synth.trace", format: .native, options: TraceReaderOptions())
    var records: [TraceRecord] = []
    while let record = try reader.next() { records.append(record) }
    return (records, reader)
}
