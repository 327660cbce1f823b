import EdgeCore

/// Limits and buffer sizes of a `TraceReader`.
public struct TraceReaderOptions: Sendable {
    /// Bytes asked of `read(2)` (or zlib) per chunk; default 1 MiB.
    public var chunkSize: Int
    /// The longest line read; a longer line stops reading (`TraceReadError.lineTooLong`). Default 16 MiB.
    public var maxLineLength: Int
    /// Malformed lines tolerated; one more stops reading with `TraceReadError.tooManyErrors`. Default 100.
    public var maxErrors: Int
    /// Warnings recorded one by one; further warnings are only counted. Default 100.
    public var maxWarnings: Int
    /// How long a FIFO may go without a writer (or data) before opening it fails. Default 10 s.
    public var writerWaitMilliseconds: Int32
    /// Counts the bytes read from the input, if set (for a progress line).
    public var byteCounter: TraceByteCounter?
    /// Whether the reader keeps a copy of each record's line as read (`TraceReader.takeSourceLine`, for `edgeproof
    /// partition`): parsing rewrites the line in place (escapes, base64 bodies, upper-cased codes). Default false.
    public var keepsSourceLines = false

    /// Creates options; the defaults suit replay.
    public init(
        chunkSize: Int = 1 << 20, maxLineLength: Int = 16 << 20, maxErrors: Int = 100, maxWarnings: Int = 100,
        writerWaitMilliseconds: Int32 = InputFile.defaultWriterWaitMilliseconds
    ) {
        self.chunkSize = max(16, chunkSize)
        self.maxLineLength = max(16, maxLineLength)
        self.maxErrors = max(0, maxErrors)
        self.maxWarnings = max(0, maxWarnings)
        self.writerWaitMilliseconds = max(0, writerWaitMilliseconds)
    }
}

/// Counts kept while reading one trace.
public struct TraceReadStatistics: Equatable, Sendable {
    /// Lines seen, blank ones included.
    public var lines = 0
    /// Records delivered.
    public var records = 0
    /// Lines reported malformed and skipped.
    public var malformedLines = 0
    /// Lines repaired and kept (each with a warning).
    public var repairedLines = 0
    /// Lines skipped with a warning because they hold no request.
    public var skippedLines = 0
    /// Blank lines, skipped silently.
    public var blankLines = 0
    /// Warnings beyond `maxWarnings`, counted but not recorded.
    public var suppressedWarnings = 0

    /// Creates zero counts.
    public init() {}
}
