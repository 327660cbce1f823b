import CZlib

/// Deflates bytes into gzip members with zlib: `append` compresses, `finishMember` ends the current member with its
/// trailer, and the next `append` starts a new one. Concatenated members are one gzip file (`GzipSource` reads
/// them, as `gzip -d` does), so a writer that keeps the file only up to a finished member can drop an unfinished
/// one and go on. The compressed bytes go to the sink given to each call.
public final class GzipMemberWriter {
    /// zlib refused the data or ran out of memory.
    public struct Failure: Error, CustomStringConvertible {
        /// zlib's message.
        public var description: String
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 256 * 1024

    /// A writer at compression level 6, zlib's default.
    public init() throws(Failure) {
        // zlib keeps a pointer back to the stream, so it must not move: it lives on the heap.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputCapacity)
        // 15 + 16: a gzip wrapper with the largest window.
        let status = deflateInit2_(
            stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        // Every stored property is set, so a throw runs `deinit`, which frees both (`deflateEnd` refuses a stream
        // that never started); freeing them here too would free them twice.
        guard status == Z_OK else { throw Failure(description: "zlib could not start (\(status))") }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Compresses `bytes` into the current member, handing finished output to `sink`.
    public func append(_ bytes: UnsafeRawBufferPointer, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = uInt(bytes.count)
        try run(Z_NO_FLUSH, to: sink)
    }

    /// Ends the current member (an empty one when nothing was appended) and resets for the next.
    public func finishMember(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try run(Z_FINISH, to: sink)
        deflateReset(stream)
    }

    /// Forgets what the current member holds, as if it had never begun; the caller drops what the sink received
    /// of it.
    public func dropMember() {
        deflateReset(stream)
    }

    private func run(_ flush: Int32, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            stream.pointee.next_out = output
            stream.pointee.avail_out = uInt(outputCapacity)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw Failure(description: stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)")
            }
            let produced = outputCapacity - Int(stream.pointee.avail_out)
            if produced > 0 { try sink(UnsafeRawBufferPointer(start: output, count: produced)) }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 {
                return
            }
        }
    }
}
