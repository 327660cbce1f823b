import EdgeCore
import Traces

/// Several trace files read as one stream, merged by timestamp: each file is read in order and the earliest head
/// record goes next (`replay --trace a b`, or a recorded trace with a synthetic population mixed in). Records
/// without a timestamp keep their file's order.
public struct MergedTraceSource: TraceRecordSource {
    private var readers: [TraceReader]
    /// The only reader when there is one file: its records are read straight into the caller's place.
    private let single: TraceReader?
    /// Each file's next record, valid where `hasHead` is true.
    private var heads: [TraceRecord]
    private var hasHead: [Bool]
    private var primed = false
    /// The file (its place in `paths`) the last record came from.
    public private(set) var lastInput = 0
    /// The last record's line as it was read, when the options keep lines (`TraceReaderOptions.keepsSourceLines`).
    public private(set) var sourceLine: [UInt8] = []
    private let keepsSourceLines: Bool
    /// Each file's next record's line as read, beside `heads`.
    private var headLines: [[UInt8]]

    /// Opens every file (`-` is standard input, named `<stdin>` in findings); unreadable files are an error before
    /// anything is read.
    public init(paths: [String], format: TraceFormat, options: TraceReaderOptions, diagnostics: DiagnosticCollector)
        throws(TraceReadError)
    {
        var readers: [TraceReader] = []
        for path in paths {
            readers.append(
                path == "-"
                    ? TraceReader(
                        fileDescriptor: 0, name: "<stdin>", format: format, options: options, diagnostics: diagnostics)
                    : try TraceReader(path: path, format: format, options: options, diagnostics: diagnostics))
        }
        self.readers = readers
        single = readers.count == 1 ? readers[0] : nil
        heads = Array(repeating: TraceRecord(), count: readers.count)
        hasHead = Array(repeating: false, count: readers.count)
        keepsSourceLines = options.keepsSourceLines
        headLines = Array(repeating: [], count: readers.count)
    }

    /// Reads the earliest record among the files' next records into `record`; false when every file is done.
    public mutating func next(into record: inout TraceRecord) throws(TraceReadError) -> Bool {
        if let single {
            let read = try single.next(into: &record)
            if keepsSourceLines { single.takeSourceLine(into: &sourceLine) }
            return read
        }
        if !primed {
            for index in readers.indices {
                hasHead[index] = try readers[index].next(into: &heads[index])
                if keepsSourceLines { readers[index].takeSourceLine(into: &headLines[index]) }
            }
            if let shard = firstShard { throw .shardNotAlone(file: shard) }
            primed = true
        }
        var chosen: Int?
        for index in heads.indices where hasHead[index] {
            guard let best = chosen, let bestTime = heads[best].timestampMs else { chosen = chosen ?? index; continue }
            if let time = heads[index].timestampMs, time < bestTime { chosen = index }
        }
        guard let index = chosen else { return false }
        swap(&record, &heads[index])
        lastInput = index
        if keepsSourceLines { swap(&sourceLine, &headLines[index]) }
        hasHead[index] = try readers[index].next(into: &heads[index])
        if keepsSourceLines { readers[index].takeSourceLine(into: &headLines[index]) }
        return true
    }

    /// Each file's name in findings and its format (detected once reading started).
    public var inputs: [TraceShard.Input] { readers.map { TraceShard.Input(format: $0.format, name: $0.name) } }

    /// The shard, when the only file is a shard read to its end.
    public var shard: TraceShard? { single?.shard }

    /// The first file that is a shard (`TraceShard`), if any (known once reading started).
    public var firstShard: String? { readers.first(where: \.isShard)?.name }

    /// Read statistics summed over the files.
    public var statistics: (lines: Int, records: Int, malformed: Int, repaired: Int) {
        readers.reduce((0, 0, 0, 0)) { sum, reader in
            let s = reader.statistics
            return (sum.0 + s.lines, sum.1 + s.records, sum.2 + s.malformedLines, sum.3 + s.repairedLines)
        }
    }
}
