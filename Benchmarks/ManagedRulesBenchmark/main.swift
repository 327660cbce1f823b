import EdgeCore
import EdgeModel
import Foundation
import ManagedRules
import Simulation
import Traces

/// Measures the OWASP Core Rule Set as the model runs it: libmodsecurity's requests per second on one core and on
/// every core, with the rules of paranoia level 1, of levels 1–2, and of every level (what the model runs, one pass
/// scoring all four); then, for a trace, how many distinct memo keys it has and the hit rate of a memo of the
/// default size read in trace order. Usage: `ManagedRulesBenchmark [TRACE] [REQUESTS]` (defaults: the example's
/// day trace, 2,000 requests).

let arguments = CommandLine.arguments
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let tracePath = arguments.count > 1 ? arguments[1] : root.appendingPathComponent("traces/agenticverz-day.jsonl.gz").path
let sampleSize = arguments.count > 2 ? Int(arguments[2]) ?? 2_000 : 2_000
let cores = ProcessInfo.processInfo.activeProcessorCount

/// The requests of `path` in file order, each as the managed rules phase sees it.
func requests(of path: String, body: (CRSRequest) -> Void) {
    let diagnostics = DiagnosticCollector()
    do {
        var source = try MergedTraceSource(
            paths: [path], format: .auto, options: TraceReaderOptions(), diagnostics: diagnostics)
        var record = TraceRecord()
        while try source.next(into: &record) { body(CRSRequest(TraceRequestBuilder.request(record).http)) }
    } catch {
        print("cannot read \(path): \(error)")
        exit(2)
    }
}

/// The processor time this process has used, in seconds (on a shared host, wall time mostly measures the others).
func processorSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Wall and processor seconds taken by `work`.
func seconds(_ work: () -> Void) -> (wall: Double, processor: Double) {
    let start = DispatchTime.now().uptimeNanoseconds, processorStart = processorSeconds()
    work()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, processorSeconds() - processorStart)
}

let addressUse: CRSClientAddressUse
do {
    let evaluator = try ModSecurityEngines.memoisedEvaluator()
    addressUse = evaluator.addressUse
} catch {
    print("\(error)")
    exit(2)
}

// The trace's distinct requests, as a memo would see them, and the hit rate of a memo of the default size.
var records = 0
var sample: [CRSRequest] = []
var sampled: Set<VerdictMemoKey> = []
var distinct: Set<VerdictMemoKey> = []
var distinctWithAddress: Set<VerdictMemoKey> = []
let memo = VerdictMemo()
requests(of: tracePath) { request in
    records += 1
    let key = VerdictMemoKey(request, addressUse: addressUse)
    distinct.insert(key)
    distinctWithAddress.insert(VerdictMemoKey(request, addressUse: .whole(reason: "benchmark")))
    if memo.verdict(for: key) == nil { memo.store(.clean, for: key) }
    if sample.count < sampleSize, sampled.insert(key).inserted { sample.append(request) }
}
let statistics = memo.statistics
print("trace \(tracePath): \(records) records")
print(
    "  distinct memo keys: \(distinct.count) (\(distinctWithAddress.count) if the client address were kept whole)")
print(
    "  memo of \(memo.capacity) entries in trace order: \(statistics.hits) hits, \(statistics.misses) misses, "
        + String(format: "hit rate %.1f%%, %d evictions", statistics.hitRate * 100, statistics.evictions))

// libmodsecurity's speed on the trace's first distinct requests.
print("libmodsecurity 3 + CRS \(CRSInstallation.version) on \(sample.count) distinct requests of the trace:")
for level in [1, 2, 4] {
    let engine: ModSecurityEngine
    do {
        engine = try ModSecurityEngine(executingParanoiaLevel: level)
    } catch {
        print("\(error)")
        exit(2)
    }
    let requests = sample
    _ = requests.prefix(50).map(engine.evaluate)
    let single = seconds { for request in requests { _ = engine.evaluate(request) } }
    let parallel = seconds {
        DispatchQueue.concurrentPerform(iterations: cores) { worker in
            for index in stride(from: worker, to: requests.count, by: cores) { _ = engine.evaluate(requests[index]) }
        }
    }
    let label = level == 4 ? "every level (as the model runs it)" : "paranoia level \(level)"
    let count = Double(requests.count)
    print(
        String(
            format: "  %@: %.0f requests a processor-second on one thread (%.0f us each), %.0f a processor-second "
                + "on %d threads; wall: %.0f requests/s on one thread, %.0f on %d",
            label, count / single.processor, single.processor / count * 1e6, count / parallel.processor, cores,
            count / single.wall, count / parallel.wall, cores))
}
