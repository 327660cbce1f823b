import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import EdgeWire
import Foundation
import Testing

@testable import Simulation

@Test func littlesLawGivesConcurrencyAndMachines() {
    let concurrency = CapacityModel.concurrency(requestsPerSecond: 100, latencyMilliseconds: 80)
    #expect(concurrency == 8)
    let model = CapacityModel(softLimitPerMachine: 200, hardLimitPerMachine: 250, machines: 2)
    #expect(model.machinesNeeded(forConcurrency: concurrency) == 1)
    #expect(model.machinesNeeded(forConcurrency: 401) == 3)
    let minutes = Array(repeating: 10.0, count: 99) + [600]
    let assessment = model.assess(minutes)
    #expect(assessment.p99 == 10, "the single 600 minute is above the 99th percentile of 100 minutes")
    #expect(assessment.minutesOverHardLimit == 1, "600 > 250 × 2")
}

@Test func theExamplesBillIsReproducedFromItsOwnAssumptions() throws {
    // docs/costs.md, "Worked example": the example's costs at 100K incidents/month, 500 input + 200 output tokens
    // each at gpt-4o-mini's catalogue prices; 2 machines at its $10; Upstash at $0.20/100K; Neon Pro $19;
    // Cloudflare Pro from the catalogue; Grafana free; Better Uptime $20.
    let usage = CostModel.Usage(
        incidentsPerMonth: 100_000, tokensInPerMonth: 50_000_000, tokensOutPerMonth: 20_000_000,
        redisCommandsPerDay: 10_000_000.0 / 30, machines: 2)
    let (lines, warnings) = CostModel(edge: try example()).monthly(usage)
    let bill = Dictionary(uniqueKeysWithValues: lines.map { ($0.service, $0.monthly) })
    #expect(bill["OpenAI API"] == 19.5, "the worked example's arithmetic: $7.50 input + $12.00 output")
    #expect(bill["Upstash Redis"] == 20, "10M commands a month at $0.20/100K")
    #expect(bill["Fly.io"] == 20)
    #expect(
        bill["Neon PostgreSQL"] == 19 && bill["Cloudflare"] == 20 && bill["Grafana Cloud"] == 0
            && bill["Better Uptime"] == 20)
    #expect(lines.reduce(0) { $0 + $1.monthly } == 118.5)
    #expect(warnings.isEmpty)
    #expect(lines.count == 7, "nothing the spec does not name is billed: \(lines.map(\.service))")
}

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func example() throws -> CompiledEdge {
    let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml")))
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics))
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

@Test func scalingAddsClientsWithTheSameBehaviour() throws {
    let scenarios = [
        WhatIfScenario(name: "1x", scale: 1), WhatIfScenario(name: "3x", scale: 3),
        WhatIfScenario(name: "half", scale: 0.5),
    ]
    let (results, _) = try WhatIf.run(
        try example(), trace: [root.appendingPathComponent("traces/scraper.jsonl").path],
        scenarios: scenarios, options: ReplayOptions(), diagnostics: DiagnosticCollector())
    #expect(results.map(\.name) == ["1x", "3x", "half"])
    #expect(results[0].summary.requests == 600 && results[1].summary.requests == 1800)
    #expect(
        results[1].summary.rateLimitTriggers["api-per-ip"] == 3 * 500,
        "each copy of the scraper is limited like the original")
    #expect(results[1].summary.rateLimitKeys["api-per-ip"]?.count == 3)
    #expect(
        [0, 600].contains(results[2].summary.requests), "a fraction keeps whole clients: the single scraper or none")
}

@Test func whatIfParsesOnceAndMatchesSeparateReplays() throws {
    let edge = try example()
    let path = root.appendingPathComponent("traces/agenticverz-day.jsonl.gz").path
    let (results, _) = try WhatIf.run(
        edge, trace: [path], scenarios: [WhatIfScenario(name: "1x", scale: 1)], options: ReplayOptions(),
        diagnostics: DiagnosticCollector())
    let separate = try Replay.run(edge, paths: [path], options: ReplayOptions(), diagnostics: DiagnosticCollector())
    #expect(results[0].summary.byAction == separate.byAction)
    #expect(results[0].summary.byCacheStatus == separate.byCacheStatus)
    #expect(results[0].summary.appUsage.incidents == separate.appUsage.incidents)
}

@Test func appRoutePatternsMatchLikeOriginRoutes() {
    func matches(_ pattern: String, _ path: String) -> Bool {
        StarGlob(starsIn: Array(pattern.utf8)).matches(Array(path.utf8))
    }
    #expect(matches("/v1/incidents", "/v1/incidents") && !matches("/v1/incidents", "/v1/incidents/7"))
    #expect(matches("/v1/*", "/v1/incidents/7") && matches("/v1/*", "/v1/") && !matches("/v1/*", "/v2/x"))
    #expect(matches("/v1/*/summary", "/v1/incidents/summary") && !matches("/v1/*/summary", "/v1/incidents/list"))
    #expect(matches("*.js", "/guard/app.js") && !matches("*.js", "/guard/app.css"))
}
