import EdgeCore
import Traces

/// Several trace files read one after another as one stream of records (`replay --trace a b c`).
public struct ChainedTraceSource: TraceRecordSource {
    private var readers: [TraceReader]
    private var current = 0

    /// Opens every file; unreadable files are an error before anything is read.
    public init(paths: [String], format: TraceFormat, options: TraceReaderOptions, diagnostics: DiagnosticCollector) throws(TraceReadError) {
        var readers: [TraceReader] = []
        for path in paths { readers.append(try TraceReader(path: path, format: format, options: options, diagnostics: diagnostics)) }
        self.readers = readers
    }

    /// The next record of the current file, moving on to the next file at the end of each.
    public mutating func next() throws(TraceReadError) -> TraceRecord? {
        while current < readers.count {
            if let record = try readers[current].next() { return record }
            current += 1
        }
        return nil
    }

    /// Read statistics summed over the files.
    public var statistics: (lines: Int, records: Int, malformed: Int, repaired: Int) {
        readers.reduce((0, 0, 0, 0)) { sum, reader in
            let s = reader.statistics
            return (sum.0 + s.lines, sum.1 + s.records, sum.2 + s.malformedLines, sum.3 + s.repairedLines)
        }
    }
}
