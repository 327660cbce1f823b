import EdgeModel
import Foundation
import ManagedRules
import RulesLanguage
import Traces

/// A time-ordered trace whose records come with the OWASP Core Rule Set's verdicts already computed: a window of
/// upcoming records is read, their verdicts resolved through each model's memo (the requests it does not hold
/// evaluated on several threads at once), then the records are handed on one by one, each with its verdicts held
/// in the models' slots while the caller processes it. The caller's loop stays sequential and unchanged; reading and
/// evaluating run beside it (decision 0022).
///
/// Memory is bounded by the windows (`windowsAhead` + 1 of `windowSize` records and their requests), whatever the
/// trace length. The bytes out do not depend on `threads`: memos are consulted and filled in record order on the
/// one thread that reads the trace.
struct VerdictLookahead {
    /// Records resolved together: large enough to keep every thread busy, small enough to stay in cache.
    static let windowSize = 1024

    /// The threads that evaluate requests by default: every processor this process may use.
    static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The trace (for its statistics once read).
    private(set) var reader: TimeOrderedTraceReader<MergedTraceSource>
    /// The most records read ahead at once.
    private(set) var peakWindow = 0
    private let slots: [ManagedRulesVerdictSlot]
    private let sources: [MemoisedEvaluator]
    private let threads: Int

    /// Reads `reader`, holding verdicts in the slots of `models` (models without the OWASP Core Ruleset have none),
    /// evaluating on up to `threads` threads.
    init(_ reader: TimeOrderedTraceReader<MergedTraceSource>, models: [ColoEdges], threads: Int) {
        self.reader = reader
        slots = models.compactMap { $0.configuration.managedRules?.owasp?.evaluator as? ManagedRulesVerdictSlot }
        var sources: [MemoisedEvaluator] = []
        for slot in slots where !sources.contains(where: { $0 === slot.source }) { sources.append(slot.source) }
        self.sources = sources
        self.threads = max(1, threads)
    }

    /// Calls `body` with every record in time order, its verdicts held in the slots during the call. The trace is
    /// read and the next windows' verdicts resolved on a thread of their own while `body` runs through the current
    /// one, at most `windowsAhead` windows ahead.
    mutating func forEachRecord(_ body: (OrderedTraceRecord) -> Void) throws(TraceReadError) {
        guard !slots.isEmpty else {
            try reader.forEachRecord(body)
            return
        }
        let sourceOfSlot = slots.map { slot in sources.firstIndex { $0 === slot.source } ?? 0 }
        let resolver = WindowResolver(reader: reader, sources: sources, threads: threads)
        let queue = WindowQueue(capacity: Self.windowsAhead)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            resolver.run(into: queue)
            done.signal()
        }
        while let window = queue.take() {
            peakWindow = max(peakWindow, window.records.count)
            for (position, item) in window.records.enumerated() {
                for (slot, source) in zip(slots, sourceOfSlot) {
                    let entry = window.verdicts[source][position]
                    slot.hold(entry.verdict, for: entry.key)
                }
                body(item)
            }
            for slot in slots { slot.release() }
        }
        done.wait()
        reader = resolver.reader
        if let error = resolver.error { throw error }
    }

    /// Windows resolved ahead of the one being processed.
    static let windowsAhead = 2
}

/// A window of records with each source's keys and verdicts for them, in record order.
private final class ResolvedWindow: @unchecked Sendable {
    let records: [OrderedTraceRecord]
    let verdicts: [[(key: VerdictMemoKey, verdict: ManagedRulesVerdict)]]

    init(records: [OrderedTraceRecord], verdicts: [[(key: VerdictMemoKey, verdict: ManagedRulesVerdict)]]) {
        self.records = records
        self.verdicts = verdicts
    }
}

/// Reads the trace window by window and resolves each window's verdicts, on one thread, so that the memos are
/// consulted and filled in record order whatever the threads; owns the reader until it is done.
private final class WindowResolver: @unchecked Sendable {
    private(set) var reader: TimeOrderedTraceReader<MergedTraceSource>
    private(set) var error: TraceReadError?
    private let sources: [MemoisedEvaluator]
    private let threads: Int

    init(reader: TimeOrderedTraceReader<MergedTraceSource>, sources: [MemoisedEvaluator], threads: Int) {
        self.reader = reader
        self.sources = sources
        self.threads = threads
    }

    /// Puts every window into `queue`, then closes it (also after a read error, which `error` then holds).
    func run(into queue: WindowQueue) {
        defer { queue.close() }
        while true {
            var records: [OrderedTraceRecord] = []
            records.reserveCapacity(VerdictLookahead.windowSize)
            do {
                while records.count < VerdictLookahead.windowSize, let item = try reader.next() { records.append(item) }
            } catch {
                self.error = error
                return
            }
            if records.isEmpty { return }
            let requests = records.map { CRSRequest(TraceRequestBuilder.request($0.record).http) }
            let verdicts = sources.map { $0.verdicts(for: requests, threads: threads) }
            guard queue.put(ResolvedWindow(records: records, verdicts: verdicts)) else { return }
        }
    }
}

/// The windows between the resolver and the model: `put` waits while `capacity` windows wait to be taken, `take`
/// waits for the next window and gives nil once the queue is closed and empty.
private final class WindowQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var windows: [ResolvedWindow] = []
    private var closed = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `window`, waiting for room; false when the queue was closed meanwhile.
    func put(_ window: ResolvedWindow) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while windows.count >= capacity, !closed { condition.wait() }
        guard !closed else { return false }
        windows.append(window)
        condition.broadcast()
        return true
    }

    /// The next window, waiting for one; nil once the queue is closed and empty.
    func take() -> ResolvedWindow? {
        condition.lock()
        defer { condition.unlock() }
        while windows.isEmpty, !closed { condition.wait() }
        guard !windows.isEmpty else { return nil }
        let window = windows.removeFirst()
        condition.broadcast()
        return window
    }

    /// No more windows will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
