import EdgeCompiler
import EdgeCore
import EdgeModel
import EdgeSpec
import Foundation
import Testing

@testable import Simulation

/// Verdicts computed ahead on several threads: the replay's bytes do not depend on the number of threads, the
/// scores are libmodsecurity's, and the read-ahead window stays bounded.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/modsecurity-crs/rules")))
struct ManagedRulesLookaheadTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func example() throws -> CompiledEdge {
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("examples/agenticverz/edge.yaml")))
        let diagnostics = DiagnosticCollector()
        let checked = try #require(SpecChecker.check(bytes, file: "edge.yaml", diagnostics: diagnostics))
        return try #require(EdgeCompiler.compile(checked, specPath: "edge.yaml", diagnostics: diagnostics))
    }

    /// `count` records a second apart: benign requests, SQL injection and XSS probes, from several clients,
    /// with repeats, in a temporary file.
    static func trace(count: Int) throws -> String {
        let queries = [
            "page=2&limit=50", "q=1%27%20UNION%20SELECT%20password%20FROM%20users--",
            "q=%3Cscript%3Ealert(1)%3C/script%3E", "page=1", "q=..%2F..%2Fetc%2Fpasswd",
        ]
        let lines = (0..<count).map { index in
            "{\"ts\":\(1_766_188_800 + index),\"ip\":\"100.64.\(index % 5).\(index % 41)\","
                + "\"host\":\"api.agenticverz.com\",\"path\":\"/v1/incidents\","
                + "\"query\":\"\(queries[index % queries.count])&n=\(index % 13)\",\"ua\":\"Mozilla/5.0\"}"
        }
        let path = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-owasp.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func decisions(_ edge: CompiledEdge, trace: String, threads: Int) throws -> String {
        var options = ReplayOptions()
        options.managedRulesThreads = threads
        options.decisionsPath = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-decisions.jsonl"
        defer { try? FileManager.default.removeItem(atPath: options.decisionsPath!) }
        _ = try Replay.run(edge, paths: [trace], options: options, diagnostics: DiagnosticCollector())
        return try String(contentsOfFile: options.decisionsPath!, encoding: .utf8)
    }

    @Test("The decisions are the same bytes with 1, 2 or 4 threads, and carry libmodsecurity's probe scores")
    func sameBytesWithAnyNumberOfThreads() throws {
        let edge = try Self.example()
        let trace = try Self.trace(count: 2_500)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let one = try Self.decisions(edge, trace: trace, threads: 1)
        #expect(try Self.decisions(edge, trace: trace, threads: 2) == one)
        #expect(try Self.decisions(edge, trace: trace, threads: 4) == one)
        let lines = one.split(separator: "\n")
        #expect(lines.count == 2_500)
        // Libmodsecurity's level 1 scores of the probes (level 2 and up also count the missing Accept header).
        #expect(lines[1].contains(#""owasp":{"scores":[20,"#) && lines[1].contains("942100,942190,942270,942360"))
        #expect(lines[2].contains(#""owasp":{"scores":[15,"#) && lines[2].contains("941100,941110,941160"))
        #expect(lines[0].contains(#""owasp":{"scores":[0,2,0,0],"rules":[920300]}"#))
    }

    @Test("The read-ahead window never holds more than its size, however long the trace")
    func windowIsBounded() throws {
        let edge = try Self.example()
        let trace = try Self.trace(count: 3 * VerdictLookahead.windowSize + 17)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let model = try Replay.model(for: edge, rateLimitDelay: nil)
        var lookahead = VerdictLookahead(
            try Replay.openTraces([trace], options: ReplayOptions(), diagnostics: DiagnosticCollector()),
            models: [model], threads: 2)
        var records = 0
        try lookahead.forEachRecord { _ in records += 1 }
        #expect(records == 3 * VerdictLookahead.windowSize + 17)
        #expect(lookahead.peakWindow == VerdictLookahead.windowSize)
    }
}
