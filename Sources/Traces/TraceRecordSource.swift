/// Anything that delivers trace records one at a time in input order.
public protocol TraceRecordSource {
    /// The next record, or nil at the end.
    mutating func next() throws(TraceReadError) -> TraceRecord?
}
