import EdgeCore
import Glibc

/// Where a trace's bytes come from before any decompression.
protocol RawByteSource: AnyObject {
    /// Reads up to `count` bytes into `destination`; 0 means the end of the input.
    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(TraceReadError) -> Int
}

/// Bytes read with `read(2)` from a file descriptor.
final class FileDescriptorSource: RawByteSource {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let path: String
    private let counter: TraceByteCounter?

    /// Opens `path` for reading; a FIFO must get a writer within `writerWaitMilliseconds`. `counter` counts the
    /// bytes read.
    init(path: String, writerWaitMilliseconds: Int32, counter: TraceByteCounter? = nil) throws(TraceReadError) {
        do {
            descriptor = try InputFile.open(path, writerWaitMilliseconds: writerWaitMilliseconds)
        } catch {
            throw .cannotOpen(path: path, reason: error.reason)
        }
        closesDescriptor = true
        self.path = path
        self.counter = counter
    }

    /// Reads from an already open descriptor (for example standard input), which stays open.
    init(descriptor: Int32, name: String, counter: TraceByteCounter? = nil) {
        self.descriptor = descriptor
        closesDescriptor = false
        path = name
        self.counter = counter
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(TraceReadError) -> Int {
        while true {
            let result = systemRead(descriptor, destination, count)
            if result >= 0 {
                counter?.add(result)
                return result
            }
            if errno == EINTR { continue }
            throw .readFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Bytes from memory.
final class MemorySource: RawByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        let length = min(count, bytes.count - offset)
        guard length > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { buffer in
            destination.update(from: buffer.baseAddress.unsafelyUnwrapped + offset, count: length)
        }
        offset += length
        return length
    }
}
