import Foundation
import Testing

/// The trace options `replay`, `whatif` and `diff` share: the same flags, the same meaning, the same exits.
@Suite struct TraceInputTests {
    let scratch: ScratchDirectory

    init() throws { scratch = try ScratchDirectory() }

    /// The arguments that run `command` over `trace`, followed by `extra`.
    private func arguments(_ command: String, _ trace: String, _ extra: [String] = []) -> [String] {
        let specs = command == "diff" ? [exampleSpec, exampleSpec] : [exampleSpec]
        return [command] + specs + ["--trace", trace] + extra
    }

    /// The scraper trace with `count` malformed lines put before it.
    private func traceWithMalformedLines(_ count: Int) throws -> String {
        let malformed = (0..<count).map { #"{"path": \#($0)}"# + "\n" }.joined()
        return try scratch.write(
            "malformed-\(count).jsonl", malformed + String(contentsOfFile: "traces/scraper.jsonl", encoding: .utf8))
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func damagedTracesAreExit2(command: String) throws {
        let day = try Data(contentsOf: URL(fileURLWithPath: "traces/agenticverz-day.jsonl.gz"))
        try day.prefix(20_000).write(to: URL(fileURLWithPath: scratch.path("cut.jsonl.gz")))
        var badChecksum = day
        badChecksum[badChecksum.count - 8] ^= 1
        try badChecksum.write(to: URL(fileURLWithPath: scratch.path("crc.jsonl.gz")))
        try scratch.write("allbad.jsonl", "{bad}\n{\"path\":7}\n")
        for damaged in ["cut.jsonl.gz", "crc.jsonl.gz", "allbad.jsonl"] {
            let result = edgeproof(
                arguments(command, scratch.path(damaged), command == "whatif" ? ["--scale", "1"] : []))
            #expect(result.exitCode == 2, "\(command) \(damaged)")
            #expect(result.stderr.contains("error: "), "\(command) \(damaged)")
        }
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func maxErrorsStopsEveryCommandTheSameWay(command: String) throws {
        let trace = try traceWithMalformedLines(3)
        let scale = command == "whatif" ? ["--scale", "1"] : []
        let stopped = edgeproof(arguments(command, trace, scale + ["--max-errors", "2"]))
        #expect(stopped.exitCode == 2)
        let tolerated = edgeproof(arguments(command, trace, scale + ["--max-errors", "3"]))
        #expect(tolerated.exitCode == 0)
        #expect(tolerated.stderr.contains("malformed-3.jsonl:1:"), "malformed lines are reported on stderr")
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func traceFormatIsHonouredAndFormatKeepsItsOldTraceValuesWithAWarning(command: String) {
        let scale = command == "whatif" ? ["--scale", "1"] : []
        let spelled = edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--trace-format", "native"]))
        #expect(spelled.exitCode == 0)
        #expect(!spelled.stderr.contains("old spelling"))
        let old = edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--format", "native"]))
        #expect(old.exitCode == 0)
        #expect(old.stdout == spelled.stdout, "the old spelling still reads the trace the same way")
        #expect(
            old.stderr.hasPrefix(
                "warning: --format native is the old spelling of --trace-format native and will stop working in the "
                    + "next release"))
        // The old spelling means what it meant: read as a combined log, nothing can be replayed.
        #expect(edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--format", "combined"])).exitCode == 2)
        let both = edgeproof(
            arguments(command, "traces/scraper.jsonl", scale + ["--format", "native", "--trace-format", "native"]))
        #expect(both.exitCode == 2)
        #expect(both.stderr.contains("--format native and --trace-format both name the trace format"))
        let unknown = edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--format", "csv"]))
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("'csv' is invalid for '--format <format>'"))
        // Read as a combined log, no JSON line is a record: nothing can be replayed.
        #expect(
            edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--trace-format", "combined"])).exitCode == 2)
        let invalid = edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--trace-format", "csv"]))
        #expect(invalid.exitCode == 2)
        #expect(invalid.stderr.contains("'csv' is invalid for '--trace-format"))
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func reorderWindowIsADuration(command: String) {
        let scale = command == "whatif" ? ["--scale", "1"] : []
        #expect(
            edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--reorder-window", "1m30s"])).exitCode == 0)
        let invalid = edgeproof(arguments(command, "traces/scraper.jsonl", scale + ["--reorder-window", "5x"]))
        #expect(invalid.exitCode == 2)
        #expect(invalid.stderr.contains("'5x' is invalid for '--reorder-window <duration>'"))
    }

    @Test func aRecordLaterThanTheReorderWindowIsCountedLate() throws {
        let lines = try String(contentsOfFile: "traces/scraper.jsonl", encoding: .utf8).split(separator: "\n").prefix(2)
            .map(String.init)
        let late = lines[0].replacingOccurrences(of: "2025-12-20T14:00:00.200Z", with: "2025-12-20T13:59:30.200Z")
        let trace = try scratch.write("late.jsonl", lines[1] + "\n" + late + "\n")
        #expect(
            edgeproof("replay", exampleSpec, "--trace", trace, "--reorder-window", "1m").stdout.contains(
                "Records: 0 late"))
        #expect(
            edgeproof("replay", exampleSpec, "--trace", trace, "--reorder-window", "10s").stdout.contains(
                "Records: 1 late"))
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func everyCommandShowsTheSameTraceHelp(command: String) {
        let help = edgeproof(command, "--help")
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("--trace-format <trace-format>"))
        #expect(help.stdout.contains("--format <format>"))
        #expect(help.stdout.contains("The result on standard output: text, json (the"))
        #expect(help.stdout.contains("Trace files (native JSONL, Logpush ndjson or combined"))
        #expect(help.stdout.contains("--max-errors <max-errors>"))
        #expect(help.stdout.contains("--reorder-window <duration>"))
        #expect(help.stdout.contains("--jobs <n>"))
    }

    @Test(arguments: ["replay", "whatif", "diff", "partition"])
    func everyCommandThatReadsTracesDescribesTheirFormatAndErrorLimitAlike(command: String) {
        // One declaration (`TraceReadingOptions`) gives every command the same two flags and the same help.
        let help = edgeproof(command, "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--trace-format <trace-format> Trace format: auto, native, logpush or combined."))
        #expect(
            help.contains("--max-errors <max-errors> Stop with exit 2 after this many malformed lines in a trace file.")
        )
    }

    @Test(arguments: ["replay", "whatif", "diff"])
    func noTraceIsAUsageError(command: String) {
        let specs = command == "diff" ? [exampleSpec, exampleSpec] : [exampleSpec]
        let result = edgeproof([command] + specs)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("give at least one --trace FILE"))
    }
}
