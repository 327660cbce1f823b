import EdgeModel
import Foundation
import ManagedRules
import RulesLanguage
import Traces

/// A time-ordered trace whose records come with the OWASP Core Rule Set's verdicts already computed: a window of
/// upcoming records is read, their verdicts resolved through each model's memo (the requests it does not hold
/// evaluated on several threads at once), then the records are handed on one by one, each with its verdicts held
/// in the models' slots while the caller processes it. The caller's loop stays sequential and unchanged; only the
/// wait for libmodsecurity is shared out (decision 0022).
///
/// Memory is bounded by the window (`windowSize` records and their requests), whatever the trace length. The bytes
/// out do not depend on `threads`: memos are consulted and filled in record order on the calling thread.
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
    init(_ reader: TimeOrderedTraceReader<MergedTraceSource>, models: [Edge], threads: Int) {
        self.reader = reader
        slots = models.compactMap { $0.configuration.managedRules?.owasp?.evaluator as? ManagedRulesVerdictSlot }
        var sources: [MemoisedEvaluator] = []
        for slot in slots where !sources.contains(where: { $0 === slot.source }) { sources.append(slot.source) }
        self.sources = sources
        self.threads = max(1, threads)
    }

    /// Calls `body` with every record in time order, its verdicts held in the slots during the call.
    mutating func forEachRecord(_ body: (OrderedTraceRecord) -> Void) throws(TraceReadError) {
        guard !slots.isEmpty else {
            try reader.forEachRecord(body)
            return
        }
        let sourceOfSlot = slots.map { slot in sources.firstIndex { $0 === slot.source } ?? 0 }
        var window: [OrderedTraceRecord] = []
        window.reserveCapacity(Self.windowSize)
        while true {
            window.removeAll(keepingCapacity: true)
            while window.count < Self.windowSize, let item = try reader.next() { window.append(item) }
            if window.isEmpty { return }
            peakWindow = max(peakWindow, window.count)
            let requests = window.map { CRSRequest(TraceRequestBuilder.request($0.record).http) }
            let resolved = sources.map { $0.verdicts(for: requests, threads: threads) }
            for (position, item) in window.enumerated() {
                for (slot, source) in zip(slots, sourceOfSlot) {
                    let entry = resolved[source][position]
                    slot.hold(entry.verdict, for: entry.key)
                }
                body(item)
            }
            for slot in slots { slot.release() }
        }
    }
}
