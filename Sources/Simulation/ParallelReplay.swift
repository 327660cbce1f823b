import EdgeCompiler
import EdgeCore
import Foundation
import Traces

/// `replay --jobs N`: the calling thread reads and parses the trace and deals each record to the lane of its colo;
/// N lane threads put their colos' records in time order and run them through their colos' edges. A colo's
/// records all go to one lane, in input order, so every record gets the decision and virtual time it gets on one
/// thread, and the lanes' summaries merge into the single-thread summary (`docs/decisions/0031-one-clock-per-colo.md`).
///
/// A colo goes to the lane with the fewest records so far when its first record comes. Each lane's queue holds at
/// most `queuedBatches` batches of `batchSize` records, so memory does not follow the trace length.
enum ParallelReplay {
    /// Records handed to a lane at once.
    static let batchSize = 2048
    /// Batches that may wait for a lane.
    static let queuedBatches = 4

    /// Replays `paths` through `edge` on `options.jobs` lanes.
    static func run(_ edge: CompiledEdge, paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector)
        throws(Replay.Failure) -> ReplaySummary
    {
        var lanes: [ReplayLane] = []
        for _ in 0..<max(1, options.jobs) { lanes.append(try ReplayLane(edge, options: options)) }
        let writer = try Replay.openDecisions(options)
        let decisions = writer.map(SharedDecisionWriter.init)
        var readerOptions = TraceReaderOptions()
        readerOptions.maxErrors = options.maxErrors
        readerOptions.byteCounter = options.byteCounter
        var source: MergedTraceSource
        do {
            source = try MergedTraceSource(
                paths: paths, format: options.format, options: readerOptions, diagnostics: diagnostics)
        } catch {
            throw .trace(error)
        }
        let workers = lanes.map {
            LaneWorker(lane: $0, toleranceMs: options.toleranceMilliseconds, decisions: decisions)
        }
        let done = DispatchGroup()
        for worker in workers {
            done.enter()
            let thread = Thread {
                worker.run()
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var coverage = TraceFieldCoverage(for: [edge])
        let failure = deal(&source, to: workers, coverage: &coverage, progress: options.progress)
        for worker in workers { worker.queue.close() }
        done.wait()
        if let failure { throw .trace(failure) }
        try Replay.finish(writer)
        var summary = workers[0].lane.summary
        for worker in workers.dropFirst() { summary.merge(worker.lane.summary) }
        summary.noteReading(source.statistics, coverage: coverage)
        return summary
    }

    /// Reads every record and hands it to its colo's lane in batches; the read error that stopped it, if any.
    private static func deal(
        _ source: inout MergedTraceSource, to workers: [LaneWorker], coverage: inout TraceFieldCoverage,
        progress: (@Sendable (Int) -> Void)?
    ) -> TraceReadError? {
        var laneOfColo: [ColoKey: Int] = [:]
        var load = [Int](repeating: 0, count: workers.count)
        var batches = workers.map { $0.queue.emptyBatch() }
        var scratch = TraceRecord()
        var index = 0
        var failure: TraceReadError?
        do {
            while try source.next(into: &scratch) {
                coverage.note(scratch)
                let colo = ColoKey(of: scratch)
                let lane: Int
                if let known = laneOfColo[colo] {
                    lane = known
                } else {
                    lane = load.indices.min { load[$0] < load[$1] } ?? 0
                    laneOfColo[colo] = lane
                }
                load[lane] += 1
                batches[lane].append(&scratch, index: index)
                if batches[lane].count == batchSize {
                    workers[lane].queue.put(batches[lane])
                    batches[lane] = workers[lane].queue.emptyBatch()
                }
                index += 1
                if index & (ReplayOptions.progressInterval - 1) == 0 { progress?(index) }
            }
        } catch {
            failure = error
        }
        for (lane, batch) in batches.enumerated() where batch.count > 0 { workers[lane].queue.put(batch) }
        return failure
    }
}

/// Records dealt to a lane at once, each with its place in the input. Reused: a lane gives a batch back once its
/// records are filed, holding the records they were swapped with.
final class RecordBatch: @unchecked Sendable {
    var records: [TraceRecord]
    var indices: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        records = Array(repeating: TraceRecord(), count: capacity)
        indices = Array(repeating: 0, count: capacity)
    }

    /// Swaps `record` into the next place.
    func append(_ record: inout TraceRecord, index: Int) {
        swap(&record, &records[count])
        indices[count] = index
        count += 1
    }

    /// Empties the batch for reuse.
    func clear() {
        count = 0
    }
}

/// The batches waiting for one lane, and the lane's used batches for the reader to refill.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [RecordBatch] = []
    private var spare: [RecordBatch] = []
    private var closed = false

    /// A batch to fill: a used one when the lane gave one back, else a new one.
    func emptyBatch() -> RecordBatch {
        condition.withLock { spare.popLast() } ?? RecordBatch(capacity: ParallelReplay.batchSize)
    }

    /// Queues `batch`, waiting while `ParallelReplay.queuedBatches` wait.
    func put(_ batch: RecordBatch) {
        condition.lock()
        while waiting.count >= ParallelReplay.queuedBatches { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; nil once the queue is closed and empty.
    func take() -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Gives a used batch back for refilling.
    func giveBack(_ batch: RecordBatch) {
        batch.clear()
        condition.withLock { spare.append(batch) }
    }

    /// No more batches will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// One lane on its thread: files its batches' records in its colos' time order and processes each one that may go.
final class LaneWorker: @unchecked Sendable {
    /// The lane; read once the thread is done.
    let lane: ReplayLane
    /// Its batches.
    let queue = BatchQueue()
    @exclusivity(unchecked) private var order: ColoTimeOrder
    private let decisions: SharedDecisionWriter?
    @exclusivity(unchecked) private var pendingDecisions: [(index: Int, text: String)] = []

    init(lane: ReplayLane, toleranceMs: Int64, decisions: SharedDecisionWriter?) {
        self.lane = lane
        order = ColoTimeOrder(toleranceMs: toleranceMs)
        self.decisions = decisions
    }

    /// Processes batches until the queue closes, then everything still held.
    func run() {
        while let batch = queue.take() {
            for position in 0..<batch.count {
                order.file(&batch.records[position], inputIndex: batch.indices[position])
                processReady()
            }
            queue.giveBack(batch)
            handOverDecisions()
        }
        order.finish()
        processReady()
        handOverDecisions()
        lane.summary.lateRecords = order.lateRecords
    }

    private func processReady() {
        while let place = order.nextReady() {
            order.withRecord(place) { item in
                let decision = lane.process(item)
                if decisions != nil {
                    pendingDecisions.append(
                        (
                            item.inputIndex,
                            DecisionWriter.json(
                                n: item.inputIndex + 1, line: item.record.line, timestamp: item.virtualTimeMs,
                                decision)
                        ))
                }
            }
        }
    }

    private func handOverDecisions() {
        guard let decisions, !pendingDecisions.isEmpty else { return }
        decisions.add(pendingDecisions)
        pendingDecisions.removeAll(keepingCapacity: true)
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
