import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeWire
import Foundation
import Simulation

/// Measures end-to-end replay: read a native JSONL trace from disk, parse it, run every record through the example
/// spec's edge model, summarise. Usage: `ReplayBenchmark [RECORDS] [DIR] [RUNS]` (default 1,000,000 records in
/// /tmp, one run). Prints records per second for each run, the median and best of the runs (shared machines are
/// noisy), and peak resident memory; running it with 1 M and 5 M records shows whether memory depends on trace
/// length.

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let directory =
    CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : NSTemporaryDirectory() + "edgeproof-replay-benchmark"
let runs = max(1, CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 1 : 1)
let path = "\(directory)/replay-\(count).jsonl"

func writeTrace() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // A file that could not be created makes FileHandle(forWritingTo:) below throw.
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    var generator = SplitMix64(state: 0x5EED)
    let agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0", "agenticverz-sdk/1.4 (python)",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1", "sqlmap/1.8", "",
    ]
    let targets = [
        ("console.agenticverz.com", "/guard/assets/app.js"), ("console.agenticverz.com", "/guard/logo.png"),
        ("api.agenticverz.com", "/v1/incidents"), ("api.agenticverz.com", "/api/guard/status"),
        ("agenticverz.com", "/"),
    ]
    let countries = ["SG", "US", "IN", "JP", "DE", "KP"]
    let colos = ["SIN", "SJC", "BOM", "NRT", "FRA"]
    var buffer = ""
    var time: Int64 = 1_766_188_800_000
    for index in 0..<count {
        time += Int64(generator.next() % 4)
        let target = targets[Int(generator.next() % UInt64(targets.count))]
        let agent = agents[Int(generator.next() % 20 == 0 ? 3 : generator.next() % 3)]
        let ip = "100.\(64 + generator.next() % 64).\(generator.next() % 256).\(generator.next() % 256)"
        buffer +=
            "{\"ts\":\(time),\"ip\":\"\(ip)\",\"method\":\"GET\",\"host\":\"\(target.0)\",\"path\":\"\(target.1)\","
        buffer +=
            "\"query\":\"page=\(generator.next() % 50)\",\"ua\":\"\(agent)\","
            + "\"country\":\"\(countries[Int(generator.next() % 6)])\","
        buffer +=
            "\"asn\":\(generator.next() % 60_000),\"colo\":\"\(colos[Int(generator.next() % 5)])\","
            + "\"headers\":{\"accept\":\"*/*\"}}\n"
        if index % 10_000 == 9_999 {
            handle.write(Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    handle.write(Data(buffer.utf8))
    try handle.close()
}

func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

if !FileManager.default.fileExists(atPath: path) { try writeTrace() }
let specURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("examples/agenticverz/edge.yaml")
let diagnostics = DiagnosticCollector()
guard
    let checked = SpecChecker.check(
        [UInt8](try Data(contentsOf: specURL)), file: "edge.yaml", diagnostics: diagnostics),
    let edge = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
else {
    print("the example spec does not compile")
    exit(1)
}
let clock = ContinuousClock()
var rates: [Double] = []
var actions = ""
var firstRunPeakMegabytes = 0.0
for _ in 0..<runs {
    let start = clock.now
    let summary = try Replay.run(edge, paths: [path], options: ReplayOptions(), diagnostics: DiagnosticCollector())
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    rates.append(Double(summary.requests) / seconds)
    print(
        String(
            format: "replay: %d records in %.2f s = %.0f records/s end to end (one core); peak RSS %.1f MiB",
            summary.requests, seconds, Double(summary.requests) / seconds, peakResidentMegabytes()))
    if rates.count == 1 { firstRunPeakMegabytes = peakResidentMegabytes() }
    actions = summary.byAction.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
if runs > 1 {
    let sorted = rates.sorted()
    // Later runs reuse a heap the first one fragmented, so the first run's peak is the one that compares across sizes.
    print(
        String(
            format:
                "replay of %d records over %d runs: median %.0f records/s, best %.0f records/s; peak RSS %.1f MiB in "
                + "the first run",
            count, runs, sorted[sorted.count / 2], sorted[sorted.count - 1], firstRunPeakMegabytes))
}
print("  actions: \(actions)")
