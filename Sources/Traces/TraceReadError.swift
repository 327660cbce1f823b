/// Why reading a trace stopped. Problems on single lines are diagnostics, not errors; these end the read.
public enum TraceReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// Reading the file failed part-way.
    case readFailed(path: String, reason: String)
    /// More lines were malformed than `TraceReaderOptions.maxErrors` allows (the command line exits 2).
    case tooManyErrors(file: String, limit: Int)
    /// A line ran past `TraceReaderOptions.maxLineLength` without a newline: the input is not a line-per-request
    /// trace (a binary file, `/dev/zero`).
    case lineTooLong(file: String, line: Int, limit: Int)
    /// The compressed stream is truncated or corrupt: records after the damage are missing.
    case damagedInput(file: String, reason: String)
    /// Every line that held anything was malformed: no record could be read.
    case noRecords(file: String, malformedLines: Int)
    /// A shard file (`TraceShard`) is not as `edgeproof partition` wrote it.
    case damagedShard(file: String, reason: String)
    /// A shard file was given with other traces: its records are numbered already.
    case shardNotAlone(file: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open trace '\(path)': \(reason)"
        case let .readFailed(path, reason): "cannot read trace '\(path)': \(reason)"
        case let .tooManyErrors(file, limit):
            "stopped reading '\(file)': more than \(limit) malformed lines (raise the limit with --max-errors)"
        case let .lineTooLong(file, line, limit):
            "stopped reading '\(file)': line \(line) is longer than \(limit) bytes; is it a trace with one request a "
                + "line?"
        case let .damagedInput(file, reason):
            "stopped reading '\(file)': \(reason); the records after the damage are missing (recompress or re-download "
                + "the file)"
        case let .noRecords(file, malformedLines):
            "no record could be read from '\(file)': all \(malformedLines) non-blank lines are malformed (check "
                + "--format and the file)"
        case let .damagedShard(file, reason): "cannot replay shard '\(file)': \(reason)"
        case let .shardNotAlone(file):
            "'\(file)' is a shard of a partition: replay it alone (one --trace), since its records keep the numbers "
                + "of the stream it was cut from"
        }
    }
}
