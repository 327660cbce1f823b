/// Anything that delivers trace records one at a time in input order.
public protocol TraceRecordSource {
    /// Reads the next record into `record`, replacing what it held, so a caller can keep a record where it will
    /// wait (a buffer slot) without copying it there; false at the end, with `record` left unspecified.
    mutating func next(into record: inout TraceRecord) throws(TraceReadError) -> Bool
}
