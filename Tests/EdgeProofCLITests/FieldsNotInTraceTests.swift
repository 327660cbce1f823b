import Foundation
import Testing

/// `replay`, `whatif` and `diff` name each field the spec reads that no record of the trace supplied, once, with the
/// value every request read instead.
@Suite struct FieldsNotInTraceTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    private static let spec = """
        version: 1
        zone: {name: example.com, plan: enterprise}
        waf:
          - id: low-bot-score
            when: cf.bot_management.score lt 30 and http.request.uri.path ne "/health"
            action: block
          - id: paris
            when: ip.src.city eq "Paris" or cf.tls_client_auth.cert_verified
            action: log

        """

    /// Three records: none has a bot score, one has a city.
    private static let trace =
        (0..<3).map {
            #"{"ts": "2025-12-20T14:00:0\#($0)Z", "ip": "192.0.2.\#($0)", "host": "example.com", "path": "/a""#
                + ($0 == 1 ? #", "city": "Paris"}"# : "}")
        }.joined(separator: "\n") + "\n"

    private static let botScoreWarning = "warning: `cf.bot_management.score` is not in the trace; every request reads 0"
    private static let mutualTLSWarning =
        "warning: `cf.tls_client_auth.cert_verified` is not in the trace; every request reads false"

    private func occurrences(_ text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    @Test func replayWarnsOncePerUnsuppliedFieldWithItsDefault() throws {
        let spec = try scratch.write("edge.yaml", Self.spec), trace = try scratch.write("t.jsonl", Self.trace)
        let result = edgeproof("replay", spec, "--trace", trace, "--report", scratch.path("r.json"))
        #expect(result.exitCode == 0)
        #expect(occurrences(Self.botScoreWarning, in: result.stderr) == 1, "\(result.stderr)")
        #expect(occurrences(Self.mutualTLSWarning, in: result.stderr) == 1)
        #expect(!result.stderr.contains("ip.src.city"), "one record had a city")
        #expect(!result.stderr.contains("uri.path"), "every record had a path")
        // Every request read 0, under 30: all three are blocked, as the warning says.
        #expect(result.stdout.contains("block"))
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("r.json"))))
                as? [String: Any])
        let fields = try #require(report["fields_not_in_trace"] as? [[String: String]])
        #expect(
            fields == [
                ["field": "cf.bot_management.score", "every_request_reads": "0"],
                ["field": "cf.tls_client_auth.cert_verified", "every_request_reads": "false"],
            ])
        #expect((report["actions"] as? [String: Int])?["block"] == 3)
    }

    @Test func whatifAndDiffWarnOnceToo() throws {
        let spec = try scratch.write("edge.yaml", Self.spec), trace = try scratch.write("t.jsonl", Self.trace)
        let whatif = edgeproof("whatif", spec, "--trace", trace, "--scale", "1,2", "--report", scratch.path("w.json"))
        #expect(whatif.exitCode == 0)
        #expect(occurrences(Self.botScoreWarning, in: whatif.stderr) == 1, "\(whatif.stderr)")
        let scenarios = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("w.json"))))
                as? [String: Any])?["scenarios"] as? [[String: Any]])
        #expect(scenarios.count == 2)
        for scenario in scenarios {
            let fields = try #require(scenario["fields_not_in_trace"] as? [[String: String]])
            #expect(fields.map { $0["field"] } == ["cf.bot_management.score", "cf.tls_client_auth.cert_verified"])
        }
        let diff = edgeproof("diff", spec, spec, "--trace", trace, "--report", scratch.path("d.json"))
        #expect(diff.exitCode == 0)
        #expect(occurrences(Self.botScoreWarning, in: diff.stderr) == 1, "\(diff.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("d.json"))))
                as? [String: Any])
        let fields = try #require(report["fields_not_in_trace"] as? [[String: String]])
        #expect(fields.map { $0["field"] } == ["cf.bot_management.score", "cf.tls_client_auth.cert_verified"])
    }

    @Test func aTraceWithTheFieldIsNotWarnedAbout() throws {
        let spec = try scratch.write("edge.yaml", Self.spec)
        let trace = try scratch.write("scored.jsonl", Self.trace + #"{"ts": 1766239300, "bot_score": 80}"# + "\n")
        let result = edgeproof("replay", spec, "--trace", trace)
        #expect(result.exitCode == 0)
        #expect(!result.stderr.contains("cf.bot_management.score"), "\(result.stderr)")
    }

    @Test func theExampleReplaysItsBundledDayWithoutSuchWarnings() {
        let result = edgeproof("replay", exampleSpec, "--trace", "traces/agenticverz-day.jsonl.gz")
        #expect(result.exitCode == 0)
        #expect(!result.stderr.contains("is not in the trace"), "\(result.stderr)")
    }
}
