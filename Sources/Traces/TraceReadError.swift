/// Why reading a trace stopped. Problems on single lines are diagnostics, not errors; these end the read.
public enum TraceReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// Reading the file failed part-way.
    case readFailed(path: String, reason: String)
    /// More lines were malformed than `TraceReaderOptions.maxErrors` allows (the command line exits 2).
    case tooManyErrors(file: String, limit: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open trace '\(path)': \(reason)"
        case let .readFailed(path, reason): "cannot read trace '\(path)': \(reason)"
        case let .tooManyErrors(file, limit):
            "stopped reading '\(file)': more than \(limit) malformed lines (raise the limit with --max-errors)"
        }
    }
}
