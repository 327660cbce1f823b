import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Simulation

/// Compares `whatif` over four scales (the trace parsed once, every scenario run on the colos' lanes) with four
/// separate replays, one per scale, each reading and parsing the trace itself and running alone; both with `--jobs`
/// at its default, the number of cores. Usage: `WhatIfBenchmark TRACE [SCALES]` (default scales 1,2,5,10). Use the
/// 1,000,000-record trace `ReplayBenchmark` writes.

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    print("usage: WhatIfBenchmark TRACE [SCALES]")
    exit(2)
}
let trace = arguments[1]
let scales = (arguments.count > 2 ? arguments[2] : "1,2,5,10").split(separator: ",").compactMap { Double($0) }
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
let scenarios = scales.map { WhatIfScenario(name: "\($0)x", scale: $0) }
var options = ReplayOptions()
options.jobs = ProcessInfo.processInfo.activeProcessorCount
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let together = try clock.measure {
    _ = try WhatIf.run(
        edge, trace: [trace], scenarios: scenarios, options: options, diagnostics: DiagnosticCollector())
}
let separately = try clock.measure {
    for scenario in scenarios {
        _ = try WhatIf.run(
            edge, trace: [trace], scenarios: [scenario], options: options, diagnostics: DiagnosticCollector())
    }
}
print(
    String(
        format: "whatif, %d scales in one run (parsed once, --jobs %d): %.2f s", scenarios.count, options.jobs,
        seconds(together)))
print(String(format: "four separate replays, one per scale:                 %.2f s", seconds(separately)))
print(String(format: "speed-up: %.2fx", seconds(separately) / seconds(together)))
