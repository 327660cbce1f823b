import EdgeCore
import Foundation
import Traces

/// Spreads a trace's colos over threads (`--jobs`): the calling thread reads and parses the trace and deals each
/// record to the lane of its colo; `jobs` threads take lanes that have records waiting, put each lane's records in
/// its colos' time order (`ColoTimeOrder`) and hand each to the lane's `process` closure. A colo's records all go to
/// one lane, in input order, and a lane runs on one thread at a time, so every record gets the virtual time it gets
/// on one thread, and lanes that keep per-colo state by `OrderedTraceRecord.colo` decide as one thread would
/// (`docs/decisions/0031-one-clock-per-colo.md`).
///
/// There are `lanesPerJob` times more lanes than threads, and a colo goes to the lane with the fewest records so far
/// when its first record comes; threads are not tied to lanes, so a lane with more traffic than its share does not
/// leave a thread idle. Each lane's queue holds at most `queuedBatches` batches of `batchSize` records, so memory
/// does not follow the trace length.
enum ColoLanes {
    /// Records handed to a lane at once.
    static let batchSize = 2048
    /// Batches that may wait for a lane.
    static let queuedBatches = 4
    /// Lanes for each thread.
    static let lanesPerJob = 4

    /// The lanes to make for `jobs` threads.
    static func laneCount(jobs: Int) -> Int { max(1, jobs) * lanesPerJob }

    /// What reading found: the reader's statistics, the late records over every lane, and the fields no record
    /// supplied.
    struct Reading {
        let statistics: (lines: Int, records: Int, malformed: Int, repaired: Int)
        let lateRecords: Int
        let coverage: TraceFieldCoverage
        let shard: TraceShard?
    }

    /// Reads `paths` and runs each lane's `process` over its colos' records in time order on `jobs` threads, then
    /// each lane's `finish` once they are all processed. `coverage` notes every record on the reading thread.
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
        let scheduler = LaneScheduler(lanes: workers.count)
        let done = DispatchGroup()
        for _ in 0..<max(1, options.jobs) {
            done.enter()
            let thread = Thread {
                while let (lane, batches) = scheduler.take() {
                    for batch in batches { workers[lane].file(batch) }
                    scheduler.done(lane: lane, batches: batches)
                }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var coverage = coverage
        let failure = deal(
            &source, to: scheduler, lanes: workers.count, coverage: &coverage, progress: options.progress)
        scheduler.close()
        done.wait()
        DispatchQueue.concurrentPerform(iterations: workers.count) { workers[$0].finishLane() }
        if let failure { throw .trace(failure) }
        return Reading(
            statistics: source.statistics, lateRecords: workers.reduce(0) { $0 + $1.lateRecords }, coverage: coverage,
            shard: source.shard)
    }

    /// Reads every record and hands it to its colo's lane in batches; the read error that stopped it, if any.
    private static func deal(
        _ source: inout MergedTraceSource, to scheduler: LaneScheduler, lanes: Int, coverage: inout TraceFieldCoverage,
        progress: (@Sendable (Int) -> Void)?
    ) -> TraceReadError? {
        var colos = ColoNumbering()
        var laneOfColo: [Int] = []
        var load = [Int](repeating: 0, count: lanes)
        var batches = (0..<lanes).map { _ in scheduler.emptyBatch() }
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
                    scheduler.put(batches[lane], lane: lane)
                    batches[lane] = scheduler.emptyBatch()
                }
                index += 1
                if index & (ReplayOptions.progressInterval - 1) == 0 { progress?(index) }
            }
        } catch {
            failure = error
        }
        for (lane, batch) in batches.enumerated() where batch.count > 0 { scheduler.put(batch, lane: lane) }
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

/// The lanes' waiting batches, and which lanes have some: a thread takes a lane with batches (all of them, in the order
/// they came) and gives it back when done; a lane is never taken twice at once, so its batches run in order. Used
/// batches are kept for the reader to refill.
final class LaneScheduler: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [[RecordBatch]]
    /// Whether the lane is waiting to be taken or taken.
    private var busy: [Bool]
    private var ready: [Int] = []
    private var readyHead = 0
    private var spare: [RecordBatch] = []
    private var closed = false

    init(lanes: Int) {
        waiting = Array(repeating: [], count: lanes)
        busy = Array(repeating: false, count: lanes)
    }

    /// A batch to fill: a used one when one was given back, else a new one.
    func emptyBatch() -> RecordBatch {
        condition.withLock { spare.popLast() } ?? RecordBatch(capacity: ColoLanes.batchSize)
    }

    /// Queues `batch` for `lane`, waiting while `ColoLanes.queuedBatches` wait for it.
    func put(_ batch: RecordBatch, lane: Int) {
        condition.lock()
        while waiting[lane].count >= ColoLanes.queuedBatches { condition.wait() }
        waiting[lane].append(batch)
        if !busy[lane] {
            busy[lane] = true
            ready.append(lane)
        }
        condition.broadcast()
        condition.unlock()
    }

    /// A lane with waiting batches and the batches, waiting for one; nil once closed and no lane has any.
    func take() -> (lane: Int, batches: [RecordBatch])? {
        condition.lock()
        defer { condition.unlock() }
        while readyHead == ready.count, !closed { condition.wait() }
        guard readyHead < ready.count else { return nil }
        let lane = ready[readyHead]
        readyHead += 1
        if readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
        }
        let batches = waiting[lane]
        waiting[lane] = []
        condition.broadcast()
        return (lane, batches)
    }

    /// Gives `lane` back after running `batches`; it is ready again at once when more came meanwhile. At most one
    /// used batch per lane is kept for refilling: the records a used batch holds still point into the read chunks,
    /// so more would keep old chunks alive.
    func done(lane: Int, batches: [RecordBatch]) {
        for batch in batches { batch.clear() }
        condition.lock()
        spare += batches.prefix(max(0, waiting.count - spare.count))
        if waiting[lane].isEmpty {
            busy[lane] = false
        } else {
            ready.append(lane)
        }
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// One lane: its colos' time order and what to do with each record that may go. Run by one thread at a time.
final class LaneWorker: @unchecked Sendable {
    /// Records that came later than the window allows; read once the lane is finished.
    private(set) var lateRecords = 0
    @exclusivity(unchecked) private var order: ColoTimeOrder
    private let process: (OrderedTraceRecord) -> Void
    private let finish: () -> Void

    init(toleranceMs: Int64, process: @escaping (OrderedTraceRecord) -> Void, finish: @escaping () -> Void) {
        order = ColoTimeOrder(toleranceMs: toleranceMs)
        self.process = process
        self.finish = finish
    }

    /// Files the batch's records in its colos' time order, processing each record that may go.
    func file(_ batch: RecordBatch) {
        let count = batch.count
        batch.records.withUnsafeMutableBufferPointer { records in
            for position in 0..<count {
                order.file(&records[position], inputIndex: batch.indices[position])
                processReady()
            }
        }
    }

    /// Processes everything still held, once no more records will come.
    func finishLane() {
        order.finish()
        processReady()
        finish()
        lateRecords = order.lateRecords
    }

    private func processReady() {
        while let slot = order.nextReady() { order.withRecord(slot, process) }
    }
}
