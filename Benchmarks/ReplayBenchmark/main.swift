import EdgeCompiler
import EdgeCore
import EdgeSpec
import EdgeWire
import Foundation
import Simulation

/// Measures end-to-end replay: read a native JSONL trace from disk, parse it, run every record through the example
/// spec's edge model, summarise. Usage: `ReplayBenchmark [RECORDS] [DIR] [RUNS] [JOBS] [owasp|no-owasp]` (default
/// 1,000,000 records in /tmp, one run, one job, the example as it is, with the OWASP Core Ruleset; `no-owasp` runs a
/// copy with the ruleset off). JOBS is a comma-separated list of `--jobs` values, each measured in turn. The trace's
/// records come from 24 colos with skewed traffic (the busiest about a quarter, as a zone's nearest data centres).
/// Prints records per second for each run, the median and best of the runs (shared machines are noisy), and peak
/// resident memory; running it with 1 M and 5 M records shows whether memory depends on trace length.

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let directory = arguments.count > 2 ? arguments[2] : NSTemporaryDirectory() + "edgeproof-replay-benchmark"
let runs = max(1, arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1)
let jobCounts = (arguments.count > 4 ? arguments[4] : "1").split(separator: ",").compactMap { Int($0) }.filter {
    $0 > 0
}
let withOWASP = arguments.count > 5 ? arguments[5] != "no-owasp" : true
let path = "\(directory)/replay-colos-\(count).jsonl"

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
    let colos = [
        "SIN", "FRA", "IAD", "BOM", "NRT", "LHR", "SJC", "CDG", "AMS", "HKG", "SYD", "GRU", "ORD", "DFW", "SEA", "ICN",
        "JNB", "MAD", "WAW", "YYZ", "DEL", "KUL", "MXP", "LAX",
    ]
    // Zipf weights 1/rank: the busiest colo takes about a quarter of the requests, the quietest about 1 %.
    let weights = colos.indices.map { 1.0 / Double($0 + 1) }
    let total = weights.reduce(0, +)
    let cumulative = weights.indices.map { weights[...$0].reduce(0, +) / total }
    var buffer = ""
    var time: Int64 = 1_766_188_800_000
    for index in 0..<count {
        time += Int64(generator.next() % 4)
        let draw = Double(generator.next() >> 11) / Double(1 << 53)
        let colo = cumulative.firstIndex { draw < $0 } ?? colos.count - 1
        let target = targets[Int(generator.next() % UInt64(targets.count))]
        let agent = agents[Int(generator.next() % 20 == 0 ? 3 : generator.next() % 3)]
        let ip = "100.\(64 + generator.next() % 64).\(generator.next() % 256).\(generator.next() % 256)"
        buffer +=
            "{\"ts\":\(time),\"ip\":\"\(ip)\",\"method\":\"GET\",\"host\":\"\(target.0)\",\"path\":\"\(target.1)\","
        buffer +=
            "\"query\":\"page=\(generator.next() % 50)\",\"ua\":\"\(agent)\","
            + "\"country\":\"\(countries[Int(generator.next() % 6)])\","
        buffer +=
            "\"asn\":\(generator.next() % 60_000),\"colo\":\"\(colos[colo])\","
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
/// The example with the OWASP Core Ruleset switched off, as `scripts/bench-owasp.sh` makes it: `enabled: true` on the
/// line after `  owasp:` becomes false, and the `expect:` section, whose cases name the ruleset's verdicts, goes.
func withoutOWASP(_ text: String) -> String {
    var lines: [Substring] = []
    var skipping = false, inOWASP = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if let first = line.first, first.isLetter { skipping = line.hasPrefix("expect:") }
        if skipping { continue }
        if line.hasPrefix("  owasp:") { inOWASP = true }
        if inOWASP, line == "    enabled: true" {
            lines.append("    enabled: false")
            inOWASP = false
            continue
        }
        lines.append(line)
    }
    return lines.joined(separator: "\n")
}

let specText = try String(contentsOf: specURL, encoding: .utf8)
let diagnostics = DiagnosticCollector()
guard
    let checked = SpecChecker.check(
        Array((withOWASP ? specText : withoutOWASP(specText)).utf8), file: "edge.yaml", diagnostics: diagnostics),
    let edge = EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics)
else {
    print("the example spec does not compile")
    exit(1)
}
let clock = ContinuousClock()
let label = withOWASP ? "the example" : "the example without OWASP"
for jobs in jobCounts {
    // Each `--jobs` value's first run measures its own peak: writing 5 to clear_refs resets the high-water mark.
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    var firstRunPeakMegabytes = 0.0
    var rates: [Double] = []
    var actions = ""
    var options = ReplayOptions()
    options.jobs = jobs
    for _ in 0..<runs {
        let start = clock.now
        let summary = try Replay.run(edge, paths: [path], options: options, diagnostics: DiagnosticCollector())
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(summary.requests) / seconds)
        print(
            String(
                format: "replay (%@, --jobs %d): %d records in %.2f s = %.0f records/s end to end; peak RSS %.1f MiB",
                label, jobs, summary.requests, seconds, Double(summary.requests) / seconds, peakResidentMegabytes()))
        if firstRunPeakMegabytes == 0 { firstRunPeakMegabytes = peakResidentMegabytes() }
        actions = summary.byAction.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
    let sorted = rates.sorted()
    // Later runs reuse a heap the first one fragmented, so the first run's peak is the one that compares across sizes.
    print(
        String(
            format:
                "replay of %d records (%@, --jobs %d) over %d runs: median %.0f records/s, best %.0f records/s; peak "
                + "RSS %.1f MiB in the first run",
            count, label, jobs, runs, sorted[sorted.count / 2], sorted[sorted.count - 1], firstRunPeakMegabytes))
    print("  actions: \(actions)")
}
