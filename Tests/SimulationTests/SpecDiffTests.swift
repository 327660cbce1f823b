import EdgeCompiler
import EdgeCore
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func compile(_ text: String) throws -> CompiledEdge {
    let diagnostics = DiagnosticCollector()
    let checked = try #require(SpecChecker.check(Array(text.utf8), file: "edge.yaml", diagnostics: diagnostics))
    return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
}

@Test func disablingOneRuleChangesExactlyTheRequestsItDecided() throws {
    let text = try String(contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml"), encoding: .utf8)
    let start = try #require(text.range(of: "  - id: geo-block-high-risk"))
    let action = try #require(text.range(of: "    action: block", range: start.upperBound..<text.endIndex))
    let disabled = text.replacingCharacters(in: action, with: "    action: block\n    enabled: false")
    let base = try compile(text), head = try compile(disabled)
    let trace = root.appendingPathComponent("traces/agenticverz-day.jsonl.gz").path
    let baseline = try Replay.run(base, paths: [trace], options: ReplayOptions(), diagnostics: DiagnosticCollector())
    let decidedByRule = try #require(baseline.byRule["http_request_firewall_custom/geo-block-high-risk"])
    let diff = try SpecDiff.run(
        base: base, head: head, paths: [trace], options: ReplayOptions(), diagnostics: DiagnosticCollector())
    #expect(diff.requests == baseline.requests)
    #expect(diff.changed == decidedByRule)
    #expect(
        diff.groups.allSatisfy { $0.rule == "geo-block-high-risk" && $0.from.hasPrefix("block by geo-block-high-risk") }
    )
    #expect(SpecDiffRenderer.text(diff).contains("[rule geo-block-high-risk]"))
    let same = try SpecDiff.run(
        base: base, head: base, paths: [trace], options: ReplayOptions(), diagnostics: DiagnosticCollector())
    #expect(same.changed == 0 && same.groups.isEmpty)
}
