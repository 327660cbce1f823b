/// A record delivered in time order, with where it stood in the input.
public struct OrderedTraceRecord: Sendable {
    /// The record.
    public let record: TraceRecord
    /// 0-based position of the record in input order (decisions are written back in this order).
    public let inputIndex: Int
    /// The virtual time to process the record at, epoch milliseconds; never less than the previous record's.
    /// Its own timestamp, except for a late record (the current virtual time) and a record without a timestamp
    /// (the latest time seen so far, or 0 before any).
    public let virtualTimeMs: Int64
    /// Whether the record arrived more than the tolerance behind the latest time seen.
    public let isLate: Bool
}

/// Re-orders a record stream by timestamp within a bounded tolerance, as traces are rarely written in exact
/// time order (log lines are flushed per worker, within each minute the combined-log sample is shuffled).
///
/// Records are held until the latest timestamp seen is `toleranceMs` past theirs, then emitted earliest first
/// (ties in input order). A record more than the tolerance behind the latest timestamp seen is late: it is
/// emitted at once at the current virtual time and counted in `lateRecords`, never dropped. Memory is bounded by
/// the records inside one tolerance window, not by the length of the trace.
public struct TimeOrderedTraceReader<Source: TraceRecordSource> {
    /// The default tolerance: 120 seconds.
    public static var defaultToleranceMs: Int64 { 120_000 }

    /// The underlying source (for its diagnostics and statistics).
    public private(set) var source: Source
    /// How far behind the latest timestamp a record may arrive and still be put in its place.
    public let toleranceMs: Int64
    /// Records that arrived later than the tolerance allows.
    public private(set) var lateRecords = 0
    /// The most records held at once.
    public private(set) var peakBuffered = 0

    /// Records that arrived in time order wait in a FIFO (no sifting); only out-of-order ones go to the heap.
    private var inOrder: [(time: Int64, index: Int, slot: Int32)] = []
    private var inOrderHead = 0
    private var heap: [(time: Int64, index: Int, slot: Int32)] = []
    private var slots: [TraceRecord?] = []
    private var freeSlots: [Int32] = []
    private var lateFlags: [Bool] = []
    private var latestTimestamp: Int64?
    private var virtualTime: Int64?
    private var inputCount = 0
    private var sourceEnded = false

    /// Wraps `source`; `toleranceMs` is clamped to 0…10^12 (about 31 years).
    public init(_ source: Source, toleranceMs: Int64 = TimeOrderedTraceReader.defaultToleranceMs) {
        self.source = source
        self.toleranceMs = min(max(0, toleranceMs), 1_000_000_000_000)
    }

    /// The next record in time order, or nil when the source is exhausted and everything held was emitted.
    public mutating func next() throws(TraceReadError) -> OrderedTraceRecord? {
        while true {
            if let top = earliest, sourceEnded || latestTimestamp.map({ top.time <= $0 - toleranceMs }) ?? true {
                return pop()
            }
            if sourceEnded { return nil }
            guard let record = try source.next() else {
                sourceEnded = true
                continue
            }
            push(record)
        }
    }

    private mutating func push(_ record: TraceRecord) {
        let index = inputCount
        inputCount += 1
        var time: Int64
        var late = false
        if let timestamp = record.timestampMs {
            time = timestamp
            if let latest = latestTimestamp, timestamp < latest - toleranceMs {
                late = true
                lateRecords += 1
                time = max(timestamp, virtualTime ?? timestamp)
            }
            latestTimestamp = max(latestTimestamp ?? timestamp, timestamp)
        } else {
            time = max(latestTimestamp ?? 0, virtualTime ?? 0)
        }
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = record
            lateFlags[Int(slot)] = late
        } else {
            slot = Int32(slots.count)
            slots.append(record)
            lateFlags.append(late)
        }
        let entry = (time: time, index: index, slot: slot)
        if inOrderHead == inOrder.count || !precedes(entry, inOrder[inOrder.count - 1]) {
            inOrder.append(entry)
        } else {
            heap.append(entry)
            siftUp(heap.count - 1)
        }
        peakBuffered = max(peakBuffered, heap.count + inOrder.count - inOrderHead)
    }

    /// The earliest held entry: the FIFO's head or the heap's top.
    private var earliest: (time: Int64, index: Int, slot: Int32)? {
        let fifo = inOrderHead < inOrder.count ? inOrder[inOrderHead] : nil
        guard let top = heap.first else { return fifo }
        guard let fifo else { return top }
        return precedes(fifo, top) ? fifo : top
    }

    private mutating func pop() -> OrderedTraceRecord? {
        guard let top = earliest else { return nil }
        if inOrderHead < inOrder.count, inOrder[inOrderHead].index == top.index {
            inOrderHead += 1
            if inOrderHead == inOrder.count {
                inOrder.removeAll(keepingCapacity: true)
                inOrderHead = 0
            } else if inOrderHead > 4096, inOrderHead * 2 > inOrder.count {
                inOrder.removeFirst(inOrderHead)
                inOrderHead = 0
            }
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                siftDown(0)
            }
        }
        guard let record = slots[Int(top.slot)] else { return nil }
        slots[Int(top.slot)] = nil
        freeSlots.append(top.slot)
        virtualTime = top.time
        return OrderedTraceRecord(
            record: record, inputIndex: top.index, virtualTimeMs: top.time, isLate: lateFlags[Int(top.slot)])
    }

    private func precedes(_ lhs: (time: Int64, index: Int, slot: Int32), _ rhs: (time: Int64, index: Int, slot: Int32)) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.index < rhs.index
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { smallest = left + 1 }
            guard precedes(heap[smallest], heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
