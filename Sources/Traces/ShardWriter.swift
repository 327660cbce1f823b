import EdgeCore

/// Writes one shard file (`TraceShard`): the header, a line per record with its number, trace and line in front of
/// the line as it was, and the `#end` line; gzip-compressed when asked. The file is an `OutputFile`: it appears at
/// its path only when `finish` succeeds.
public final class ShardWriter {
    private let path: String
    private let file: OutputFile
    private let gzip: GzipMemberWriter?
    private var shard: TraceShard
    private var buffer: [UInt8] = []

    /// Bytes gathered before they go to the file: 1 MiB, less with many shards (256 MiB over them all).
    private let bufferSize: Int

    /// Opens `path` for `shard` (its inputs listed in the header), compressing when `compressed`.
    public init(path: String, shard: TraceShard, compressed: Bool) throws(OutputFileError) {
        self.path = path
        file = try OutputFile(path: path)
        do {
            gzip = compressed ? try GzipMemberWriter() : nil
        } catch {
            throw OutputFileError(path: path, reason: "zlib: \(error)")
        }
        self.shard = shard
        bufferSize = max(64 << 10, min(1 << 20, (256 << 20) / max(1, shard.count)))
        buffer.append(contentsOf: shard.header.utf8)
    }

    /// Adds `record`, number `number` of the stream, read from trace `input` as `sourceLine` (its line before
    /// parsing rewrote it).
    public func append(_ record: TraceRecord, sourceLine: [UInt8], number: Int, input: Int) throws(OutputFileError) {
        buffer.append(contentsOf: "\(number)\t\(input)\t\(record.line)\t".utf8)
        buffer.append(contentsOf: sourceLine)
        buffer.append(0x0A)
        shard.records += 1
        if buffer.count >= bufferSize { try flush() }
    }

    /// Ends the file with the `findings` of reading the traces and `#end` (all shards' `partitionRecords`, the
    /// `malformedLines` the partition skipped) and puts it at its path.
    public func finish(partitionRecords: Int, malformedLines: Int, findings: [Diagnostic]) throws(OutputFileError) {
        shard.partitionRecords = partitionRecords
        shard.malformedLines = malformedLines
        shard.findings = findings
        buffer.append(contentsOf: shard.trailer.utf8)
        try flush()
        if let gzip {
            do {
                try gzip.finishMember { try file.write($0) }
            } catch let error as OutputFileError {
                throw error
            } catch {
                throw OutputFileError(path: path, reason: "zlib: \(error)")
            }
        }
        try file.commit()
    }

    /// Records written so far.
    public var records: Int { shard.records }

    private func flush() throws(OutputFileError) {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard let gzip else { return try file.write(buffer) }
        do {
            try buffer.withUnsafeBytes { bytes in try gzip.append(bytes) { try file.write($0) } }
        } catch let error as OutputFileError {
            throw error
        } catch {
            throw OutputFileError(path: path, reason: "zlib: \(error)")
        }
    }
}
