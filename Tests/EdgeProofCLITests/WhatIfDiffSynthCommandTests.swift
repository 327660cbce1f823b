import Foundation
import Testing

/// `whatif`, `diff` and `synth`.
@Suite struct WhatIfDiffSynthCommandTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    @Test func whatifReportHasOneScenarioPerScale() throws {
        #expect(
            edgeproof(
                "whatif", exampleSpec, "--trace", "traces/scraper.jsonl", "--scale", "1,2", "--report",
                scratch.path("w.json")
            ).exitCode == 0)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path("w.json"))))
                as? [String: Any])
        #expect(((report["scenarios"] as? [[String: Any]]) ?? []).map { $0["requests"] as? Int } == [600, 1200])
    }

    @Test func whatifAddProfileAddsAScenarioAndWritesHTML() throws {
        let result = edgeproof(
            "whatif", exampleSpec, "--trace", "traces/scraper.jsonl", "--scale", "1", "--add-profile",
            "credential-stuffing",
            "--report", scratch.path("wa.html"))
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("+credential-stuffing"))
        #expect(try scratch.read("wa.html").contains("data-chart"))
    }

    @Test func aReportPathEndingInHTMLGetsTheHTMLPageAndAnyOtherPathTheJSONDocument() throws {
        let runs: [(command: [String], title: String)] = [
            (["replay", exampleSpec], "Replay of scraper.jsonl"),
            (["whatif", exampleSpec, "--scale", "1"], "What-if: scraper.jsonl"),
            (["diff", exampleSpec, exampleSpec], "Diff: "),
        ]
        for (index, run) in runs.enumerated() {
            for name in ["r\(index).html", "r\(index).json"] {
                let arguments = run.command + ["--trace", "traces/scraper.jsonl", "--report", scratch.path(name)]
                #expect(edgeproof(arguments).exitCode == 0, "\(arguments)")
                let text = try scratch.read(name)
                if name.hasSuffix(".html") {
                    #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains(run.title), "\(run.command[0])")
                } else {
                    #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
                }
            }
        }
    }

    @Test func diffOfASpecWithItselfChangesNothing() {
        #expect(
            edgeproof("diff", exampleSpec, exampleSpec, "--trace", "traces/scraper.jsonl", "--fail-on-change").exitCode
                == 0)
    }

    @Test func diffNamesTheRuleOfChangedOutcomesAndWritesJUnit() throws {
        let tighter = try scratch.write(
            "tighter.yaml",
            try String(contentsOfFile: exampleSpec, encoding: .utf8)
                .replacingOccurrences(of: "    requests: 100\n", with: "    requests: 50\n"))
        let result = edgeproof(
            "diff", exampleSpec, tighter, "--trace", "traces/scraper.jsonl", "--fail-on-change",
            "--report", scratch.path("diff.json"), "--junit", scratch.path("diff.xml"))
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("[rule api-per-ip]"))
        #expect(try scratch.read("diff.xml").contains("<failure"))
    }

    @Test func synthGivesTheSameBytesForTheSameSeedAndOtherBytesForAnother() throws {
        for (name, seed) in [("s1", "7"), ("s2", "7"), ("s3", "8")] {
            let result = edgeproof(
                "synth", "--spec", exampleSpec, "--duration", "10m", "--rps", "3", "--seed", seed, "-o",
                scratch.path(name + ".jsonl"))
            #expect(result.exitCode == 0)
        }
        #expect(try scratch.read("s1.jsonl") == scratch.read("s2.jsonl"))
        #expect(try scratch.read("s1.jsonl") != scratch.read("s3.jsonl"))
    }

    @Test func synthUsesASpecProfileAndSuggestsANameForATypo() {
        #expect(
            edgeproof(
                "synth", "--spec", exampleSpec, "--profile", "launch-week", "--duration", "5m", "-o",
                scratch.path("s4.jsonl")
            ).exitCode == 0)
        let typo = edgeproof(
            "synth", "--spec", exampleSpec, "--profile", "lanch-week", "--duration", "5m", "-o",
            scratch.path("s5.jsonl"))
        #expect(typo.exitCode == 1)
        #expect(typo.stderr.contains("did you mean 'launch-week'"))
    }
}
