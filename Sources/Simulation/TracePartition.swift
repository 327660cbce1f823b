import EdgeCore
import Foundation
import Glibc
import Traces

/// `edgeproof partition`: reads traces as one stream, exactly as a replay does (`MergedTraceSource`), and deals each
/// record to the shard of its colo, keeping its number in the stream, its trace, its line and its bytes
/// (`TraceShard`, `docs/decisions/0032-shards-cut-from-one-stream.md`). A colo goes to the shard with the fewest
/// records when its first record comes. Streaming: memory holds one read chunk per trace and one buffer per shard.
public enum TracePartition {
    /// Why a partition stopped; nothing is left in the directory.
    public enum Failure: Error, CustomStringConvertible {
        /// A trace could not be read (exit 2).
        case trace(TraceReadError)
        /// The directory or a shard could not be written (exit 2).
        case output(String)

        /// A message for the user.
        public var description: String {
            switch self {
            case let .trace(error): "\(error)"
            case let .output(message): message
            }
        }
    }

    /// What was written: each shard's records, in shard order.
    public struct Result: Sendable {
        /// The shard files' paths.
        public let paths: [String]
        /// Records in each shard.
        public let records: [Int]
        /// Colos in each shard.
        public let colos: [Int]
    }

    /// Splits `paths` (read in `format`, stopping after `maxErrors` malformed lines in a file) into `shards` files in
    /// `directory`, which must be missing or empty (it is created); gzip-compressed when `compressed`. Findings about
    /// the traces go to `diagnostics`.
    public static func run(
        paths: [String], format: TraceFormat, maxErrors: Int, shards: Int, directory: String, compressed: Bool,
        diagnostics: DiagnosticCollector
    ) throws(Failure) -> Result {
        try prepare(directory)
        var written: [String] = []
        do {
            return try split(
                paths: paths, format: format, maxErrors: maxErrors, shards: shards, directory: directory,
                compressed: compressed, diagnostics: diagnostics, written: &written)
        } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }

    private static func split(
        paths: [String], format: TraceFormat, maxErrors: Int, shards: Int, directory: String, compressed: Bool,
        diagnostics: DiagnosticCollector, written: inout [String]
    ) throws(Failure) -> Result {
        var options = TraceReaderOptions()
        options.maxErrors = maxErrors
        options.keepsSourceLines = true
        var source: MergedTraceSource
        do {
            source = try MergedTraceSource(paths: paths, format: format, options: options, diagnostics: diagnostics)
        } catch {
            throw .trace(error)
        }
        var record = TraceRecord()
        var writers: [ShardWriter] = []
        var colos = ColoNumbering()
        var shardOfColo: [Int] = []
        var coloCounts = [Int](repeating: 0, count: shards)
        var number = 0
        do {
            var more = try source.next(into: &record)
            if let shard = source.firstShard {
                throw Failure.output(
                    "\(shard) is a shard of a partition already; partition the traces it was cut from (replay a shard "
                        + "as it is)")
            }
            allowOpenFiles(shards + paths.count + 16)
            writers = try openWriters(shards, in: directory, inputs: source.inputs, compressed: compressed)
            while more {
                let colo = colos.number(of: record)
                if colo == shardOfColo.count {
                    let shard = writers.indices.min { writers[$0].records < writers[$1].records } ?? 0
                    shardOfColo.append(shard)
                    coloCounts[shard] += 1
                }
                try writers[shardOfColo[colo]].append(
                    record, sourceLine: source.sourceLine, number: number, input: source.lastInput)
                number += 1
                more = try source.next(into: &record)
            }
        } catch let error as TraceReadError {
            throw .trace(error)
        } catch let error as Failure {
            throw error
        } catch {
            throw .output("\(error)")
        }
        let paths = (0..<shards).map { shardPath($0, of: shards, in: directory, compressed: compressed) }
        for (index, writer) in writers.enumerated() {
            do {
                try writer.finish(
                    partitionRecords: number, malformedLines: index == 0 ? source.statistics.malformed : 0,
                    findings: index == 0 ? diagnostics.diagnostics : [])
            } catch {
                throw .output(error.description)
            }
            written.append(paths[index])
        }
        return Result(paths: paths, records: writers.map(\.records), colos: coloCounts)
    }

    /// Raises the soft limit on open files towards `count` (one per shard and trace, and a few), within the hard
    /// limit; opening a shard past the limit is then a clear error naming it.
    private static func allowOpenFiles(_ count: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(count) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(count))
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    private static func openWriters(_ shards: Int, in directory: String, inputs: [TraceShard.Input], compressed: Bool)
        throws(OutputFileError) -> [ShardWriter]
    {
        var writers: [ShardWriter] = []
        for index in 0..<shards {
            writers.append(
                try ShardWriter(
                    path: shardPath(index, of: shards, in: directory, compressed: compressed),
                    shard: TraceShard(index: index, count: shards, inputs: inputs), compressed: compressed))
        }
        return writers
    }

    private static func shardPath(_ index: Int, of count: Int, in directory: String, compressed: Bool) -> String {
        (directory as NSString).appendingPathComponent(
            TraceShard.fileName(index: index, count: count, compressed: compressed))
    }

    /// Creates `directory`, or accepts it when it is an empty directory; anything else is refused, so shards of two
    /// partitions never mix and nothing is overwritten.
    private static func prepare(_ directory: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .output("cannot partition into \(directory): it is a file, not a directory")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            guard entries.isEmpty else {
                throw .output(
                    "cannot partition into \(directory): it already holds \(entries.count) "
                        + "\(entries.count == 1 ? "entry" : "entries") "
                        + "(\(entries.sorted().prefix(3).joined(separator: ", ")))"
                        + "; give a new or empty directory, so that shards of different partitions never mix")
            }
            return
        }
        guard mkdir(directory, 0o777) == 0 else {
            let reason = String(cString: strerror(errno))
            throw .output(
                "cannot create \(directory): \(reason)"
                    + (errno == ENOENT ? " (its parent directory does not exist)" : ""))
        }
    }
}
