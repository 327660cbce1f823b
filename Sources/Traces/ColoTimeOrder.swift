import EdgeWire

/// Puts records back in time order one data centre at a time, as traces are rarely written in exact time order (log
/// lines are flushed per worker, colos ship their logs on their own schedule). Each colo is an edge of its own, so
/// each has its own virtual clock and its own lateness judgement (`docs/decisions/0031-one-clock-per-colo.md`).
///
/// A record waits until its colo's latest timestamp is `toleranceMs` past its own, then goes earliest first (ties in
/// input order). A record more than the tolerance behind its colo's latest timestamp is late: it goes at once at
/// the colo's current virtual time and is counted in `lateRecords`, never dropped. A record without a timestamp goes
/// at its colo's latest time so far (0 before any). What a colo's records get depends only on that colo's records in
/// input order, so any split of the colos across threads or shards gives each record the same virtual time.
///
/// Memory is bounded by the records inside each colo's window, not by the length of the trace. A record is read (or
/// swapped) into the slot where it waits, `freeSlot()`, and lent from there; slots are shared by every colo and a
/// freed slot is reused oldest first, so a record handed out stays intact until the next record is filed.
public struct ColoTimeOrder {
    /// How far behind its colo's latest timestamp a record may arrive and still be put in its place.
    public let toleranceMs: Int64
    /// Records that arrived later than the tolerance allows, over every colo.
    public var lateRecords: Int { lateCount }
    /// The most records held at once, over every colo.
    public var peakBuffered: Int { peakCount }

    /// Every record held, and records already emitted whose slot was not reused yet.
    @usableFromInline var slots: [OrderedTraceRecord] = []
    /// Slots free for the next record, oldest freed first.
    @usableFromInline var freeSlots = FIFOQueue<Int>()
    /// Each colo's window, by the colo's number.
    @usableFromInline var windows: [ReorderWindow] = []
    @usableFromInline var colos = ColoNumbering()
    /// The window filed last: the only one whose records may have become ready.
    @usableFromInline var current = -1
    @usableFromInline var held = 0
    @usableFromInline var lateCount = 0
    @usableFromInline var peakCount = 0
    @usableFromInline var finished = false
    @usableFromInline var drainCursor = 0

    /// An empty order; `toleranceMs` is clamped to 0…10^12 (about 31 years).
    public init(toleranceMs: Int64) {
        self.toleranceMs = min(max(0, toleranceMs), 1_000_000_000_000)
    }

    /// The slot the next record goes in: read it into `slots[slot].record`, then `fileRecord(inSlot:)` it.
    @inlinable
    mutating func freeSlot() -> Int {
        if freeSlots.isEmpty {
            freeSlots.append(slots.count)
            slots.append(OrderedTraceRecord())
        }
        return freeSlots.first
    }

    /// Files `record` (swapped out of `record`, which gets an older record's place) as input record `inputIndex`.
    /// Take every ready record with `nextReady()` before filing the next one.
    @inlinable
    public mutating func file(_ record: inout TraceRecord, inputIndex: Int) {
        let slot = freeSlot()
        swap(&record, &slots[slot].record)
        fileRecord(inSlot: slot, inputIndex: inputIndex)
    }

    /// Files the record read into `slot` (the one `freeSlot()` gave) as input record `inputIndex`. Take every ready
    /// record with `nextReady()` before filing the next one.
    @inlinable
    mutating func fileRecord(inSlot slot: Int, inputIndex: Int) {
        _ = freeSlots.removeFirst()
        let window = colos.number(of: slots[slot].record)
        if window == windows.count { windows.append(ReorderWindow()) }
        let filed = windows[window].file(
            slots[slot].record.timestampMs, slot: slot, inputIndex: inputIndex, toleranceMs: toleranceMs)
        slots[slot].inputIndex = inputIndex
        slots[slot].virtualTimeMs = filed.time
        slots[slot].isLate = filed.late
        slots[slot].colo = window
        if filed.late { lateCount += 1 }
        current = window
        held += 1
        peakCount = max(peakCount, held)
    }

    /// No more records will be filed: every held record is ready, colo by colo in the order the colos appeared.
    public mutating func finish() {
        finished = true
    }

    /// The next record that may go, taken out of the order; nil when none may go yet (or, after `finish()`, none
    /// is left): its slot, which stays intact until the next record is filed.
    @inlinable
    public mutating func nextReady() -> Int? {
        if finished {
            while drainCursor < windows.count {
                if let slot = windows[drainCursor].popEarliest() { return release(slot) }
                drainCursor += 1
            }
            return nil
        }
        guard current >= 0, let slot = windows[current].popReady(toleranceMs: toleranceMs) else { return nil }
        return release(slot)
    }

    @inlinable
    mutating func release(_ slot: Int) -> Int {
        held -= 1
        freeSlots.append(slot)
        return slot
    }

    /// Calls `body` with the record in `slot` (from `nextReady()`), lent where it waits. Mutating only so that the
    /// order is not copied to guard it from `body`.
    @inlinable
    public mutating func withRecord<Result>(_ slot: Int, _ body: (OrderedTraceRecord) throws -> Result) rethrows
        -> Result
    {
        try slots.withUnsafeBufferPointer { try body($0[slot]) }
    }

    /// A copy of the record in `slot` (from `nextReady()`).
    @inlinable
    public func record(_ slot: Int) -> OrderedTraceRecord {
        slots[slot]
    }
}

/// One colo's held records (their times, input indices and slots): those that arrived in time order wait in a FIFO,
/// the others in a heap.
@usableFromInline
struct ReorderWindow {
    /// A held record: its virtual time, input index and slot.
    @usableFromInline
    typealias Entry = (time: Int64, index: Int, slot: Int)

    /// Held records that arrived in time order.
    @usableFromInline var inOrder = FIFOQueue<Entry>()
    /// Held records that arrived out of order, earliest on top.
    @usableFromInline var heap: [Entry] = []
    @usableFromInline var latestTimestamp: Int64?
    @usableFromInline var virtualTime: Int64?

    @inlinable
    init() {}

    /// Files the record in `slot` with timestamp `timestamp`; its virtual time, and whether it is late.
    @inlinable
    mutating func file(_ timestamp: Int64?, slot: Int, inputIndex: Int, toleranceMs: Int64) -> (
        time: Int64, late: Bool
    ) {
        var time: Int64
        var late = false
        if let timestamp {
            time = timestamp
            if let latest = latestTimestamp, timestamp < latest - toleranceMs {
                late = true
                time = max(timestamp, virtualTime ?? timestamp)
            }
            latestTimestamp = max(latestTimestamp ?? timestamp, timestamp)
        } else {
            time = max(latestTimestamp ?? 0, virtualTime ?? 0)
        }
        let entry = (time: time, index: inputIndex, slot: slot)
        if inOrder.isEmpty || !precedes(entry, inOrder.last) {
            inOrder.append(entry)
        } else {
            heap.append(entry)
            siftUp(heap.count - 1)
        }
        return (time, late)
    }

    /// The earliest held record's slot when the latest timestamp is the tolerance past it, taken out of the order.
    @inlinable
    mutating func popReady(toleranceMs: Int64) -> Int? {
        guard let top = earliest, latestTimestamp.map({ top.time <= $0 - toleranceMs }) ?? true else { return nil }
        return pop(top)
    }

    /// The earliest held record's slot, taken out of the order; nil when none is held.
    @inlinable
    mutating func popEarliest() -> Int? {
        earliest.map { pop($0) }
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

    /// Takes `top` (the earliest held record) out of the order; returns its slot.
    @inlinable
    mutating func pop(_ top: Entry) -> Int {
        if !inOrder.isEmpty, inOrder.first.index == top.index {
            _ = inOrder.removeFirst()
        } else {
            let last = heap.removeLast()
            if !heap.isEmpty { fillHoleAtTop(with: last) }
        }
        virtualTime = top.time
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
