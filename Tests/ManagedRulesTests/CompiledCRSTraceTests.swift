import EdgeModel
import Foundation
import ManagedRules
import Simulation
import Testing
import Traces

/// The compiled CRS evaluator against libmodsecurity on the example day trace's distinct requests: a fixed
/// sample in every test run, all of them when `EDGEPROOF_CRS_DIFFERENTIAL=all` is set (`make crs-differential`).
@Suite(.enabled(if: CRSAvailability.installed, CRSAvailability.skipMessage))
struct CompiledCRSTraceTests {
    static let tracePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("traces/agenticverz-day.jsonl.gz").path

    /// The trace's distinct requests (client IP left out: CRS's request rules do not read it).
    static func distinctRequests() throws -> [CRSRequest] {
        let reader = try TraceReader(path: tracePath)
        var seen = Set<CRSRequest>()
        var requests: [CRSRequest] = []
        while let record = try reader.next() {
            var request = CRSRequest(TraceRequestBuilder.request(record).http)
            request.clientIP = ""
            if seen.insert(request).inserted { requests.append(request) }
        }
        return requests
    }

    @Test("The day trace's distinct requests get the same rule ids and per-level scores through both evaluators")
    func dayTrace() throws {
        let evaluator = try #require(CompiledCRSDifferential.evaluator)
        let all = try Self.distinctRequests()
        #expect(all.count > 2_000)
        let everything = ProcessInfo.processInfo.environment["EDGEPROOF_CRS_DIFFERENTIAL"] == "all"
        let step = everything ? 1 : 50
        let sample = stride(from: 0, to: all.count, by: step).map { all[$0] }
        let report = CompiledCRSDifferential.compare(sample, evaluator: evaluator)
        print("day trace differential: \(report.summary)")
        let reasons = Dictionary(grouping: evaluator.untranslatedRules, by: \.reason).mapValues { $0.map(\.id) }
        for (reason, ids) in reasons.sorted(by: { $0.key < $1.key }) { print("untranslated \(ids): \(reason)") }
        #expect(
            report.disagreements.isEmpty,
            "\(report.summary)\n\(report.disagreements.prefix(10).joined(separator: "\n"))")
        #expect(report.compiled == report.total, "\(report.summary)")
    }
}
