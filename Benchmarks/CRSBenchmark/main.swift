import EdgeModel
import Foundation
import ManagedRules
import Simulation
import Traces

/// Measures the OWASP Core Rule Set evaluators on one core: the compiled evaluator and libmodsecurity, on the
/// distinct requests of a trace (client IP left out, since CRS's request rules do not read it). The compiled
/// evaluator is timed on its first pass, its outcome cache starting empty, and on later passes. One pass scores every
/// paranoia level at once, so the figure holds for PL1 and PL2 alike. Also prints how many requests the
/// compiled evaluator handed to libmodsecurity and how many verdicts differ.
/// Usage: `CRSBenchmark [TRACE] [RUNS] [compiled-only]` (default: the example day trace, 3 runs); `compiled-only`
/// times the compiled evaluator alone, for profiling it.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let tracePath =
    CommandLine.arguments.count > 1
    ? CommandLine.arguments[1] : root.appendingPathComponent("traces/agenticverz-day.jsonl.gz").path
let runs = max(1, CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 3 : 3)
let compiledOnly = CommandLine.arguments.count > 3 && CommandLine.arguments[3] == "compiled-only"

func distinctRequests() throws -> [CRSRequest] {
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

@inline(never)
func measure(_ name: String, _ requests: [CRSRequest], _ evaluate: (CRSRequest) -> ManagedRulesVerdict) {
    var rates: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        for request in requests { _ = evaluate(request) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        rates.append(Double(requests.count) / seconds)
    }
    let sorted = rates.sorted()
    print(
        "\(name): median \(Int(sorted[sorted.count / 2])) requests/s, best \(Int(sorted.last ?? 0)) requests/s "
            + "(\(requests.count) requests, \(runs) runs, one thread, paranoia levels 1-4 in one pass)")
}

do {
    let requests = try distinctRequests()
    let loadStart = DispatchTime.now().uptimeNanoseconds
    let reference = try ModSecurityEngine()
    let loaded = DispatchTime.now().uptimeNanoseconds
    let compiled = try CompiledCRSEvaluator(reference: reference)
    let compiledAt = DispatchTime.now().uptimeNanoseconds
    print(
        "libmodsecurity loads CRS in \((loaded - loadStart) / 1_000_000) ms; the compiled evaluator compiles it in "
            + "\((compiledAt - loaded) / 1_000_000) ms more")
    let start = DispatchTime.now().uptimeNanoseconds
    for request in requests { _ = compiled.evaluate(request) }
    let firstPass = Double(requests.count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    print(
        "compiled evaluator, first pass (outcome cache starting empty): "
            + "\(Int(firstPass)) requests/s (\(requests.count) requests, one thread, paranoia levels 1-4 in one pass)")
    if compiledOnly {
        measure("compiled evaluator, later passes (outcome cache warm)", requests) { compiled.evaluate($0) }
        exit(0)
    }
    var differing = 0
    for request in requests where compiled.evaluate(request) != reference.evaluate(request) { differing += 1 }
    let statistics = compiled.statistics
    print(
        "\(requests.count) distinct requests from \(tracePath); \(statistics.fallbacks) evaluated by libmodsecurity "
            + "(fallback); \(differing) verdicts differ; \(compiled.untranslatedRules.count) rules not translated")
    measure("compiled evaluator, later passes (outcome cache warm)", requests) { compiled.evaluate($0) }
    measure("libmodsecurity 3.0.9", requests) { reference.evaluate($0) }
} catch {
    print("CRSBenchmark: \(error)")
    exit(2)
}
