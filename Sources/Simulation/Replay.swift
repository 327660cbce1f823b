import EdgeCompiler
import EdgeCore
import EdgeModel
import ManagedRules
import RulesLanguage
import Traces

/// Options of one replay.
public struct ReplayOptions: Sendable {
    /// Trace format (`auto` sniffs).
    public var format: TraceFormat = .auto
    /// Malformed lines tolerated before stopping.
    public var maxErrors = 100
    /// How far back in time a record may arrive and still be re-ordered.
    public var toleranceMilliseconds = TimeOrderedTraceReader<MergedTraceSource>.defaultToleranceMs
    /// Where to write one decision per record, if anywhere.
    public var decisionsPath: String?
    /// What example requests hide.
    public var redactor = Redactor()
    /// The rate-limit counter delay, overriding the spec's `replay.rate_limit_delay`; nil keeps the spec's (0 s
    /// when it sets none).
    public var rateLimitDelay: EdgeDuration?
    /// Called every `progressInterval` records with the number processed in this pass (for a progress line).
    public var progress: (@Sendable (Int) -> Void)?
    /// Counts the bytes read from the traces, if set (for a progress line).
    public var byteCounter: TraceByteCounter?
    /// The threads that evaluate the OWASP Core Rule Set ahead of the model (decision 0022); the results are the
    /// same bytes with any number.
    public var managedRulesThreads = VerdictLookahead.defaultThreads

    /// Threads that replay colos at the same time (`--jobs`); 1 replays on the calling thread. The results are the
    /// same bytes with any number (`docs/decisions/0031-one-clock-per-colo.md`).
    public var jobs = 1

    /// Records between two calls of `progress`: rare enough to cost nothing measurable in the hot loop.
    public static let progressInterval = 1 << 16

    /// Default options.
    public init() {}
}

/// Streams traces through the edge model in time order and summarises the decisions. Memory follows live state
/// (limiter keys, cached objects, the re-ordering window), never the trace length.
public enum Replay {
    /// Why a replay stopped.
    public enum Failure: Error, CustomStringConvertible {
        /// A trace could not be read (exit 2).
        case trace(TraceReadError)
        /// The model configuration is unusable.
        case configuration(String)
        /// The managed rules the spec deploys cannot be loaded (exit 2).
        case managedRules(ManagedRulesLoadError)
        /// The decisions file could not be written.
        case output(String)

        /// A message for the user.
        public var description: String {
            switch self {
            case let .trace(error): "\(error)"
            case let .configuration(message): "the edge model cannot run this spec: \(message)"
            case let .managedRules(error): "\(error)"
            case let .output(message): message
            }
        }
    }

    /// A fresh model of `edge`, one edge per colo, its rate limits counting with `rateLimitDelay` (nil: the spec's).
    static func model(for edge: CompiledEdge, rateLimitDelay: EdgeDuration?) throws(Failure) -> ColoEdges {
        let configuration: EdgeConfiguration
        do {
            configuration = try ModelConfigurationBuilder.configuration(for: edge, rateLimitDelay: rateLimitDelay)
        } catch {
            throw .managedRules(error)
        }
        return try ColoEdges(configuration: configuration)
    }

    /// The traces as one time-ordered stream (merged by timestamp, re-ordered within the tolerance).
    static func openTraces(_ paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector) throws(Failure)
        -> TimeOrderedTraceReader<MergedTraceSource>
    {
        var readerOptions = TraceReaderOptions()
        readerOptions.maxErrors = options.maxErrors
        readerOptions.byteCounter = options.byteCounter
        do {
            let source = try MergedTraceSource(
                paths: paths, format: options.format, options: readerOptions, diagnostics: diagnostics)
            return TimeOrderedTraceReader(source, toleranceMs: options.toleranceMilliseconds)
        } catch {
            throw .trace(error)
        }
    }

    /// Replays `paths` through the model of `edge`; trace diagnostics (malformed lines) go to `diagnostics`. With
    /// `options.jobs` above 1 the colos are replayed on that many threads (`ParallelReplay`), with the same result.
    public static func run(
        _ edge: CompiledEdge, paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector
    ) throws(Failure) -> ReplaySummary {
        if options.jobs > 1 {
            return try ParallelReplay.run(edge, paths: paths, options: options, diagnostics: diagnostics)
        }
        let lane = try ReplayLane(edge, options: options)
        var ordered = VerdictLookahead(
            try openTraces(paths, options: options, diagnostics: diagnostics), models: [lane.models],
            threads: options.managedRulesThreads)
        let writer = try openDecisions(options)
        var coverage = TraceFieldCoverage(for: [edge])
        do {
            try ordered.forEachRecord { item in
                coverage.note(item.record)
                let decision = lane.process(item)
                writer?.write(
                    index: item.inputIndex, number: item.number, line: item.record.line, timestamp: item.virtualTimeMs,
                    decision: decision)
                if lane.summary.requests & (ReplayOptions.progressInterval - 1) == 0 {
                    options.progress?(lane.summary.requests)
                }
            }
        } catch {
            throw .trace(error)
        }
        try finish(writer)
        var summary = lane.summary
        summary.lateRecords = ordered.reader.lateRecords
        summary.noteReading(
            ordered.reader.source.statistics, coverage: coverage, shard: ordered.reader.source.shard)
        return summary
    }

    /// The decisions file `options` asks for, opened.
    static func openDecisions(_ options: ReplayOptions) throws(Failure) -> DecisionWriter? {
        do {
            return try options.decisionsPath.map { path throws(OutputFileError) in try DecisionWriter(path: path) }
        } catch {
            throw .output(error.description)
        }
    }

    /// Commits the decisions file, if any.
    static func finish(_ writer: DecisionWriter?) throws(Failure) {
        do {
            try writer?.finish()
        } catch {
            throw .output(error.description)
        }
    }
}
