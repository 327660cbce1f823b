/// The bytes that a group of records points into: one read chunk of a trace file, or the buffer of a record
/// built in code. Also owns the header lists of those records.
///
/// A reader writes a chunk (reading, unescaping in place, upper-casing) before it hands out any record that
/// refers to it, and reuses a chunk only when no record refers to it any more; after that the bytes are only
/// read, so records may cross threads. Header lists live in blocks that are never moved, so a record may keep
/// a pointer to its own list.
public final class TraceStorage: @unchecked Sendable {
    /// Start of the byte buffer.
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    /// Size of the byte buffer.
    let capacity: Int
    /// Header blocks owned by this storage (pointer and size), freed with it; filled in order.
    @exclusivity(unchecked) private var headerBlocks: [(start: UnsafeMutablePointer<HeaderField>, size: Int)] = []
    /// Which block is being filled and how much of it is used.
    @exclusivity(unchecked) private var blockIndex = -1
    @exclusivity(unchecked) private var blockUsed = 0

    private static let headerBlockSize = 8192

    /// A one-byte storage shared by every empty record (`TraceRecord()`); nothing is written to it.
    static let empty = TraceStorage(capacity: 1)

    /// Allocates a buffer of `capacity` bytes (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// Creates storage holding exactly `bytes`.
    convenience init(copying bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { base.initialize(from: source, count: buffer.count) }
        }
    }

    deinit {
        base.deallocate()
        for block in headerBlocks { block.start.deallocate() }
    }

    /// Forgets every header list, so the storage can be reused for new records. Only valid when no record
    /// refers to this storage.
    func resetHeaders() {
        blockIndex = headerBlocks.isEmpty ? -1 : 0
        blockUsed = 0
    }

    /// Copies `count` header fields from `fields` into a block that will not move, and returns where they are.
    func storeHeaders(_ fields: UnsafePointer<HeaderField>, count: Int) -> UnsafePointer<HeaderField> {
        while blockIndex < 0 || blockUsed + count > headerBlocks[blockIndex].size {
            blockIndex += 1
            blockUsed = 0
            if blockIndex == headerBlocks.count {
                let size = max(Self.headerBlockSize, count)
                headerBlocks.append((UnsafeMutablePointer<HeaderField>.allocate(capacity: size), size))
            }
        }
        let destination = headerBlocks[blockIndex].start + blockUsed
        destination.initialize(from: fields, count: count)
        blockUsed += count
        return UnsafePointer(destination)
    }
}
