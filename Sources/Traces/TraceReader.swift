import EdgeCore
import Glibc

/// Streams `TraceRecord`s out of one trace file: native JSONL, Cloudflare Logpush ndjson or the combined log
/// format, plain or gzip-compressed (told by the gzip magic bytes, not the name).
///
/// The file is read in chunks of `TraceReaderOptions.chunkSize` with `read(2)` and never held whole; lines are
/// split with `memchr` and parsed in place. A line may span chunks and be as long as `maxLineLength`; a longer
/// one stops reading with `TraceReadError.lineTooLong` (no trace has such lines; `/dev/zero` would otherwise be
/// read forever). A malformed line is reported (`diagnostics`, with line and column) and skipped; more than
/// `maxErrors` of them stop reading with `TraceReadError.tooManyErrors`, and a file whose every non-blank line is
/// malformed ends with `TraceReadError.noRecords`. A compressed stream that ends early or is corrupt is an error
/// diagnostic, reported after every complete line before it was delivered, then `TraceReadError.damagedInput`.
///
/// A record's slices point into the chunk it was read from; a chunk is reused only when no record refers to
/// it any more, so records may be kept (say, in `TimeOrderedTraceReader`) for as long as needed.
public final class TraceReader: TraceRecordSource {
    /// All reading state, kept in one struct so the hot loop pays for one exclusivity check per record.
    @exclusivity(unchecked) private var core: TraceReaderCore

    /// The file name used in diagnostics.
    public var name: String { core.name }
    /// The format asked for; `auto` until the first bytes are read, then the detected one.
    public var format: TraceFormat { core.format }
    /// Whether the input turned out to be gzip-compressed (known after the first `next()`).
    public var isCompressed: Bool { core.isCompressed }
    /// Findings about the input: malformed and repaired lines, truncation.
    public var diagnostics: DiagnosticCollector { core.diagnostics }
    /// Counts so far.
    public var statistics: TraceReadStatistics { core.statistics }
    /// Whether the input is a shard file (`TraceShard`; known after the first `next()`): its records carry their
    /// `originalNumber`, their original line and the name of the trace they came from.
    public var isShard: Bool { core.readsShard }
    /// The shard, complete with its counts, once a shard file was read to its end.
    public var shard: TraceShard? { core.shard }

    /// Opens the trace file at `path`.
    public convenience init(
        path: String, format: TraceFormat = .auto, options: TraceReaderOptions = TraceReaderOptions(),
        diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) throws(TraceReadError) {
        self.init(
            source: try FileDescriptorSource(
                path: path, writerWaitMilliseconds: options.writerWaitMilliseconds, counter: options.byteCounter),
            name: path, format: format, options: options, diagnostics: diagnostics)
    }

    /// Reads a trace from an open file descriptor (standard input, a pipe); the descriptor is not closed.
    public convenience init(
        fileDescriptor: Int32, name: String, format: TraceFormat = .auto,
        options: TraceReaderOptions = TraceReaderOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) {
        self.init(
            source: FileDescriptorSource(descriptor: fileDescriptor, name: name, counter: options.byteCounter),
            name: name, format: format,
            options: options, diagnostics: diagnostics)
    }

    /// Reads a trace held in memory (tests, `--request` values).
    public convenience init(
        bytes: [UInt8], name: String, format: TraceFormat = .auto, options: TraceReaderOptions = TraceReaderOptions(),
        diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) {
        self.init(source: MemorySource(bytes), name: name, format: format, options: options, diagnostics: diagnostics)
    }

    private init(
        source: RawByteSource, name: String, format: TraceFormat, options: TraceReaderOptions,
        diagnostics: DiagnosticCollector
    ) {
        core = TraceReaderCore(source: source, name: name, format: format, options: options, diagnostics: diagnostics)
    }

    /// The next record in file order, or nil at the end of the file.
    public func next() throws(TraceReadError) -> TraceRecord? {
        var record = TraceRecord()
        return try core.next(into: &record) ? record : nil
    }

    /// Reads the next record in file order into `record`; false at the end of the file.
    public func next(into record: inout TraceRecord) throws(TraceReadError) -> Bool {
        try core.next(into: &record)
    }

    /// Swaps the last record's line as it was read (before parsing rewrote it; kept only with
    /// `TraceReaderOptions.keepsSourceLines`) into `line`, which gives its storage back for the next.
    public func takeSourceLine(into line: inout [UInt8]) {
        swap(&line, &core.sourceLine)
    }
}

/// The reading state and loop of a `TraceReader`.
struct TraceReaderCore {
    let name: String
    var format: TraceFormat
    var isCompressed = false
    let diagnostics: DiagnosticCollector
    var statistics = TraceReadStatistics()
    private let options: TraceReaderOptions
    private let raw: RawByteSource
    private var gzip: GzipSource?
    private var storage: TraceStorage
    private var position = 0
    private var filled = 0
    private var inputEnded = false
    private var started = false
    private var finished = false
    private var native = NativeTraceParser()
    private var logpush = LogpushTraceParser()
    private let combined = CombinedLogParser()
    private var warnings: [LineWarning] = []
    /// The shard file's lines, when the input is one.
    private(set) var shardLines: ShardLineParser?
    /// Whether the input is a shard file (`shardLines` is set): one test a line.
    private(set) var readsShard = false
    /// The last record's line as read, when `TraceReaderOptions.keepsSourceLines`.
    var sourceLine: [UInt8] = []
    /// The shard, once its file was read to the end.
    private(set) var shard: TraceShard?
    /// The file named in findings: the trace's name, or for a shard's record the trace it was cut from.
    private var findingsName: String
    /// The longest line read: a shard's lines may be longer than their trace's by their prefix.
    private var lineLimit: Int

    init(
        source: RawByteSource, name: String, format: TraceFormat, options: TraceReaderOptions,
        diagnostics: DiagnosticCollector
    ) {
        raw = source
        self.name = name
        self.format = format
        self.options = options
        self.diagnostics = diagnostics
        storage = TraceStorage(capacity: options.chunkSize)
        findingsName = name
        lineLimit = options.maxLineLength
    }

    /// Reads the next record in file order into `record`; false at the end of the file.
    mutating func next(into record: inout TraceRecord) throws(TraceReadError) -> Bool {
        if !started { try start() }
        while !finished {
            let available = filled - position
            if available > 0, let newline = memchr(storage.base + position, 0x0A, available) {
                let lineStart = position
                let lineEnd = newline.assumingMemoryBound(to: UInt8.self) - storage.base
                position = lineEnd + 1
                statistics.lines += 1
                if try parseLine(start: lineStart, end: lineEnd, into: &record) { return true }
                continue
            }
            if inputEnded {
                try finish()
                let last = try lastLineWithoutNewline(into: &record)
                if let shardLines, shard == nil {
                    shard = try shardLines.finish(name: name)
                    statistics.malformedLines += shard?.malformedLines ?? 0
                }
                if last { return true }
                try checkSomethingWasRead()
                continue
            }
            try refill()
        }
        return false
    }

    // MARK: input

    /// Reads the first chunk, switches to inflating when it starts with the gzip magic, and sniffs the format.
    private mutating func start() throws(TraceReadError) {
        started = true
        try refill()
        if filled >= 2, storage.base[0] == 0x1F, storage.base[1] == 0x8B {
            isCompressed = true
            gzip = GzipSource(raw: raw, prefix: UnsafeRawBufferPointer(start: storage.base, count: filled))
            filled = 0
            inputEnded = false
            try refill()
        }
        if filled >= 3, storage.base[0] == 0xEF, storage.base[1] == 0xBB, storage.base[2] == 0xBF { position = 3 }
        if startsWithShardMagic() {
            shardLines = ShardLineParser()
            readsShard = true
            lineLimit += 64
            return
        }
        if format == .auto {
            format = TraceFormat.sniff(UnsafeRawBufferPointer(start: storage.base + position, count: filled - position))
        }
    }

    /// Whether the input starts with `TraceShard.magic`.
    private func startsWithShardMagic() -> Bool {
        let magic = TraceShard.magic.utf8
        guard filled - position >= magic.count else { return false }
        return zip(magic, (storage.base + position)..<(storage.base + position + magic.count)).allSatisfy {
            $0 == $1.pointee
        }
    }

    /// Moves the unfinished line to the start of a chunk (a fresh one when records still use the current one),
    /// growing the chunk for long lines, and reads more bytes after it.
    private mutating func refill() throws(TraceReadError) {
        let partial = filled - position
        if partial > lineLimit { try stopAtLongLine(statistics.lines + 1) }
        var capacity = options.chunkSize
        while capacity - partial < capacity / 2, capacity < lineLimit + options.chunkSize { capacity *= 2 }
        capacity = min(capacity, lineLimit + options.chunkSize)
        if isKnownUniquelyReferenced(&storage), storage.capacity >= capacity {
            if partial > 0, position > 0 { memmove(storage.base, storage.base + position, partial) }
            storage.resetHeaders()
        } else {
            let fresh = TraceStorage(capacity: capacity)
            if partial > 0 { fresh.base.update(from: storage.base + position, count: partial) }
            storage = fresh
        }
        position = 0
        filled = partial
        let free = storage.capacity - filled
        let count: Int
        if let gzip {
            count = try gzip.read(into: storage.base + filled, count: free)
        } else {
            count = try raw.read(into: storage.base + filled, count: free)
        }
        if count == 0 { inputEnded = true }
        filled += count
    }

    /// At the end of the input: reports how a compressed stream ended, and stops when it is damaged.
    private mutating func finish() throws(TraceReadError) {
        finished = true
        guard let gzip else { return }
        let lastLine = statistics.lines
        switch gzip.ending {
        case .open, .complete:
            break
        case .truncated:
            let dropped = filled > position ? "; the incomplete line \(lastLine + 1) was not read" : ""
            try stopAtDamage(
                TraceDiagnosticID.truncatedInput,
                "compressed stream ends early: the file is truncated after line \(lastLine)\(dropped)",
                line: lastLine + 1, reason: "the compressed stream is truncated after line \(lastLine)")
        case let .corrupt(message):
            try stopAtDamage(
                TraceDiagnosticID.corruptInput,
                "compressed data is corrupt (\(message)); reading stopped after line \(lastLine)",
                line: lastLine + 1, reason: "the compressed data is corrupt after line \(lastLine) (\(message))")
        case .trailingGarbage:
            reportWarning(
                TraceDiagnosticID.trailingData, "bytes after the end of the compressed stream are ignored",
                line: lastLine + 1, column: 1)
        }
    }

    /// The line after the last newline, when the input does not end with one.
    private mutating func lastLineWithoutNewline(into record: inout TraceRecord) throws(TraceReadError) -> Bool {
        defer { reportSuppressedWarnings() }
        guard filled > position else { return false }
        let start = position
        position = filled
        statistics.lines += 1
        return try parseLine(start: start, end: filled, into: &record)
    }

    /// Reports the compressed stream as damaged at line `line`, drops the rest of the input and stops reading
    /// (`reason` says why).
    private mutating func stopAtDamage(_ id: String, _ message: String, line: Int, reason: String)
        throws(TraceReadError) -> Never
    {
        reportError(id, message, line: line, column: 1)
        position = filled
        reportSuppressedWarnings()
        throw .damagedInput(file: name, reason: reason)
    }

    /// Reports line `line` as longer than `maxLineLength` and stops reading.
    private func stopAtLongLine(_ line: Int) throws(TraceReadError) -> Never {
        reportError(
            TraceDiagnosticID.lineTooLong, "line is longer than the maximum of \(lineLimit) bytes",
            line: line, column: 1)
        throw .lineTooLong(file: name, line: line, limit: lineLimit)
    }

    // MARK: lines

    /// Parses one line (without its newline) into `record`; false when the line gave no record.
    @inline(__always)
    private mutating func parseLine(start: Int, end lineEnd: Int, into record: inout TraceRecord) throws(TraceReadError)
        -> Bool
    {
        // A refill stops a longer line once it outgrows the chunk; this catches one that ends within the last chunk.
        if lineEnd - start > lineLimit { try stopAtLongLine(statistics.lines) }
        var end = lineEnd
        if end > start, storage.base[end - 1] == 0x0D { end -= 1 }
        var lineStart = start
        var format = format
        var line = statistics.lines
        var number = -1
        defer { if readsShard { findingsName = name } }
        if readsShard {
            guard
                case let .record(prefix) = try shardLines!.take(
                    storage.base, start: start, end: end, records: statistics.records, name: name)
            else { return false }
            lineStart = prefix.payloadStart
            format = prefix.input.format
            line = prefix.line
            number = prefix.number
            findingsName = prefix.input.name
        }
        var first = lineStart
        while first < end, storage.base[first] == 0x20 || storage.base[first] == 0x09 { first += 1 }
        if first == end {
            statistics.blankLines += 1
            return false
        }
        record.reset(storage: storage, line: line)
        if options.keepsSourceLines {
            sourceLine.removeAll(keepingCapacity: true)
            sourceLine.append(contentsOf: UnsafeBufferPointer(start: storage.base + lineStart, count: end - lineStart))
        }
        record.storedNumber = number
        do {
            switch format {
            case .native, .auto:
                try native.parse(start: first, end: end, into: &record, warnings: &warnings)
            case .logpush:
                try logpush.parse(start: first, end: end, into: &record, warnings: &warnings)
            case .combined:
                if let skipped = try combined.parse(start: first, end: end, into: &record, warnings: &warnings) {
                    statistics.skippedLines += 1
                    reportWarning(
                        TraceDiagnosticID.noRequest, skipped.reason, line: record.line,
                        column: column(of: skipped.position, lineStart: lineStart))
                    reportLineWarnings(lineStart: lineStart, line: record.line)
                    return false
                }
            }
        } catch {
            statistics.malformedLines += 1
            warnings.removeAll(keepingCapacity: true)
            reportError(
                TraceDiagnosticID.malformedLine, error.reason + "; line skipped", line: record.line,
                column: column(of: error.position, lineStart: lineStart))
            try checkErrorLimit()
            return false
        }
        if !warnings.isEmpty { reportLineWarnings(lineStart: lineStart, line: record.line) }
        statistics.records += 1
        return true
    }

    private mutating func reportLineWarnings(lineStart: Int, line: Int) {
        for warning in warnings {
            if warning.kind == .repaired { statistics.repairedLines += 1 }
            reportWarning(
                warning.kind == .repaired ? TraceDiagnosticID.repairedLine : TraceDiagnosticID.ignoredValue,
                warning.reason, line: line, column: column(of: warning.position, lineStart: lineStart))
        }
        warnings.removeAll(keepingCapacity: true)
    }

    /// The 1-based column, in Unicode scalars, of storage offset `position` on the line starting at `lineStart`.
    private func column(of position: Int, lineStart: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < min(position, filled) {
            if storage.base[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    // MARK: reporting

    private func reportError(_ id: String, _ message: String, line: Int, column: Int) {
        diagnostics.error(
            id, message, at: SourceRange(file: findingsName, at: SourceLocation(line: line, column: column)))
    }

    private mutating func reportWarning(_ id: String, _ message: String, line: Int, column: Int) {
        guard diagnostics.count(.warning) < options.maxWarnings else {
            statistics.suppressedWarnings += 1
            return
        }
        diagnostics.warning(
            id, message, at: SourceRange(file: findingsName, at: SourceLocation(line: line, column: column)))
    }

    private mutating func reportSuppressedWarnings() {
        guard statistics.suppressedWarnings > 0, finished else { return }
        let count = statistics.suppressedWarnings
        statistics.suppressedWarnings = 0
        diagnostics.report(
            Diagnostic(
                TraceDiagnosticID.suppressedWarnings, .note, "\(count) more warnings were not shown",
                at: SourceRange(file: name, at: SourceLocation(line: max(1, statistics.lines), column: 1))))
        statistics.suppressedWarnings = count
    }

    /// At the end of the input: a file whose every non-blank line was malformed gave nothing to replay.
    private func checkSomethingWasRead() throws(TraceReadError) {
        if !readsShard, statistics.records == 0, statistics.malformedLines > 0 {
            throw .noRecords(file: name, malformedLines: statistics.malformedLines)
        }
    }

    private mutating func checkErrorLimit() throws(TraceReadError) {
        if !readsShard, statistics.malformedLines > options.maxErrors {
            throw .tooManyErrors(file: name, limit: options.maxErrors)
        }
    }
}
