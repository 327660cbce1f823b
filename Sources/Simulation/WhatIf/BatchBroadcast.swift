import EdgeModel
import Foundation
import ManagedRules
import Traces

/// One parsed record as every scenario sees it.
struct SharedRecord: @unchecked Sendable {
    let request: EdgeRequest
    let record: TraceRecord
    /// The record's place in the input.
    let index: Int
    /// The record's colo's number (`OrderedTraceRecord.colo`).
    let colo: Int
    let virtualTime: Int64
    /// The OWASP Core Rule Set's verdict, computed ahead by the reader, when the scenarios deploy it.
    var owasp: (key: VerdictMemoKey, verdict: ManagedRulesVerdict)?
}

/// Hands each batch of parsed records to every scenario worker: the trace is read and parsed once, and each
/// worker waits for the next batch in its own bounded queue (the slowest worker paces the reader).
final class BatchBroadcast: @unchecked Sendable {
    private let condition = NSCondition()
    private var queues: [[[SharedRecord]]]
    private var finished = false
    private var failure: TraceReadError?
    private let capacity: Int

    init(subscribers: Int, capacity: Int = 4) {
        queues = Array(repeating: [], count: subscribers)
        self.capacity = capacity
    }

    /// Offers a batch to every subscriber, waiting while any queue is full.
    func publish(_ batch: [SharedRecord]) {
        condition.lock()
        while queues.contains(where: { $0.count >= capacity }) { condition.wait() }
        for index in queues.indices { queues[index].append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    /// Marks the end of the stream (with the reader's failure, if any).
    func finish(failure: TraceReadError?) {
        condition.lock()
        finished = true
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch for `subscriber`, nil at the end; throws the reader's failure.
    func next(for subscriber: Int) throws(TraceReadError) -> [SharedRecord]? {
        condition.lock()
        defer { condition.unlock() }
        while queues[subscriber].isEmpty && !finished { condition.wait() }
        if !queues[subscriber].isEmpty {
            let batch = queues[subscriber].removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}
