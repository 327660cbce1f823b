import EdgeCore
import Glibc

/// Merges the decisions files of a partition's shards (`replay --decisions` on each shard) into the decisions file
/// one replay of everything writes: every record's line, by its number `n`. Each shard's file is in increasing `n`,
/// and the shards together number the records 1…total, each once, so the merge takes record `n` from the file whose
/// next line it is, streaming. A record no file holds, a number out of order or a file left over is an error.
public enum ShardDecisions {
    /// Why the merge stopped; the output file is left as it was.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, naming the file.
        public let description: String
    }

    /// Writes the lines of `paths` to `output` in record order; `records` is the partition's record count.
    public static func merge(_ paths: [String], records: Int, into output: String) throws(Failure) {
        var files: [DecisionLines] = []
        for path in paths {
            guard let file = DecisionLines(path: path) else {
                throw Failure(description: "cannot read decisions \(path): \(String(cString: strerror(errno)))")
            }
            files.append(file)
        }
        let out: OutputFile
        do { out = try OutputFile(path: output) } catch { throw Failure(description: error.description) }
        var heads: [Int: Int] = [:]
        for index in files.indices { try advance(files[index], index: index, heads: &heads) }
        var buffer: [UInt8] = []
        do {
            for n in stride(from: 1, through: records, by: 1) {
                guard let index = heads.removeValue(forKey: n) else {
                    throw Failure(
                        description: "no decisions file holds record \(n) of \(records); give every shard's decisions "
                            + "file, each written by 'replay --trace SHARD --decisions FILE'")
                }
                buffer += files[index].line
                buffer.append(0x0A)
                if buffer.count >= 1 << 20 {
                    try out.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                try advance(files[index], index: index, heads: &heads)
            }
            if let (n, index) = heads.min(by: { $0.key < $1.key }) {
                throw Failure(
                    description: "\(paths[index]) holds record \(n), but the partition has \(records) records; merge "
                        + "the decisions of one partition")
            }
            try out.write(buffer)
            try out.commit()
        } catch let error as OutputFileError {
            throw Failure(description: error.description)
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Reads the next line of `file` (number `index`) and files it under its `n`.
    private static func advance(_ file: DecisionLines, index: Int, heads: inout [Int: Int]) throws(Failure) {
        let previous = file.number
        guard try file.next() else { return }
        guard let number = file.number, number > (previous ?? 0) else {
            throw Failure(
                description: "\(file.path):\(file.lineNumber): expected a decision line starting {\"n\":N, with N "
                    + "above the line before; is it a decisions file written by 'replay --decisions'?")
        }
        guard heads.updateValue(index, forKey: number) == nil else {
            throw Failure(
                description: "\(file.path):\(file.lineNumber): record \(number) is in two decisions files; give each "
                    + "shard's file once")
        }
    }
}

/// The lines of one decisions file, read one at a time with `getline`, and the record number each starts with. The
/// file is closed at its end or when the reader goes.
private final class DecisionLines {
    let path: String
    private var stream: UnsafeMutablePointer<FILE>?
    private var storage: UnsafeMutablePointer<CChar>?
    /// The current line, without its newline.
    private(set) var line: [UInt8] = []
    /// Its `n`, when it starts with `{"n":` and digits.
    private(set) var number: Int?
    /// Its 1-based line number.
    private(set) var lineNumber = 0
    private var capacity = 0

    init?(path: String) {
        guard let stream = fopen(path, "r") else { return nil }
        self.path = path
        self.stream = stream
    }

    deinit { close() }

    /// Reads the next line; false at the end of the file (which is then closed); throws when reading fails (a
    /// directory, an I/O error).
    func next() throws(ShardDecisions.Failure) -> Bool {
        guard let stream else { return false }
        let count = getline(&storage, &capacity, stream)
        guard count > 0, let storage else {
            let failed = ferror(stream) != 0
            let reason = String(cString: strerror(errno))
            close()
            if failed { throw ShardDecisions.Failure(description: "cannot read decisions \(path): \(reason)") }
            return false
        }
        lineNumber += 1
        let length = storage[count - 1] == 0x0A ? count - 1 : count
        line = storage.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
        number = Self.number(line)
        return true
    }

    private func close() {
        if let stream { fclose(stream) }
        stream = nil
        free(storage)
        storage = nil
    }

    private static func number(_ line: [UInt8]) -> Int? {
        let prefix = Array("{\"n\":".utf8)
        guard line.starts(with: prefix) else { return nil }
        var value = 0, digits = 0
        for byte in line.dropFirst(prefix.count) {
            guard byte >= 0x30, byte <= 0x39, digits < 18 else { break }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
