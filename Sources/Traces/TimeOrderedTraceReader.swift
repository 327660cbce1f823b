import EdgeWire

/// A record delivered in time order, with where it stood in the input.
public struct OrderedTraceRecord: Sendable {
    /// The record.
    public var record: TraceRecord
    /// 0-based position of the record in input order (decisions are written back in this order).
    public var inputIndex: Int
    /// The virtual time to process the record at, epoch milliseconds; never less than the previous record's of the
    /// same colo. Its own timestamp, except for a late record (its colo's current virtual time) and a record without
    /// a timestamp (its colo's latest time seen so far, or 0 before any).
    public var virtualTimeMs: Int64
    /// Whether the record arrived more than the tolerance behind the latest time its colo had seen.
    public var isLate: Bool
    /// The number of the record's colo in the order it was filed in (0 for the first colo to appear, 1 for the
    /// next, …): what to keep per-colo state by.
    public var colo: Int

    /// The record's number as decisions and examples show it: its number in the stream its shard was cut from
    /// (`TraceShard`), else its place in the input.
    public var number: Int { record.originalNumber ?? inputIndex }

    /// An empty place in a buffer, to read a record into.
    @inlinable
    init() {
        record = TraceRecord()
        inputIndex = 0
        virtualTimeMs = 0
        isLate = false
        colo = 0
    }
}

/// A trace read in time order colo by colo (`ColoTimeOrder`): each record is read straight into the slot where it
/// waits, filed under its colo, and handed on once its colo's window lets it go. Within a colo records come out in
/// time order; across colos, in the order they become ready, which no result depends on.
public struct TimeOrderedTraceReader<Source: TraceRecordSource> {
    /// The default tolerance: 120 seconds.
    public static var defaultToleranceMs: Int64 { 120_000 }

    /// The underlying source (for its diagnostics and statistics).
    public var source: Source { reader }
    /// How far behind its colo's latest timestamp a record may arrive and still be put in its place.
    public var toleranceMs: Int64 { order.toleranceMs }
    /// Records that arrived later than the tolerance allows.
    public var lateRecords: Int { order.lateRecords }
    /// The most records held at once.
    public var peakBuffered: Int { order.peakBuffered }

    @usableFromInline var reader: Source
    @usableFromInline var order: ColoTimeOrder
    @usableFromInline var inputCount = 0
    @usableFromInline var sourceEnded = false

    /// Wraps `source`; `toleranceMs` is clamped to 0…10^12 (about 31 years).
    public init(_ source: Source, toleranceMs: Int64 = TimeOrderedTraceReader.defaultToleranceMs) {
        reader = source
        order = ColoTimeOrder(toleranceMs: toleranceMs)
    }

    /// The next record (a copy), or nil when the source is exhausted and everything held was emitted.
    @inlinable
    public mutating func next() throws(TraceReadError) -> OrderedTraceRecord? {
        guard let place = try advance() else { return nil }
        return order.record(place)
    }

    /// Calls `body` with every remaining record, lent in the slot where it waited (valid only during the call);
    /// returns when the source is exhausted and everything held was emitted.
    @inlinable
    public mutating func forEachRecord(_ body: (OrderedTraceRecord) -> Void) throws(TraceReadError) {
        while let slot = try advance() { order.slots.withUnsafeBufferPointer { body($0[slot]) } }
    }

    /// Reads until a held record may go and takes it out of the order; nil at the end.
    @inlinable
    mutating func advance() throws(TraceReadError) -> Int? {
        while true {
            if let ready = order.nextReady() { return ready }
            if sourceEnded { return nil }
            let slot = order.freeSlot()
            if try reader.next(into: &order.slots[slot].record) {
                order.fileRecord(inSlot: slot, inputIndex: inputCount)
                inputCount += 1
            } else {
                sourceEnded = true
                order.finish()
            }
        }
    }
}
