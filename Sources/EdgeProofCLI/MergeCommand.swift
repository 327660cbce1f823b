import ArgumentParser
import EdgeCompiler
import EdgeCore
import Foundation
import Simulation
import Traces

/// `edgeproof merge SUMMARY… --spec SPEC`: the result of one replay from the summaries of a partition's shards.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard summaries of a partition into the result one replay of everything gives.",
        discussion: """
            Each SUMMARY is written by 'replay SPEC --trace SHARD --summary-json SUMMARY' for one shard of an \
            'edgeproof partition'; every shard must be there once, replayed through the same spec (--spec, checked \
            by its hash) with the same settings. The result, --report and --decisions are the bytes one replay of \
            the partitioned traces prints and writes. Exit 0; 2 for usage errors, unreadable summaries, and \
            summaries that do not belong together (another spec, format version or partition, a shard missing or \
            given twice). See docs/scaling.md.
            """)

    @Argument(help: ArgumentHelp("The shards' summaries (replay --summary-json).", valueName: "summary"))
    var summaries: [String] = []

    @Option(help: ArgumentHelp("The spec the shards were replayed through.", valueName: "spec"))
    var spec = "edge.yaml"

    @OptionGroup var format: ResultFormatOption

    @Option(help: "Write the summary to this file: HTML when it ends in .html, JSON otherwise.")
    var report: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("The shards' decisions files (replay --decisions), for --decisions.", valueName: "file"))
    var shardDecisions: [String] = []

    @Option(help: "Write one JSON decision per record, in input order, merged from --shard-decisions, to this file.")
    var decisions: String?

    func validate() throws {
        guard !summaries.isEmpty else {
            throw ValidationError(
                "give the summary of every shard"
                    + (shardDecisions.isEmpty
                        ? ""
                        : " (--shard-decisions takes every file after it up to the next option: put the summaries "
                            + "before it)"))
        }
        guard format.deprecatedTraceFormat == nil else {
            throw ValidationError("--format chooses the result here: text, json, github or markdown")
        }
        guard (decisions == nil) == shardDecisions.isEmpty else {
            throw ValidationError(
                "--decisions and --shard-decisions come together: the shards' files and the merged one")
        }
    }

    func run() throws {
        let outputs = [("--decisions", decisions), ("--report", report)]
        try CommandOutput.refuseConflicts(inputs: [spec] + summaries + shardDecisions, outputs: outputs)
        let stream = try ResultStream.choosing(outputs: outputs)
        let compiled = try SpecLoader.load(spec, format: format.output)
        var parts = summaries.makeIterator()
        var part = try MergeableSummary.read(parts.next() ?? "", compiled: compiled)
        var partition = PartitionCheck(first: part)
        var merged = PartitionSummary(
            compiled, rateLimitDelay: EdgeDuration(milliseconds: part.settings.rateLimitDelayMs))
        merged.add(part.summary)
        while let path = parts.next() {
            part = try MergeableSummary.read(path, compiled: compiled)
            try partition.add(part)
            merged.add(part.summary)
        }
        try partition.finish()
        let summary = merged.summary
        if let decisions {
            do {
                try ShardDecisions.merge(
                    shardDecisions, records: partition.first.shard.partitionRecords, into: decisions)
            } catch {
                throw MergeableSummary.refusal("\(error)")
            }
        }
        let findings = DiagnosticCollector()
        for finding in partition.findings { findings.report(finding) }
        TraceInput.printFindings(findings, github: format.output == .github ? stream : nil)
        ReplayResultOutput.write(summary, format: format.output, thresholds: nil, to: stream)
        TraceInput.printWarnings(unsupplied: summary.unsuppliedFields, undecidedSearches: partition.undecidedSearches)
        let names = partition.first.shard.inputs.map {
            $0.name == "<stdin>" ? "-" : ($0.name as NSString).lastPathComponent
        }
        try CommandOutput.writeReport(
            to: report,
            html: {
                HTMLReport(
                    title: "Replay of \(names.joined(separator: ", "))",
                    subtitle: "through \(compiled.specName) (compiled spec sha256:\(compiled.shortHash))",
                    summary: summary, capacity: ReportCapacity.line(for: compiled))
            }, json: { ReplayResultOutput.document(summary, thresholds: nil).pretty })
    }
}

/// Checks that shard summaries, given one at a time, are the shards of one partition, each once: the same settings,
/// traces, shard count and record total, every shard there, and records adding up; otherwise a refusal (exit 2)
/// naming what differs.
struct PartitionCheck {
    /// The first summary given, which the others must match.
    let first: MergeableSummary.Part
    /// What reading the traces found, from shard 0's summary.
    private(set) var findings: [Diagnostic] = []
    /// Regex searches the shards' replays left undecided, together.
    private(set) var undecidedSearches = 0
    private var seen: [Int: String] = [:]
    private var records = 0

    /// Starts with `first`.
    init(first: MergeableSummary.Part) {
        self.first = first
        seen[first.shard.index] = first.path
        records = first.shard.records
        findings = first.shard.findings
        undecidedSearches = first.undecidedSearches
    }

    /// Checks `part` against the first and the shards seen so far.
    mutating func add(_ part: MergeableSummary.Part) throws {
        guard part.settings == first.settings else {
            throw MergeableSummary.refusal(
                "\(part.path) and \(first.path) were replayed with different settings "
                    + "(\(part.settings.json.compact) and \(first.settings.json.compact)); replay every shard with the "
                    + "same options")
        }
        guard part.shard.inputs == first.shard.inputs, part.shard.count == first.shard.count,
            part.shard.partitionRecords == first.shard.partitionRecords
        else {
            throw MergeableSummary.refusal(
                "\(part.path) and \(first.path) are shards of different partitions (their traces, shard counts or "
                    + "record totals differ); merge the shards of one partition")
        }
        if let other = seen.updateValue(part.path, forKey: part.shard.index) {
            throw MergeableSummary.refusal(
                "\(other) and \(part.path) are both shard \(part.shard.index); give each shard's summary once")
        }
        records += part.shard.records
        findings += part.shard.findings
        undecidedSearches += part.undecidedSearches
    }

    /// Checks that every shard was given and the records add up to the partition's.
    func finish() throws {
        let count = first.shard.count
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.prefix(5).map { TraceShard.fileName(index: $0, count: count, compressed: false) }
            throw MergeableSummary.refusal(
                "\(missing.count) of \(count) shards have no summary: " + names.joined(separator: ", ")
                    + (missing.count > 5 ? ", …" : "") + "; replay each with --summary-json and give every summary")
        }
        guard records == first.shard.partitionRecords else {
            throw MergeableSummary.refusal(
                "the shards' summaries hold \(records) records, but the partition has \(first.shard.partitionRecords); "
                    + "was a shard replayed short?")
        }
    }
}
