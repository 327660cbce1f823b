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

    /// A fresh edge model for `edge`, its rate limits counting with `rateLimitDelay` (nil: the spec's).
    static func model(for edge: CompiledEdge, rateLimitDelay: EdgeDuration?) throws(Failure) -> Edge {
        let configuration: EdgeConfiguration
        do {
            configuration = try ModelConfigurationBuilder.configuration(for: edge, rateLimitDelay: rateLimitDelay)
        } catch {
            throw .managedRules(error)
        }
        do {
            return try Edge(configuration: configuration)
        } catch {
            throw .configuration(error.problems.joined(separator: "; "))
        }
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

    /// Replays `paths` through the model of `edge`; trace diagnostics (malformed lines) go to `diagnostics`.
    public static func run(
        _ edge: CompiledEdge, paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector
    ) throws(Failure) -> ReplaySummary {
        let model = try model(for: edge, rateLimitDelay: options.rateLimitDelay)
        var ordered = VerdictLookahead(
            try openTraces(paths, options: options, diagnostics: diagnostics), models: [model],
            threads: options.managedRulesThreads)
        let writer: DecisionWriter?
        do {
            writer = try options.decisionsPath.map { path throws(OutputFileError) in try DecisionWriter(path: path) }
        } catch {
            throw .output(error.description)
        }
        var summary = ReplaySummary()
        summary.appUsage = AppUsageMeter(app: edge.app)
        summary.rateLimitDelay = ModelConfigurationBuilder.rateLimitDelay(for: edge, override: options.rateLimitDelay)
        summary.notSimulated = NotSimulatedSettings.uses(in: edge)
        summary.owasp = OWASPDeployment(edge).map(OWASPSummary.init)
        var request = EdgeRequest(HTTPRequest())
        var coverage = TraceFieldCoverage(for: [edge])
        do {
            try ordered.forEachRecord { item in
                coverage.note(item.record)
                TraceRequestBuilder.fill(&request, from: item.record)
                request.http.timestampMilliseconds = item.virtualTimeMs
                let decision = model.process(request)
                summary.add(decision, time: item.virtualTimeMs, record: item.record, redactor: options.redactor)
                summary.compare(decision, with: item.record.outcome, record: item.record, redactor: options.redactor)
                if decision.originContacted { summary.appUsage.count(item.record) }
                writer?.write(
                    index: item.inputIndex, line: item.record.line, timestamp: item.virtualTimeMs, decision: decision)
                if summary.requests & (ReplayOptions.progressInterval - 1) == 0 { options.progress?(summary.requests) }
            }
        } catch {
            throw .trace(error)
        }
        do {
            try writer?.finish()
        } catch {
            throw .output(error.description)
        }
        let statistics = ordered.reader.source.statistics
        summary.lateRecords = ordered.reader.lateRecords
        summary.malformedRecords = statistics.malformed
        summary.repairedRecords = statistics.repaired
        summary.unsuppliedFields = coverage.unsupplied
        return summary
    }
}
