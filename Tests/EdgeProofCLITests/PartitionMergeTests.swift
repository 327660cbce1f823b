import EdgeTestSupport
import Foundation
import Testing

/// `partition`, `replay --summary-json` and `merge` give what one replay gives, byte for byte: the terminal summary,
/// the JSON result, the HTML report and the decisions file (`docs/scaling.md`); and they refuse what does not belong
/// together, saying why, with nothing overwritten. Serialized: each test runs dozens of replays in this process.
@Suite(.serialized) struct PartitionMergeTests {
    let scratch: ScratchDirectory
    /// Two messy traces over 24 colos (late and out-of-order records, malformed lines, rate-limit storms), which a
    /// replay merges by timestamp.
    let traces: [String]

    init() throws {
        scratch = try ScratchDirectory()
        traces = [
            try scratch.write("a.jsonl", MessyTrace.text(records: 5_000, seed: 11)),
            try scratch.write("b.jsonl", MessyTrace.text(records: 1_500, seed: 12)),
        ]
    }

    /// What one run printed and wrote.
    private struct Result: Equatable {
        let text: String
        /// Standard error of the text run: the trace findings, then the unsupplied fields' warnings. The count of
        /// regex searches left undecided is left out: in this process it counts every test's searches.
        let errors: String
        let github: String
        let json: String
        let html: String
        let decisions: String
    }

    private func reference() throws -> Result {
        let json = edgeproof(
            ["replay", exampleSpec, "--trace"] + traces + [
                "--reorder-window", "60s", "--format", "json", "--report", scratch.path("ref.html"), "--decisions",
                scratch.path("ref.jsonl"),
            ])
        let text = edgeproof(["replay", exampleSpec, "--trace"] + traces + ["--reorder-window", "60s"])
        let github = edgeproof(
            ["replay", exampleSpec, "--trace"] + traces + ["--reorder-window", "60s", "--format", "github"])
        #expect(json.exitCode == 0, "\(json.stderr)")
        return Result(
            text: text.stdout, errors: Self.withoutUndecidedSearches(text.stderr), github: github.stdout,
            json: json.stdout, html: try scratch.read("ref.html"),
            decisions: try scratch.read("ref.jsonl"))
    }

    private static func withoutUndecidedSearches(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("past the match budget") }
            .joined(separator: "\n")
    }

    /// Partitions the traces into `shards` in `name`, replays each shard (alternating `--jobs 1` and `--jobs 2`) and
    /// returns the shards' summary and decisions paths.
    private func replayShards(_ shards: Int, name: String, gzip: Bool = false) throws -> (
        summaries: [String], decisions: [String]
    ) {
        let partition = edgeproof(
            ["partition"] + traces + ["--shards", "\(shards)", "-o", scratch.path(name)] + (gzip ? ["--gzip"] : []))
        #expect(partition.exitCode == 0, "\(partition.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path(name)).sorted()
        #expect(files.count == shards)
        var summaries: [String] = [], decisions: [String] = []
        for (index, file) in files.enumerated() {
            #expect(file.hasSuffix(gzip ? ".shard.gz" : ".shard"))
            summaries.append(scratch.path("\(name)-\(index).json"))
            decisions.append(scratch.path("\(name)-\(index).jsonl"))
            let replay = edgeproof(
                "replay", exampleSpec, "--trace", scratch.path("\(name)/\(file)"), "--reorder-window", "60s",
                "--jobs", "\(1 + index % 2)", "--summary-json", summaries[index], "--decisions", decisions[index])
            #expect(replay.exitCode == 0, "\(replay.stderr)")
        }
        return (summaries, decisions)
    }

    private func merged(_ summaries: [String], decisions: [String], name: String) throws -> Result {
        let json = edgeproof(
            ["merge", "--spec", exampleSpec] + summaries.reversed() + [
                "--format", "json", "--report", scratch.path("\(name).html"), "--decisions",
                scratch.path("\(name).jsonl"), "--shard-decisions",
            ] + decisions)
        #expect(json.exitCode == 0, "\(json.stderr)")
        let text = edgeproof(["merge", "--spec", exampleSpec] + summaries)
        let github = edgeproof(["merge", "--spec", exampleSpec, "--format", "github"] + summaries)
        return Result(
            text: text.stdout, errors: Self.withoutUndecidedSearches(text.stderr), github: github.stdout,
            json: json.stdout,
            html: try scratch.read("\(name).html"),
            decisions: try scratch.read("\(name).jsonl"))
    }

    @Test("Shards replayed apart and merged give the bytes of one replay", arguments: [1, 3, 7, 30])
    func mergedEqualsOneReplay(shards: Int) throws {
        let reference = try reference()
        // The traces exercise what could tell the shards apart.
        #expect(!reference.json.contains(#""late_records": 0,"#))
        #expect(reference.text.contains("api-per-ip"))
        #expect(reference.errors.contains("line skipped") && reference.github.contains("::warning file="))
        let parts = try replayShards(shards, name: "p\(shards)", gzip: shards == 3)
        #expect(try merged(parts.summaries, decisions: parts.decisions, name: "m\(shards)") == reference)
    }

    @Test func aShardSummaryIsTheResultDocumentWithExactState() throws {
        let parts = try replayShards(2, name: "p")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: parts.summaries[0])))
                as? [String: Any])
        #expect(document["requests"] is Int)
        let mergeable = try #require(document["mergeable"] as? [String: Any])
        #expect(mergeable["format_version"] as? Int == 1)
        #expect((mergeable["shard"] as? [String: Any])?["count"] as? Int == 2)
        #expect((mergeable["state"] as? [String: Any])?["origin_seconds"] != nil)
    }

    @Test func mergeRefusesAMissingOrRepeatedShard() throws {
        let parts = try replayShards(3, name: "p")
        let missing = edgeproof(["merge", "--spec", exampleSpec, parts.summaries[0], parts.summaries[2]])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("1 of 3 shards have no summary: shard-0001-of-0003.shard"), "\(missing.stderr)")
        let twice = edgeproof(["merge", "--spec", exampleSpec] + parts.summaries + [parts.summaries[1]])
        #expect(twice.exitCode == 2)
        #expect(twice.stderr.contains("are both shard 1"), "\(twice.stderr)")
        let decisions = edgeproof(
            ["merge", "--spec", exampleSpec] + parts.summaries + [
                "--decisions", scratch.path("out.jsonl"), "--shard-decisions", parts.decisions[0], parts.decisions[1],
            ])
        #expect(decisions.exitCode == 2)
        #expect(decisions.stderr.contains("no decisions file holds record"), "\(decisions.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out.jsonl")))
    }

    @Test func mergeRefusesAnotherSpecVersionSettingOrAWholeReplay() throws {
        let parts = try replayShards(2, name: "p")
        let otherSpec = edgeproof(
            "replay", "examples/small-saas/edge.yaml", "--trace", scratch.path("p/shard-0001-of-0002.shard"),
            "--reorder-window", "60s", "--summary-json", scratch.path("other.json"))
        #expect(otherSpec.exitCode == 0, "\(otherSpec.stderr)")
        let spec = edgeproof(["merge", "--spec", exampleSpec, parts.summaries[0], scratch.path("other.json")])
        #expect(spec.exitCode == 2)
        #expect(spec.stderr.contains("was replayed through another spec"), "\(spec.stderr)")

        let newer = try scratch.read("p-1.json").replacingOccurrences(
            of: #""format_version": 1"#, with: #""format_version": 2"#)
        try scratch.write("newer.json", newer)
        let version = edgeproof(["merge", "--spec", exampleSpec, parts.summaries[0], scratch.path("newer.json")])
        #expect(version.exitCode == 2)
        #expect(version.stderr.contains("format version 2"), "\(version.stderr)")

        let window = edgeproof(
            "replay", exampleSpec, "--trace", scratch.path("p/shard-0001-of-0002.shard"), "--summary-json",
            scratch.path("window.json"))
        #expect(window.exitCode == 0)
        let settings = edgeproof(["merge", "--spec", exampleSpec, parts.summaries[0], scratch.path("window.json")])
        #expect(settings.exitCode == 2)
        #expect(settings.stderr.contains("different settings"), "\(settings.stderr)")

        let whole = edgeproof(
            ["replay", exampleSpec, "--trace"] + traces + ["--summary-json", scratch.path("whole.json")])
        #expect(whole.exitCode == 0)
        let notShard = edgeproof(["merge", "--spec", exampleSpec, scratch.path("whole.json")])
        #expect(notShard.exitCode == 2)
        #expect(notShard.stderr.contains("summary of a whole replay"), "\(notShard.stderr)")
    }

    @Test func partitionRefusesADirectoryThatHoldsFilesAndOverwritesNothing() throws {
        try FileManager.default.createDirectory(atPath: scratch.path("out"), withIntermediateDirectories: false)
        try scratch.write("out/shard-0000-of-0002.shard", "mine\n")
        let result = edgeproof(["partition"] + traces + ["--shards", "2", "-o", scratch.path("out")])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("already holds 1 entry (shard-0000-of-0002.shard)"), "\(result.stderr)")
        #expect(try scratch.read("out/shard-0000-of-0002.shard") == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("out")).count == 1)
    }

    @Test func aDamagedShardOrAShardWithOtherTracesIsRefused() throws {
        _ = try replayShards(2, name: "p")
        let shard = try scratch.read("p/shard-0000-of-0002.shard")
        let cut = shard.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\n")
        try scratch.write("cut.shard", cut + "\n")
        let truncated = edgeproof("replay", exampleSpec, "--trace", scratch.path("cut.shard"))
        #expect(truncated.exitCode == 2)
        #expect(truncated.stderr.contains("it ends before its #end line"), "\(truncated.stderr)")
        let mixed = edgeproof(["replay", exampleSpec, "--trace", scratch.path("p/shard-0000-of-0002.shard")] + traces)
        #expect(mixed.exitCode == 2)
        #expect(mixed.stderr.contains("is a shard of a partition: replay it alone"), "\(mixed.stderr)")
    }

    /// Parsing rewrites a line in place (escapes, base64 bodies, upper-cased codes); a shard keeps the line as it was,
    /// in each of the three formats.
    @Test func linesThatParsingRewritesAreCopiedAsTheyWere() throws {
        let native = try scratch.write(
            "n.jsonl",
            #"{"ts":1766188800000,"ip":"1.2.3.4","method":"POST","host":"api.agenticverz.com","path":"/v1/incidents","#
                + #""query":"a=1\u0026b=2","ua":"say \"hi\" \u00e9","colo":"ams","body_b64":"aGVsbG8gd29ybGQ="}"# + "\n"
        )
        let logpush = try scratch.write(
            "l.json",
            #"{"EdgeStartTimestamp":"2025-12-20T00:00:05Z","ClientIP":"5.6.7.8","ClientRequestHost":"#
                + #""api.agenticverz.com","ClientRequestURI":"/v1/incidents?x=1\u0026y=2","#
                + #""ClientRequestUserAgent":"ua \"q\"","EdgeColoCode":"fra"}"# + "\n")
        let combined = try scratch.write(
            "c.log",
            #"9.9.9.9 - - [20/Dec/2025:00:00:06 +0000] "GET /a?b=1&c=\x41 HTTP/1.1" 200 10 "-" "agent \"x\""#
                + "\n")
        for trace in [native, logpush, combined] {
            let direct = edgeproof(
                "replay", exampleSpec, "--trace", trace, "--format", "json", "--decisions", scratch.path("d.jsonl"))
            #expect(direct.exitCode == 0, "\(direct.stderr)")
            let name = URL(fileURLWithPath: trace).lastPathComponent
            let partition = edgeproof("partition", trace, "--shards", "1", "-o", scratch.path("s-\(name)"))
            #expect(partition.exitCode == 0, "\(partition.stderr)")
            let original = try String(contentsOfFile: trace, encoding: .utf8).dropLast()
            #expect(try scratch.read("s-\(name)/shard-0000-of-0001.shard").contains("\t" + original + "\n"))
            let shard = edgeproof(
                "replay", exampleSpec, "--trace", scratch.path("s-\(name)/shard-0000-of-0001.shard"), "--format",
                "json", "--decisions", scratch.path("ds.jsonl"))
            #expect(shard.stdout == direct.stdout, "\(name)")
            #expect(try scratch.read("ds.jsonl") == scratch.read("d.jsonl"), "\(name)")
        }
    }

    @Test func aShardCutBeforeItsEndLineOrPartitionedAgainIsRefused() throws {
        _ = try replayShards(2, name: "p")
        let shard = try scratch.read("p/shard-0000-of-0002.shard")
        let lines = shard.split(separator: "\n")
        try scratch.write("cut.shard", lines.dropLast().joined(separator: "\n"))
        let cut = edgeproof("replay", exampleSpec, "--trace", scratch.path("cut.shard"))
        #expect(cut.exitCode == 2)
        #expect(cut.stderr.contains("it ends before its #end line"), "\(cut.stderr)")
        let again = edgeproof(
            "partition", scratch.path("p/shard-0000-of-0002.shard"), "--shards", "2", "-o", scratch.path("again"))
        #expect(again.exitCode == 2)
        #expect(again.stderr.contains("is a shard of a partition already"), "\(again.stderr)")
    }

    @Test func aSummaryWithNumbersOutOfRangeIsRefusedNotTrusted() throws {
        let parts = try replayShards(2, name: "p")
        let summary = try scratch.read("p-1.json")
        for (from, to) in [
            (#""count": 2"#, #""count": -1"#), (#""count": 2"#, #""count": 9223372036854775807"#),
            (#""requests": "#, #""requests": -"#),
        ] {
            try scratch.write("bad.json", summary.replacingOccurrences(of: from, with: to))
            let merge = edgeproof(["merge", "--spec", exampleSpec, parts.summaries[0], scratch.path("bad.json")])
            #expect(merge.exitCode == 2, "\(to)")
            #expect(merge.stderr.contains("bad.json: mergeable."), "\(to): \(merge.stderr)")
        }
    }

    @Test func aShardReportsFindingsAtTheOriginalFileAndLine() throws {
        let trace = try scratch.write(
            "t.jsonl",
            #"{"ts":1766188800000,"path":"/","colo":"AMS"}"# + "\n"
                + #"{"ts":1766188800001,"path":"/","colo":"FRA","stauts":200}"# + "\n" + #"{"ts": 12, "path": "# + "\n")
        let direct = edgeproof("replay", exampleSpec, "--trace", trace)
        let partition = edgeproof("partition", trace, "--shards", "2", "-o", scratch.path("s"))
        #expect(partition.exitCode == 0)
        // The malformed line is reported by the partition, which reads the trace, and counted in shard 0.
        #expect(partition.stderr.contains("t.jsonl:3:"), "\(partition.stderr)")
        #expect(try scratch.read("s/shard-0000-of-0002.shard").hasSuffix("#end 1 2 1\n"))
        let shard = edgeproof("replay", exampleSpec, "--trace", scratch.path("s/shard-0001-of-0002.shard"))
        let finding = direct.stderr.split(separator: "\n").first { $0.contains("t.jsonl:2:") }
        #expect(finding != nil, "\(direct.stderr)")
        #expect(shard.stderr.split(separator: "\n").first { $0.contains("t.jsonl:2:") } == finding, "\(shard.stderr)")
    }
}
