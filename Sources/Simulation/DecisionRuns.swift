import EdgeCore
import Foundation

/// Decision lines that wait for an earlier record's line, moved to disk once too many wait in memory. A line waits
/// as long as some earlier record is still held in its colo's re-ordering window; a colo that goes quiet holds its
/// last records until the trace ends, so without this every later line would wait in memory. Each spill is a run of
/// lines sorted by input index in a private temporary directory; `merge` streams the runs and the lines still in
/// memory out in input order, merging at most `fanIn` runs at a time, and the directory goes with this object.
final class DecisionRuns {
    /// Runs merged at once (a pass merges groups of this many into longer runs until this many are left).
    static let fanIn = 128

    private var directory: String?
    private var runs: [String] = []
    private var nextRun = 0

    /// Whether any line was spilled.
    var isEmpty: Bool { runs.isEmpty }

    deinit {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Writes `lines` (sorted by index) as a new run.
    func spill(_ lines: [(index: Int, text: String)]) throws(OutputFileError) {
        let path = try newRunPath()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 12 })
        for line in lines { Self.append(index: line.index, text: Array(line.text.utf8), to: &bytes) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw OutputFileError(path: path, reason: "cannot write a temporary file of decisions")
        }
        runs.append(path)
    }

    /// Calls `write` with every spilled line and every line of `memory` (sorted by index), in input order.
    func merge(with memory: [(index: Int, text: String)], into write: ([UInt8]) throws(OutputFileError) -> Void)
        throws(OutputFileError)
    {
        while runs.count > Self.fanIn {
            var merged: [String] = []
            for start in stride(from: 0, to: runs.count, by: Self.fanIn) {
                let group = Array(runs[start..<min(runs.count, start + Self.fanIn)])
                let path = try newRunPath()
                guard FileManager.default.createFile(atPath: path, contents: nil),
                    let handle = FileHandle(forWritingAtPath: path)
                else { throw OutputFileError(path: path, reason: "cannot write a temporary file of decisions") }
                try Self.mergeRuns(group, memory: []) { index, text throws(OutputFileError) in
                    var bytes: [UInt8] = []
                    Self.append(index: index, text: text, to: &bytes)
                    do {
                        try handle.write(contentsOf: bytes)
                    } catch {
                        throw OutputFileError(path: path, reason: "cannot write a temporary file of decisions")
                    }
                }
                try? handle.close()
                for run in group { try? FileManager.default.removeItem(atPath: run) }
                merged.append(path)
            }
            runs = merged
        }
        var buffer: [UInt8] = []
        try Self.mergeRuns(runs, memory: memory) { _, text throws(OutputFileError) in
            buffer += text
            if buffer.count > 1 << 20 {
                try write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try write(buffer) }
    }

    /// Merges `paths` and `memory` by index, calling `emit` with each line.
    private static func mergeRuns(
        _ paths: [String], memory: [(index: Int, text: String)],
        _ emit: (Int, [UInt8]) throws(OutputFileError) -> Void
    ) throws(OutputFileError) {
        var readers: [RunReader] = []
        for path in paths { readers.append(try RunReader(path: path)) }
        var memoryPosition = 0
        var heads: [(index: Int, text: [UInt8])?] = []
        for reader in readers { heads.append(try reader.next()) }
        while true {
            var best: Int?
            for (position, head) in heads.enumerated() {
                guard let head else { continue }
                if best == nil || head.index < heads[best!]!.index { best = position }
            }
            let memoryIndex = memoryPosition < memory.count ? memory[memoryPosition].index : Int.max
            if let best, let head = heads[best], head.index < memoryIndex {
                try emit(head.index, head.text)
                heads[best] = try readers[best].next()
            } else if memoryPosition < memory.count {
                try emit(memoryIndex, Array(memory[memoryPosition].text.utf8))
                memoryPosition += 1
            } else {
                return
            }
        }
    }

    private func newRunPath() throws(OutputFileError) -> String {
        if directory == nil {
            var template = Array((NSTemporaryDirectory() + "edgeproof-decisions-XXXXXX").utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
                throw OutputFileError(
                    path: NSTemporaryDirectory(), reason: "cannot make a temporary directory for decisions")
            }
            directory = String(cString: made)
        }
        nextRun += 1
        return "\(directory!)/run-\(nextRun)"
    }

    /// A line as 8 bytes of index, 4 bytes of length (little-endian) and the text.
    private static func append(index: Int, text: [UInt8], to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(index).littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(text.count).littleEndian) { bytes += $0 }
        bytes += text
    }
}

/// Reads a run's lines back in order, a megabyte at a time.
private final class RunReader {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false

    init(path: String) throws(OutputFileError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OutputFileError(path: path, reason: "cannot read a temporary file of decisions")
        }
        self.handle = handle
        self.path = path
    }

    deinit { try? handle.close() }

    /// The next line, or nil at the end of the run.
    func next() throws(OutputFileError) -> (index: Int, text: [UInt8])? {
        guard try fill(12) else { return nil }
        let index = Int(Self.integer(buffer[position..<position + 8]))
        let length = Int(Self.integer(buffer[position + 8..<position + 12]))
        position += 12
        guard try fill(length) else {
            throw OutputFileError(path: path, reason: "a temporary file of decisions ends inside a line")
        }
        let text = Array(buffer[position..<position + length])
        position += length
        return (index, text)
    }

    /// Whether `count` bytes are available from `position`, reading more as needed; false at a clean end.
    private func fill(_ count: Int) throws(OutputFileError) -> Bool {
        while buffer.count - position < count, !ended {
            let data: Data?
            do {
                data = try handle.read(upToCount: max(1 << 20, count))
            } catch {
                throw OutputFileError(path: path, reason: "cannot read a temporary file of decisions")
            }
            guard let data, !data.isEmpty else {
                ended = true
                break
            }
            buffer.removeFirst(position)
            position = 0
            buffer += data
        }
        return buffer.count - position >= count
    }

    private static func integer(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}
