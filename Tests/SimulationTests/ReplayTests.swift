import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// The repository root, found from this file's path.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func example() throws -> CompiledEdge {
    let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml")))
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics))
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

private func temporaryFile(_ name: String) -> String {
    NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-\(name)"
}

@Test func scraperIsRateLimitedAfterOneHundredRequests() throws {
    let summary = try Replay.run(
        try example(), paths: [root.appendingPathComponent("traces/scraper.jsonl").path],
        options: ReplayOptions(), diagnostics: DiagnosticCollector())
    #expect(summary.requests == 600)
    #expect(summary.byAction["allow"] == 100)
    #expect(summary.rateLimitTriggers["api-per-ip"] == 500)
    #expect(summary.rateLimitKeys["api-per-ip"]?.keys.sorted() == ["ip.src=88.99.12.34 cf.colo.id=FRA"])
}

@Test func cacheWarmUpMissesOncePerColoAndKey() throws {
    let summary = try Replay.run(
        try example(), paths: [root.appendingPathComponent("traces/cache-warm-up.jsonl").path],
        options: ReplayOptions(), diagnostics: DiagnosticCollector())
    let colos = 7, assets = 4
    #expect(
        summary.byCacheStatus["MISS"] == colos * assets + 1,
        "one MISS per colo and asset, plus the new query-string key")
    #expect(summary.byCacheStatus["DYNAMIC"] == 60, "the HTML page is not cached by default")
    #expect(summary.byCacheStatus["HIT"] == 302 - 60 - colos * assets - 1)
}

@Test func decisionsAreWrittenInInputOrderWhenRecordsArriveShuffled() throws {
    let trace = temporaryFile("shuffled.jsonl"), decisions = temporaryFile("decisions.jsonl")
    let times = [5, 1, 3, 2, 4, 0, 9, 7, 8, 6]
    let lines = times.map {
        "{\"ts\":\(1_766_188_800 + $0),\"ip\":\"100.64.0.\($0)\",\"host\":\"agenticverz.com\",\"path\":\"/p\($0)\","
            + "\"ua\":\"x\"}"
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: trace, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.decisionsPath = decisions
    let summary = try Replay.run(try example(), paths: [trace], options: options, diagnostics: DiagnosticCollector())
    #expect(summary.requests == 10 && summary.lateRecords == 0)
    let written = try String(contentsOfFile: decisions, encoding: .utf8).split(separator: "\n")
    #expect(written.count == 10)
    for (index, line) in written.enumerated() {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == index + 1)
        #expect(object["line"] as? Int == index + 1)
        #expect(object["ts"] as? Int == (1_766_188_800 + times[index]) * 1000)
        // The example deploys the OWASP Core Ruleset, so every evaluated request carries its scores.
        #expect(
            Set(object.keys) == ["n", "line", "ts", "action", "phase", "rule", "status", "cache", "origin", "owasp"])
    }
}

@Test func recordedOutcomesAreComparedAndExamplesRedacted() throws {
    let trace = temporaryFile("recorded.jsonl")
    let lines = [
        #"{"ts":1766188800000,"ip":"100.64.0.1","host":"api.agenticverz.com","path":"/v1/incidents","#
            + #""query":"token=abc&page=1","ua":"sqlmap/1.7","headers":{"Authorization":"Bearer s3cr3t"},"#
            + #""edge":{"action":"block","rule":"block-bad-bots","cache":"UNKNOWN"}}"#,
        #"{"ts":1766188801000,"ip":"100.64.0.2","host":"api.agenticverz.com","path":"/v1/incidents","#
            + #""query":"token=abc","ua":"Mozilla/5.0","headers":{"Authorization":"Bearer s3cr3t"},"#
            + #""edge":{"action":"block","cache":"UNKNOWN"}}"#,
    ]
    try (lines.joined(separator: "\n") + "\n").write(toFile: trace, atomically: true, encoding: .utf8)
    var options = ReplayOptions()
    options.redactor = Redactor(queryParameters: ["token"])
    let summary = try Replay.run(try example(), paths: [trace], options: options, diagnostics: DiagnosticCollector())
    #expect(summary.actionAgreement["block"]?["block"] == 1)
    #expect(summary.actionAgreement["block"]?["allow"] == 1)
    #expect(summary.actionAgreementRatio == 0.5)
    let example = try #require(summary.disagreements.first)
    #expect(example.contains("token=REDACTED") && example.contains("Authorization=REDACTED"))
    #expect(!example.contains("s3cr3t") && !example.contains("abc"))
    let report = SummaryRenderer.json(summary).pretty + SummaryRenderer.text(summary)
    #expect(!report.contains("s3cr3t"))
}

@Test func thresholdsBreakAndHold() throws {
    let summary = try Replay.run(
        try example(), paths: [root.appendingPathComponent("traces/scraper.jsonl").path],
        options: ReplayOptions(), diagnostics: DiagnosticCollector())
    let strict = try ThresholdSpec.parse(metric: "block_rate", condition: "<0.1%", range: .wholeFile("x")).get()
    let loose = try ThresholdSpec.parse(metric: "block_rate", condition: "<90%", range: .wholeFile("x")).get()
    #expect(ThresholdCheck.broken([strict], in: summary).count == 1)
    #expect(ThresholdCheck.broken([loose], in: summary).isEmpty)
}

@Test func sharedCombinedLogGetsADecisionForEveryRecord() throws {
    let path = root.deletingLastPathComponent().appendingPathComponent("shared/traces/apache-combined-2015-10k.log")
        .path
    guard FileManager.default.fileExists(atPath: path) else {
        print("skip: \(path) not found (the shared traces are optional)")
        return
    }
    let decisions = temporaryFile("apache.jsonl")
    var options = ReplayOptions()
    options.decisionsPath = decisions
    let diagnostics = DiagnosticCollector()
    let summary = try Replay.run(try example(), paths: [path], options: options, diagnostics: diagnostics)
    #expect(summary.requests == 10_000, "9,999 well-formed lines and line 8,899 repaired")
    #expect(diagnostics.diagnostics.contains { $0.range.start.line == 8_899 })
    #expect(summary.lateRecords == 0, "lines are shuffled within a minute, inside the 120 s window")
    let written = try String(contentsOfFile: decisions, encoding: .utf8).split(separator: "\n")
    #expect(written.count == 10_000)
    #expect(written.last?.contains("\"n\":10000") == true)
}

@Test func aDecisionsFileOnAFullFileSystemFailsTheReplayAndKeepsTheOldFile() throws {
    let directory = temporaryFile("full")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    guard mount("tmpfs", directory, "tmpfs", 0, "size=64k") == 0 else {
        print("skip: cannot mount a 64 KiB tmpfs (needs root)")
        return
    }
    defer { umount(directory) }
    let decisions = directory + "/decisions.jsonl"
    try "the previous run's decisions\n".write(toFile: decisions, atomically: false, encoding: .utf8)
    var options = ReplayOptions()
    options.decisionsPath = decisions
    do {
        _ = try Replay.run(
            try example(), paths: [root.appendingPathComponent("traces/scraper.jsonl").path], options: options,
            diagnostics: DiagnosticCollector())
        Issue.record("600 decisions fit in 64 KiB")
    } catch {
        #expect("\(error)" == "cannot write \(decisions): No space left on device; free some space or write elsewhere")
    }
    #expect(try String(contentsOfFile: decisions, encoding: .utf8) == "the previous run's decisions\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["decisions.jsonl"])
}

@Test func aWriteFailureMidwayIsReportedWithItsCause() throws {
    var options = ReplayOptions()
    options.decisionsPath = "/dev/full"
    do {
        let summary = try Replay.run(
            try example(), paths: [root.appendingPathComponent("traces/agenticverz-day.jsonl.gz").path],
            options: options, diagnostics: DiagnosticCollector())
        Issue.record("\(summary.requests) decisions were written to /dev/full")
    } catch {
        #expect("\(error)" == "cannot write /dev/full: No space left on device; free some space or write elsewhere")
    }
}
