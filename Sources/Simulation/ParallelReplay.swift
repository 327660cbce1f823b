import EdgeCompiler
import EdgeCore
import EdgeModel
import Foundation
import Traces

/// `replay --jobs N`: the trace's colos spread over N `ReplayLane`s on their own threads (`ColoLanes`); the lanes'
/// summaries merge into the summary one lane would have made, and their decisions go to one file in input order.
enum ParallelReplay {
    /// Decisions a lane collects before handing them to the file.
    static let decisionsPerHandover = 4096

    /// Replays `paths` through `edge` on `options.jobs` lanes.
    static func run(_ edge: CompiledEdge, paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector)
        throws(Replay.Failure) -> ReplaySummary
    {
        var lanes: [ReplayLane] = []
        for _ in 0..<ColoLanes.laneCount(jobs: options.jobs) { lanes.append(try ReplayLane(edge, options: options)) }
        let writer = try Replay.openDecisions(options)
        let decisions = writer.map(SharedDecisionWriter.init)
        let reading = try ColoLanes.run(
            paths: paths, options: options, diagnostics: diagnostics, coverage: TraceFieldCoverage(for: [edge]),
            lanes: lanes.map { lane in
                let lines = DecisionLines(decisions)
                return (
                    process: { item in lines.add(item, lane.process(item)) },
                    finish: { lines.handOver() }
                )
            })
        try Replay.finish(writer)
        var summary = lanes[0].summary
        for lane in lanes.dropFirst() { summary.merge(lane.summary) }
        summary.lateRecords = reading.lateRecords
        summary.noteReading(reading.statistics, coverage: reading.coverage, shard: reading.shard)
        return summary
    }
}

/// One lane's decision lines on their way to the shared file: collected on the lane's thread, handed over in
/// batches.
private final class DecisionLines: @unchecked Sendable {
    private let writer: SharedDecisionWriter?
    private var lines: [(index: Int, text: String)] = []

    init(_ writer: SharedDecisionWriter?) {
        self.writer = writer
    }

    /// Adds the decision on `item`, when decisions are written.
    func add(_ item: OrderedTraceRecord, _ decision: Decision) {
        guard writer != nil else { return }
        lines.append(
            (
                item.inputIndex,
                DecisionWriter.json(
                    n: item.number + 1, line: item.record.line, timestamp: item.virtualTimeMs, decision)
            ))
        if lines.count >= ParallelReplay.decisionsPerHandover { handOver() }
    }

    /// Hands what was collected to the file.
    func handOver() {
        guard let writer, !lines.isEmpty else { return }
        writer.add(lines)
        lines.removeAll(keepingCapacity: true)
    }
}

/// The decisions file shared by the lanes: each hands over its decisions a batch at a time.
final class SharedDecisionWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let writer: DecisionWriter

    init(_ writer: DecisionWriter) {
        self.writer = writer
    }

    /// Adds decision lines, each with its record's place in the input.
    func add(_ lines: [(index: Int, text: String)]) {
        lock.withLock { for line in lines { writer.add(index: line.index, text: line.text) } }
    }
}
