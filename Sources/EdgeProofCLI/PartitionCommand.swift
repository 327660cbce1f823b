import ArgumentParser
import EdgeCore
import Foundation
import Simulation
import Traces

/// `edgeproof partition TRACE… --shards N -o DIR`: split traces by colo into shard files to replay apart.
struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Split traces by data centre (colo) into shard files that replay on their own and merge exactly.",
        discussion: """
            Reads the traces as one stream, exactly as replay does (merged by timestamp), and writes each record to \
            the shard of its colo with its number in that stream, its trace and line, and its bytes as they were. \
            DIR must be new or empty. Replay each shard with 'replay SPEC --trace SHARD --summary-json FILE' and \
            combine the summaries with 'merge'. Exit 0; 2 for usage errors, unreadable traces, more malformed lines \
            than --max-errors, and a DIR that already holds files. See docs/scaling.md.
            """)

    @Argument(
        help: ArgumentHelp(
            "Trace files (native JSONL, Logpush ndjson or combined log; .gz allowed); - reads "
                + "standard input.", valueName: "trace"))
    var traces: [String] = []

    @Option(help: ArgumentHelp("How many shard files to write.", valueName: "n"))
    var shards: Int

    @Option(name: .shortAndLong, help: ArgumentHelp("The new or empty directory to write them in.", valueName: "dir"))
    var output: String

    @Flag(help: "Compress the shard files with gzip (shard-0000-of-0004.shard.gz).")
    var gzip = false

    @OptionGroup var reading: TraceReadingOptions

    func validate() throws {
        guard !traces.isEmpty else { throw ValidationError("give at least one trace file to partition") }
        guard (1...TraceShard.maxCount).contains(shards) else {
            throw ValidationError("--shards must be between 1 and \(TraceShard.maxCount)")
        }
        guard reading.maxErrors >= 0 else { throw ValidationError("--max-errors must be 0 or more") }
        guard output != "-" else { throw ValidationError("-o names the directory to write the shards in") }
        if let odd = traces.first(where: { $0.contains("\n") || $0.contains("\t") }) {
            throw ValidationError("the trace path \(odd.debugDescription) holds a tab or newline; rename the file")
        }
    }

    func run() throws {
        try StandardInputTrace.check(traces)
        let result = try TraceInput.reading { diagnostics in
            try TracePartition.run(
                paths: traces, format: reading.format ?? .auto, maxErrors: reading.maxErrors, shards: shards,
                directory: output, compressed: gzip, diagnostics: diagnostics)
        }
        for (index, path) in result.paths.enumerated() {
            StandardOutput.print(
                "\(path): \(result.records[index]) records from \(result.colos[index]) "
                    + "\(result.colos[index] == 1 ? "colo" : "colos")")
        }
    }
}
