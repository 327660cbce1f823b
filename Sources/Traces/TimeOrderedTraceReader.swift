import EdgeWire

/// A record delivered in time order, with where it stood in the input.
public struct OrderedTraceRecord: Sendable {
    /// The record.
    public var record: TraceRecord
    /// 0-based position of the record in input order (decisions are written back in this order).
    public var inputIndex: Int
    /// The virtual time to process the record at, epoch milliseconds; never less than the previous record's.
    /// Its own timestamp, except for a late record (the current virtual time) and a record without a timestamp
    /// (the latest time seen so far, or 0 before any).
    public var virtualTimeMs: Int64
    /// Whether the record arrived more than the tolerance behind the latest time seen.
    public var isLate: Bool

    /// An empty place in a buffer, to read a record into.
    @inlinable
    init() {
        record = TraceRecord()
        inputIndex = 0
        virtualTimeMs = 0
        isLate = false
    }
}

/// Re-orders a record stream by timestamp within a bounded tolerance, as traces are rarely written in exact
/// time order (log lines are flushed per worker, within each minute the combined-log sample is shuffled).
///
/// Records are held until the latest timestamp seen is `toleranceMs` past theirs, then emitted earliest first
/// (ties in input order). A record more than the tolerance behind the latest timestamp seen is late: it is
/// emitted at once at the current virtual time and counted in `lateRecords`, never dropped. Memory is bounded by
/// the records inside one tolerance window, not by the length of the trace.
///
/// Each record is read straight into the buffer slot where it waits and stays there until it is emitted;
/// `forEachRecord` hands it to the caller from that slot instead of returning a copy. Records that arrive in time
/// order (most of them) wait in a FIFO, the others in a heap. Freed slots are reused oldest first, so a trace read
/// in time order fills and empties the slots in address order; an emitted record stays in its slot (keeping its
/// chunk of the file alive) until the slot is reused, so the slots never outnumber the most records held.
public struct TimeOrderedTraceReader<Source: TraceRecordSource> {
    /// A held record: its virtual time, input index and slot.
    @usableFromInline
    typealias Entry = (time: Int64, index: Int, slot: Int)

    /// The default tolerance: 120 seconds.
    public static var defaultToleranceMs: Int64 { 120_000 }

    /// The underlying source (for its diagnostics and statistics).
    public var source: Source { reader }
    /// How far behind the latest timestamp a record may arrive and still be put in its place.
    public let toleranceMs: Int64
    /// Records that arrived later than the tolerance allows.
    public var lateRecords: Int { lateCount }
    /// The most records held at once.
    public var peakBuffered: Int { peakCount }

    @usableFromInline var reader: Source
    @usableFromInline var lateCount = 0
    @usableFromInline var peakCount = 0
    /// Every record held, and records already emitted whose slot was not reused yet.
    @usableFromInline var slots: [OrderedTraceRecord] = []
    /// Slots free for the next record, oldest freed first.
    @usableFromInline var freeSlots = FIFOQueue<Int>()
    /// Held records that arrived in time order.
    @usableFromInline var inOrder = FIFOQueue<Entry>()
    /// Held records that arrived out of order, earliest on top.
    @usableFromInline var heap: [Entry] = []
    @usableFromInline var latestTimestamp: Int64?
    @usableFromInline var virtualTime: Int64?
    @usableFromInline var inputCount = 0
    @usableFromInline var sourceEnded = false

    /// Wraps `source`; `toleranceMs` is clamped to 0…10^12 (about 31 years).
    public init(_ source: Source, toleranceMs: Int64 = TimeOrderedTraceReader.defaultToleranceMs) {
        reader = source
        self.toleranceMs = min(max(0, toleranceMs), 1_000_000_000_000)
    }

    /// The next record in time order (a copy), or nil when the source is exhausted and everything held was
    /// emitted.
    @inlinable
    public mutating func next() throws(TraceReadError) -> OrderedTraceRecord? {
        guard let slot = try advance() else { return nil }
        return slots[slot]
    }

    /// Calls `body` with every remaining record in time order, lent in the slot where it waited (valid only
    /// during the call); returns when the source is exhausted and everything held was emitted.
    @inlinable
    public mutating func forEachRecord(_ body: (OrderedTraceRecord) -> Void) throws(TraceReadError) {
        while let slot = try advance() {
            slots.withUnsafeBufferPointer { body($0[slot]) }
        }
    }

    /// Reads until the earliest held record may go, takes it out of the order and returns its slot, which is
    /// left untouched until the next call. nil at the end.
    @inlinable
    mutating func advance() throws(TraceReadError) -> Int? {
        while true {
            if let top = earliest, sourceEnded || latestTimestamp.map({ top.time <= $0 - toleranceMs }) ?? true {
                return pop()
            }
            if sourceEnded { return nil }
            if try !push() { sourceEnded = true }
        }
    }

    /// Reads the next record into a free slot and files it; false at the end of the source.
    @inlinable
    mutating func push() throws(TraceReadError) -> Bool {
        let slot: Int
        if freeSlots.isEmpty {
            slot = slots.count
            slots.append(OrderedTraceRecord())
            freeSlots.append(slot)
        } else {
            slot = freeSlots.first
        }
        guard try reader.next(into: &slots[slot].record) else { return false }
        _ = freeSlots.removeFirst()
        let index = inputCount
        inputCount += 1
        var time: Int64
        var late = false
        if let timestamp = slots[slot].record.timestampMs {
            time = timestamp
            if let latest = latestTimestamp, timestamp < latest - toleranceMs {
                late = true
                lateCount += 1
                time = max(timestamp, virtualTime ?? timestamp)
            }
            latestTimestamp = max(latestTimestamp ?? timestamp, timestamp)
        } else {
            time = max(latestTimestamp ?? 0, virtualTime ?? 0)
        }
        slots[slot].inputIndex = index
        slots[slot].virtualTimeMs = time
        slots[slot].isLate = late
        let entry = (time: time, index: index, slot: slot)
        if inOrder.isEmpty || !precedes(entry, inOrder.last) {
            inOrder.append(entry)
        } else {
            heap.append(entry)
            siftUp(heap.count - 1)
        }
        peakCount = max(peakCount, heap.count + inOrder.count)
        return true
    }

    /// The earliest held record: the FIFO's head or the heap's top.
    @inlinable
    var earliest: Entry? {
        let top = heap.first
        guard !inOrder.isEmpty else { return top }
        let fifo = inOrder.first
        guard let top else { return fifo }
        return precedes(fifo, top) ? fifo : top
    }

    /// Takes the earliest held record out of the order and frees its slot; returns the slot.
    @inlinable
    mutating func pop() -> Int? {
        guard let top = earliest else { return nil }
        if !inOrder.isEmpty, inOrder.first.index == top.index {
            _ = inOrder.removeFirst()
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty { fillHoleAtTop(with: last) }
        }
        virtualTime = top.time
        freeSlots.append(top.slot)
        return top.slot
    }

    @inlinable
    func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.index < rhs.index
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Refills the heap after its top was taken: the hole moves down along the earlier child to a leaf, where
    /// `last` (the heap's former last entry) goes and sifts up. Fewer comparisons than sifting `last` down from
    /// the top, since it rarely climbs far.
    @inlinable
    mutating func fillHoleAtTop(with last: Entry) {
        var hole = 0
        while true {
            let left = 2 * hole + 1
            guard left < heap.count else { break }
            var child = left
            if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { child = left + 1 }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = last
        siftUp(hole)
    }
}
