import Synchronization

/// Bytes read from trace inputs so far, as they arrive and before any decompression (a `.gz` file counts its
/// compressed bytes), for a progress line. Shared by every reader of a run, on any thread.
public final class TraceByteCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// A counter at zero.
    public init() {}

    /// Bytes counted so far.
    public var bytes: Int { count.load(ordering: .relaxed) }

    /// Counts `bytes` more.
    func add(_ bytes: Int) { count.wrappingAdd(bytes, ordering: .relaxed) }
}
