/// A span of bytes inside a record's `TraceStorage`: an offset and a length, or `absent`.
///
/// Records keep their string values as slices so that parsing a line allocates nothing per field; the bytes
/// are read through the owning record (`TraceRecord.withBytes`, `TraceRecord.string`).
public struct ByteSlice: Hashable, Sendable {
    /// Offset of the first byte in the storage; `UInt32.max` when the value is absent.
    public let offset: UInt32
    /// Number of bytes.
    public let count: UInt32

    /// Creates a slice of `count` bytes starting at `offset`.
    @inlinable
    public init(offset: UInt32, count: UInt32) {
        self.offset = offset
        self.count = count
    }

    /// Creates a slice from integer bounds (the caller guarantees they fit in `UInt32`).
    @inlinable
    public init(start: Int, end: Int) {
        self.offset = UInt32(truncatingIfNeeded: start)
        self.count = UInt32(truncatingIfNeeded: end - start)
    }

    /// The slice of a value that was not given.
    public static let absent = ByteSlice(offset: .max, count: 0)

    /// Whether the value was not given (as opposed to given and empty).
    @inlinable
    public var isAbsent: Bool { offset == .max }

    /// Whether the value was given.
    @inlinable
    public var isPresent: Bool { offset != .max }
}
