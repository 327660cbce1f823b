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
/// Records are read straight into the buffer place where they wait: a ring in arrival order for records that
/// arrive in time order (most of them; emitting from it walks memory in order), and a pool ordered by a heap
/// for the others. `forEachRecord` hands each record to its caller where it lies, without copying it out.
public struct TimeOrderedTraceReader<Source: TraceRecordSource> {
    /// Where an emitted record lies: in the ring or in the pool.
    @usableFromInline
    enum Place {
        case ring(Int)
        case pool(Int)
    }

    /// A held out-of-order record: its virtual time, input index and pool slot.
    @usableFromInline
    typealias HeapEntry = (time: Int64, index: Int, slot: Int)

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
    /// Records that arrived in time order, oldest at `ringHead`; `ringCount` of them are held. The ring grows by
    /// appending while it is linear, so untouched capacity costs no memory.
    @usableFromInline var ring: [OrderedTraceRecord] = []
    @usableFromInline var ringHead = 0
    @usableFromInline var ringCount = 0
    /// Time and input index of the newest record in the ring.
    @usableFromInline var ringLastTime: Int64 = 0
    @usableFromInline var ringLastIndex = 0
    /// Records that arrived out of order, in `pool` slots; `heap` orders them, `freeSlots` lists unused slots.
    @usableFromInline var pool: [OrderedTraceRecord] = []
    @usableFromInline var freeSlots: [Int] = []
    @usableFromInline var heap: [HeapEntry] = []
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
        switch try advance() {
        case let .ring(index)?: ring[index]
        case let .pool(slot)?: pool[slot]
        case nil: nil
        }
    }

    /// Calls `body` with every remaining record in time order, lent where it lies in the buffer (valid only
    /// during the call); returns when the source is exhausted and everything held was emitted.
    @inlinable
    public mutating func forEachRecord(_ body: (OrderedTraceRecord) -> Void) throws(TraceReadError) {
        while let place = try advance() {
            switch place {
            case let .ring(index): ring.withUnsafeBufferPointer { body($0[index]) }
            case let .pool(slot): pool.withUnsafeBufferPointer { body($0[slot]) }
            }
        }
    }

    /// Reads until the earliest held record may go, takes it out of the order and says where it lies; it stays
    /// there untouched until the next call. nil at the end.
    @inlinable
    mutating func advance() throws(TraceReadError) -> Place? {
        while true {
            if let (time, index) = earliest,
               sourceEnded || latestTimestamp.map({ time <= $0 - toleranceMs }) ?? true {
                return pop(time: time, index: index)
            }
            if sourceEnded { return nil }
            if try !push() { sourceEnded = true }
        }
    }

    /// Reads the next record into the ring's next place and files it; false at the end of the source.
    @inlinable
    mutating func push() throws(TraceReadError) -> Bool {
        if ringCount == ring.count { makeRoomInRing() }
        var tail = ringHead + ringCount
        if tail >= ring.count { tail -= ring.count }
        guard try reader.next(into: &ring[tail].record) else { return false }
        let index = inputCount
        inputCount += 1
        var time: Int64
        var late = false
        if let timestamp = ring[tail].record.timestampMs {
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
        ring[tail].inputIndex = index
        ring[tail].virtualTimeMs = time
        ring[tail].isLate = late
        if ringCount == 0 || !precedes(time, index, ringLastTime, ringLastIndex) {
            ringCount += 1
            ringLastTime = time
            ringLastIndex = index
        } else {
            let slot: Int
            if let free = freeSlots.popLast() {
                slot = free
            } else {
                slot = pool.count
                pool.append(OrderedTraceRecord())
            }
            swap(&pool[slot], &ring[tail])
            heap.append((time: time, index: index, slot: slot))
            siftUp(heap.count - 1)
        }
        peakCount = max(peakCount, ringCount + heap.count)
        return true
    }

    /// Time and input index of the earliest held record: the ring's oldest or the heap's top.
    @inlinable
    var earliest: (time: Int64, index: Int)? {
        let top = heap.first.map { (time: $0.time, index: $0.index) }
        guard ringCount > 0 else { return top }
        let oldest = ring.withUnsafeBufferPointer { (time: $0[ringHead].virtualTimeMs, index: $0[ringHead].inputIndex) }
        guard let top else { return oldest }
        return precedes(oldest.time, oldest.index, top.time, top.index) ? oldest : top
    }

    /// Takes the earliest held record, at `time` with input `index`, out of the order.
    @inlinable
    mutating func pop(time: Int64, index: Int) -> Place {
        virtualTime = time
        if ringCount > 0, ring[ringHead].inputIndex == index {
            let place = ringHead
            ringHead += 1
            if ringHead == ring.count { ringHead = 0 }
            ringCount -= 1
            return .ring(place)
        }
        let slot = heap[0].slot
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        freeSlots.append(slot)
        return .pool(slot)
    }

    /// Adds a place at the ring's tail: appended while the ring is linear (in place, capacity doubling and left
    /// untouched until used); once it has wrapped, rotated linear with a quarter more places.
    @usableFromInline
    mutating func makeRoomInRing() {
        if ringHead != 0 {
            let extra = max(ring.count / 4, 16)
            var linear: [OrderedTraceRecord] = []
            linear.reserveCapacity(ring.count + extra)
            linear.append(contentsOf: ring[ringHead...])
            linear.append(contentsOf: ring[..<ringHead])
            for _ in 1..<extra { linear.append(OrderedTraceRecord()) }
            ring = linear
            ringHead = 0
        }
        ring.append(OrderedTraceRecord())
    }

    @inlinable
    func precedes(_ lhsTime: Int64, _ lhsIndex: Int, _ rhsTime: Int64, _ rhsIndex: Int) -> Bool {
        lhsTime != rhsTime ? lhsTime < rhsTime : lhsIndex < rhsIndex
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child].time, heap[child].index, heap[parent].time, heap[parent].index) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count,
               precedes(heap[left + 1].time, heap[left + 1].index, heap[left].time, heap[left].index) {
                smallest = left + 1
            }
            guard precedes(heap[smallest].time, heap[smallest].index, heap[parent].time, heap[parent].index) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
