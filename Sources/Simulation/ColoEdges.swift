import EdgeModel
import Traces

/// The edge as Cloudflare runs it: one model per data centre, created when the colo's first record comes. Each colo
/// counts its own rate limits, keeps its own cache and runs on its own virtual clock, so no colo's records change
/// another's decisions (`docs/decisions/0031-one-clock-per-colo.md`). Colos are known by the number the trace's
/// `ColoTimeOrder` gave them, so one `ColoEdges` serves one order. Not thread-safe: one per thread.
final class ColoEdges {
    /// The configuration every colo runs.
    let configuration: EdgeConfiguration
    /// Each colo's edge, by the colo's number (`OrderedTraceRecord.colo`).
    @exclusivity(unchecked) private var edges: [Edge] = []

    /// Edges running `configuration`; throws when the configuration has values the model cannot run on.
    init(configuration: EdgeConfiguration) throws(Replay.Failure) {
        let problems = configuration.problems()
        guard problems.isEmpty else { throw .configuration(problems.joined(separator: "; ")) }
        self.configuration = configuration
    }

    /// Processes `request` at the edge of colo number `colo` (`OrderedTraceRecord.colo`).
    @inline(__always)
    func process(_ request: EdgeRequest, colo: Int) -> Decision {
        while colo >= edges.count { edges.append(Edge(checked: configuration)) }
        return edges[colo].process(request)
    }
}
