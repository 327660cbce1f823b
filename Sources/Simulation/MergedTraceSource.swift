import EdgeCore
import Traces

/// Several trace files read as one stream, merged by timestamp: each file is read in order and the earliest head
/// record goes next (`replay --trace a b`, or a recorded trace with a synthetic population mixed in). Records
/// without a timestamp keep their file's order.
public struct MergedTraceSource: TraceRecordSource {
    private var readers: [TraceReader]
    private var heads: [TraceRecord?]
    private var primed = false

    /// Opens every file; unreadable files are an error before anything is read.
    public init(paths: [String], format: TraceFormat, options: TraceReaderOptions, diagnostics: DiagnosticCollector) throws(TraceReadError) {
        var readers: [TraceReader] = []
        for path in paths { readers.append(try TraceReader(path: path, format: format, options: options, diagnostics: diagnostics)) }
        self.readers = readers
        heads = Array(repeating: nil, count: readers.count)
    }

    /// The earliest record among the files' next records.
    public mutating func next() throws(TraceReadError) -> TraceRecord? {
        if !primed {
            for index in readers.indices { heads[index] = try readers[index].next() }
            primed = true
        }
        var chosen: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            guard let best = chosen, let bestTime = heads[best]?.timestampMs else { chosen = chosen ?? index; continue }
            if let time = head.timestampMs, time < bestTime { chosen = index }
        }
        guard let index = chosen else { return nil }
        let record = heads[index]
        heads[index] = try readers[index].next()
        return record
    }

    /// Read statistics summed over the files.
    public var statistics: (lines: Int, records: Int, malformed: Int, repaired: Int) {
        readers.reduce((0, 0, 0, 0)) { sum, reader in
            let s = reader.statistics
            return (sum.0 + s.lines, sum.1 + s.records, sum.2 + s.malformedLines, sum.3 + s.repairedLines)
        }
    }
}
