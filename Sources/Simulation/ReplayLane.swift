import EdgeCompiler
import EdgeModel
import RulesLanguage
import Traces

/// What one replaying thread keeps for its colos: their edges, the summary of their decisions and the request it
/// refills for every record. A replay has one lane, or one per thread with `--jobs` (`ParallelReplay`); lanes see
/// disjoint colos, so their summaries merge into the one a single lane would have made.
final class ReplayLane {
    /// The colos' edges.
    let models: ColoEdges
    /// What the lane's decisions add up to.
    @exclusivity(unchecked) var summary: ReplaySummary
    private let redactor: Redactor
    @exclusivity(unchecked) private var request = EdgeRequest(HTTPRequest())

    /// A lane over a fresh model of `edge`, with an empty summary of its settings.
    init(_ edge: CompiledEdge, options: ReplayOptions) throws(Replay.Failure) {
        models = try Replay.model(for: edge, rateLimitDelay: options.rateLimitDelay)
        redactor = options.redactor
        summary = ReplaySummary(edge, rateLimitDelay: options.rateLimitDelay)
    }

    /// Runs `item` through its colo's edge at its virtual time and counts the decision.
    @inline(__always)
    func process(_ item: OrderedTraceRecord) -> Decision {
        TraceRequestBuilder.fill(&request, from: item.record)
        request.http.timestampMilliseconds = item.virtualTimeMs
        let decision = models.process(request, colo: item.colo)
        summary.add(decision, time: item.virtualTimeMs, record: item.record, index: item.number, redactor: redactor)
        summary.compare(
            decision, with: item.record.outcome, record: item.record, index: item.number, redactor: redactor)
        if decision.originContacted { summary.appUsage.count(item.record) }
        return decision
    }
}
