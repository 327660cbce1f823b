import CZlib

/// Inflates a gzip stream (one or more members, as `cat a.gz b.gz` makes) from a raw source with zlib,
/// streaming: input is read 256 KiB at a time, output goes straight into the caller's buffer.
final class GzipSource {
    /// How the compressed stream ended, known once `read` has returned 0.
    enum Ending: Equatable {
        /// Still reading.
        case open
        /// Every member ended with its trailer.
        case complete
        /// The input ended inside a member: the file is truncated.
        case truncated
        /// zlib rejected the data.
        case corrupt(String)
        /// Bytes that are not gzip follow the last member; they were ignored.
        case trailingGarbage
    }

    private let raw: RawByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 256 * 1024
    private var inputEnded = false
    private(set) var ending = Ending.open

    /// Starts inflating; `prefix` holds bytes already read from `raw` (the sniffed start of the file).
    init(raw: RawByteSource, prefix: UnsafeRawBufferPointer) {
        self.raw = raw
        input = UnsafeMutablePointer<UInt8>.allocate(capacity: max(inputCapacity, prefix.count))
        if let start = prefix.baseAddress, !prefix.isEmpty {
            input.initialize(from: start.assumingMemoryBound(to: UInt8.self), count: prefix.count)
        }
        // zlib keeps a pointer back to the stream, so it must not move: it lives on the heap.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(prefix.count)
        // 15 + 16: a gzip wrapper with the largest window.
        let status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        if status != Z_OK { ending = .corrupt("zlib could not start (\(status))") }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflates up to `count` bytes into `destination`; 0 once the stream has ended (see `ending`).
    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(TraceReadError) -> Int {
        guard ending == .open, count > 0 else { return 0 }
        let capacity = uInt(min(count, Int(UInt32.max)))
        stream.pointee.next_out = destination
        stream.pointee.avail_out = capacity
        while true {
            if stream.pointee.avail_in == 0, !inputEnded { try refillInput() }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                break
            case Z_STREAM_END:
                try startNextMember()
            case Z_BUF_ERROR:
                // No progress possible: out of input for good means the member never ended.
                if stream.pointee.avail_in == 0, inputEnded { ending = .truncated }
            case Z_NEED_DICT:
                ending = .corrupt("the stream needs a preset dictionary")
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                ending = .corrupt(message)
            }
            let produced = Int(capacity - stream.pointee.avail_out)
            if produced > 0 || ending != .open { return produced }
            if stream.pointee.avail_in == 0, inputEnded {
                ending = .truncated
                return 0
            }
        }
    }

    private func refillInput() throws(TraceReadError) {
        let count = try raw.read(into: input, count: inputCapacity)
        if count == 0 { inputEnded = true }
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(count)
    }

    /// After a member's trailer: another member, the clean end, or trailing bytes that are not gzip.
    private func startNextMember() throws(TraceReadError) {
        if stream.pointee.avail_in == 0, !inputEnded { try refillInput() }
        guard stream.pointee.avail_in > 0 else {
            ending = .complete
            return
        }
        let next = stream.pointee.next_in.unsafelyUnwrapped
        let magic = next[0] == 0x1F && (stream.pointee.avail_in < 2 || next[1] == 0x8B)
        guard magic else {
            ending = .trailingGarbage
            return
        }
        inflateReset(stream)
    }
}
