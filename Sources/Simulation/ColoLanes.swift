import EdgeCore
import Foundation
import Traces

/// Spreads a trace's colos over threads (`--jobs`): the calling thread reads and parses the trace and deals each
/// record to the lane of its colo; each lane thread puts its colos' records in time order (`ColoTimeOrder`) and
/// hands each to its `process` closure. A colo's records all go to one lane, in input order, so every record gets
/// the virtual time it gets on one thread, and lanes that keep per-colo state by `OrderedTraceRecord.colo` decide
/// as one thread would (`docs/decisions/0031-one-clock-per-colo.md`).
///
/// A colo goes to the lane with the fewest records so far when its first record comes. Each lane's queue holds at
/// most `queuedBatches` batches of `batchSize` records, so memory does not follow the trace length.
enum ColoLanes {
    /// Records handed to a lane at once.
    static let batchSize = 4096
    /// Batches that may wait for a lane.
    static let queuedBatches = 8

    /// What reading found: the reader's statistics, the late records over every lane, and the fields no record
    /// supplied.
    struct Reading {
        let statistics: (lines: Int, records: Int, malformed: Int, repaired: Int)
        let lateRecords: Int
        let coverage: TraceFieldCoverage
    }

    /// Reads `paths` and runs each lane's `process` on its own thread over its colos' records in time order, then
    /// its `finish` there once they are all processed. `coverage` notes every record on the reading thread.
    static func run(
        paths: [String], options: ReplayOptions, diagnostics: DiagnosticCollector, coverage: TraceFieldCoverage,
        lanes: [(process: (OrderedTraceRecord) -> Void, finish: () -> Void)]
    ) throws(Replay.Failure) -> Reading {
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
            LaneWorker(toleranceMs: options.toleranceMilliseconds, process: $0.process, finish: $0.finish)
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
        var coverage = coverage
        let failure = deal(&source, to: workers, coverage: &coverage, progress: options.progress)
        for worker in workers { worker.queue.close() }
        done.wait()
        if let failure { throw .trace(failure) }
        return Reading(
            statistics: source.statistics, lateRecords: workers.reduce(0) { $0 + $1.lateRecords }, coverage: coverage)
    }

    /// Reads every record and hands it to its colo's lane in batches; the read error that stopped it, if any.
    private static func deal(
        _ source: inout MergedTraceSource, to workers: [LaneWorker], coverage: inout TraceFieldCoverage,
        progress: (@Sendable (Int) -> Void)?
    ) -> TraceReadError? {
        var colos = ColoNumbering()
        var laneOfColo: [Int] = []
        var load = [Int](repeating: 0, count: workers.count)
        var batches = workers.map { $0.queue.emptyBatch() }
        var scratch = TraceRecord()
        var index = 0
        var failure: TraceReadError?
        do {
            while try source.next(into: &scratch) {
                coverage.note(scratch)
                let colo = colos.number(of: scratch)
                if colo == laneOfColo.count { laneOfColo.append(load.indices.min { load[$0] < load[$1] } ?? 0) }
                let lane = laneOfColo[colo]
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
    @exclusivity(unchecked) var records: [TraceRecord]
    @exclusivity(unchecked) var indices: [Int]
    @exclusivity(unchecked) private(set) var count = 0

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
        condition.withLock { spare.popLast() } ?? RecordBatch(capacity: ColoLanes.batchSize)
    }

    /// Queues `batch`, waiting while `ColoLanes.queuedBatches` wait.
    func put(_ batch: RecordBatch) {
        condition.lock()
        while waiting.count >= ColoLanes.queuedBatches { condition.wait() }
        waiting.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, waiting for one; nil once the queue is closed and empty. A reader waiting for room is woken
    /// only once half the queue is free, so that it refills it in one go rather than a batch per wake-up.
    func take() -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty, !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        if waiting.count <= ColoLanes.queuedBatches / 2 { condition.broadcast() }
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
    /// Its batches.
    let queue = BatchQueue()
    /// Records that came later than the window allows; read once the thread is done.
    private(set) var lateRecords = 0
    @exclusivity(unchecked) private var order: ColoTimeOrder
    private let process: (OrderedTraceRecord) -> Void
    private let finish: () -> Void

    init(toleranceMs: Int64, process: @escaping (OrderedTraceRecord) -> Void, finish: @escaping () -> Void) {
        order = ColoTimeOrder(toleranceMs: toleranceMs)
        self.process = process
        self.finish = finish
    }

    /// Processes batches until the queue closes, then everything still held.
    func run() {
        while let batch = queue.take() {
            let count = batch.count
            batch.records.withUnsafeMutableBufferPointer { records in
                for position in 0..<count {
                    order.file(&records[position], inputIndex: batch.indices[position])
                    processReady()
                }
            }
            queue.giveBack(batch)
        }
        order.finish()
        processReady()
        finish()
        lateRecords = order.lateRecords
    }

    private func processReady() {
        while let slot = order.nextReady() { order.withRecord(slot, process) }
    }
}
