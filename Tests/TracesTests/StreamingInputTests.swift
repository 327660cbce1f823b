import CZlib
import EdgeCore
import Foundation
import Testing

@testable import Traces

/// Gzip-compresses `bytes` with zlib (a gzip wrapper: window bits 15 + 16).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    var input = bytes
    var output = [UInt8](repeating: 0, count: bytes.count + 1024)
    deflateInit2_(&stream, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = uInt(outputBuffer.count)
            deflate(&stream, Z_FINISH)
            return outputBuffer.count - Int(stream.avail_out)
        }
    }
    deflateEnd(&stream)
    return Array(output.prefix(produced))
}

private func nativeLines(_ count: Int) -> String {
    (1...count).map { #"{"ts":\#(1_700_000_000_000 + $0),"path":"/item/\#($0)","status":200}"# }.joined(separator: "\n")
        + "\n"
}

@Test func gzipInputIsInflatedTransparently() throws {
    let plain = Array(nativeLines(3000).utf8)
    let (records, reader) = try readAll(bytes: gzip(plain), options: TraceReaderOptions(chunkSize: 4096))
    #expect(reader.isCompressed && reader.format == .native)
    #expect(records.count == 3000)
    #expect(records.last.flatMap { $0.string($0.path) } == "/item/3000")
    #expect(!reader.diagnostics.hasErrors)
    // Two members, as `cat a.gz b.gz` makes.
    let twice = try readAll(bytes: gzip(plain) + gzip(plain)).records
    #expect(twice.count == 6000)
}

/// Reads records until the reader stops, returning them with the error that stopped it (nil at a clean end).
private func readUntilStopped(_ reader: TraceReader) -> (records: [TraceRecord], error: TraceReadError?) {
    var records: [TraceRecord] = []
    do {
        while let record = try reader.next() { records.append(record) }
    } catch {
        return (records, error)
    }
    return (records, nil)
}

@Test func truncatedGzipDeliversWhatCameBeforeThenStops() throws {
    let plain = Array(nativeLines(3000).utf8)
    let compressed = gzip(plain)
    let cut = Array(compressed.prefix(compressed.count / 2))
    let reader = TraceReader(bytes: cut, name: "cut.gz", options: TraceReaderOptions(chunkSize: 4096))
    let (records, error) = readUntilStopped(reader)
    #expect(records.count > 100 && records.count < 3000)
    // Every delivered record is complete and in order.
    for (index, record) in records.enumerated() {
        #expect(record.string(record.path) == "/item/\(index + 1)")
    }
    #expect(
        error == .damagedInput(file: "cut.gz", reason: "the compressed stream is truncated after line \(records.count)")
    )
    let truncation = diagnostics(reader, TraceDiagnosticID.truncatedInput)
    #expect(truncation.count == 1)
    #expect(truncation.first?.severity == .error)
    #expect(truncation.first?.message.contains("truncated after line \(records.count)") == true)
    #expect(diagnostics(reader, TraceDiagnosticID.malformedLine).isEmpty)
    // A cut inside the gzip header reads nothing but says so.
    let header = TraceReader(bytes: Array(compressed.prefix(5)), name: "header.gz")
    let stoppedInHeader = readUntilStopped(header)
    #expect(stoppedInHeader.records.isEmpty && diagnostics(header, TraceDiagnosticID.truncatedInput).count == 1)
    #expect(
        stoppedInHeader.error
            == .damagedInput(file: "header.gz", reason: "the compressed stream is truncated after line 0"))
}

@Test func aBadGzipChecksumStopsReading() throws {
    var compressed = gzip(Array(nativeLines(10).utf8))
    // The trailer is CRC-32 then the length, little-endian; flip a bit of the CRC.
    compressed[compressed.count - 8] ^= 0x01
    let reader = TraceReader(bytes: compressed, name: "crc.gz")
    let (records, error) = readUntilStopped(reader)
    #expect(records.count == 10)
    guard case let .damagedInput(file, reason) = error else {
        Issue.record("expected damaged input, got \(String(describing: error))")
        return
    }
    #expect(file == "crc.gz" && reason.contains("corrupt") && reason.contains("incorrect data check"))
    #expect(diagnostics(reader, TraceDiagnosticID.corruptInput).count == 1)
}

@Test func aTraceWhoseEveryLineIsMalformedGivesNoRecordsError() throws {
    let reader = TraceReader(
        bytes: Array("{\"ts\":\n{\"path\":7}\n\n{oops}\n".utf8), name: "bad.jsonl", format: .native)
    let (records, error) = readUntilStopped(reader)
    #expect(records.isEmpty)
    #expect(error == .noRecords(file: "bad.jsonl", malformedLines: 3))
    // One good line is enough: the malformed ones are reported and skipped.
    let mixed = TraceReader(bytes: Array("{\"ts\":\n{\"path\":\"/ok\"}\n".utf8), name: "mixed.jsonl", format: .native)
    let read = readUntilStopped(mixed)
    #expect(read.records.count == 1 && read.error == nil)
    // An empty file is not an error: there was nothing to read.
    #expect(readUntilStopped(TraceReader(bytes: [], name: "empty.jsonl")).error == nil)
}

@Test func aFiveMegabyteLineIsRead() throws {
    let agent = String(repeating: "A", count: 5 * 1024 * 1024)
    let text = #"{"path":"/before"}"# + "\n" + #"{"path":"/long","ua":"\#(agent)"}"# + "\n" + #"{"path":"/after"}"#
    let (records, reader) = try readAll(text)
    #expect(records.count == 3)
    #expect(records[1].userAgent.count == 5 * 1024 * 1024)
    #expect(records.map { $0.string($0.path) } == ["/before", "/long", "/after"])
    #expect(records[2].line == 3)
    #expect(reader.diagnostics.diagnostics.isEmpty)
}

@Test func aLineBeyondTheMaximumStopsReading() throws {
    let agent = String(repeating: "B", count: 300_000)
    let text = #"{"path":"/before"}"# + "\n" + #"{"ua":"\#(agent)"}"# + "\n" + #"{"path":"/after"}"# + "\n"
    let reader = TraceReader(
        bytes: Array(text.utf8), name: "long.jsonl",
        options: TraceReaderOptions(chunkSize: 4096, maxLineLength: 100_000))
    let (records, error) = readUntilStopped(reader)
    #expect(records.map { $0.string($0.path) } == ["/before"])
    #expect(error == .lineTooLong(file: "long.jsonl", line: 2, limit: 100_000))
    #expect(diagnostics(reader, TraceDiagnosticID.lineTooLong).map(\.range.start.line) == [2])
}

@Test(arguments: [1, 7, 4096, 5000])
func theLineLimitIsExactWhateverTheChunkSize(chunkSize: Int) throws {
    let limit = 10_000
    for (length, allowed) in [(limit, true), (limit + 1, false)] {
        let line = #"{"ua":""# + String(repeating: "B", count: length - 9) + #""}"#
        #expect(line.utf8.count == length)
        let reader = TraceReader(
            bytes: Array((line + "\n" + #"{"path":"/after"}"# + "\n").utf8), name: "edge.jsonl",
            options: TraceReaderOptions(chunkSize: chunkSize, maxLineLength: limit))
        let (records, error) = readUntilStopped(reader)
        if allowed {
            #expect(error == nil && records.count == 2, "a line of exactly the limit is read (chunks of \(chunkSize))")
        } else {
            #expect(error == .lineTooLong(file: "edge.jsonl", line: 1, limit: limit), "chunks of \(chunkSize)")
        }
    }
}

@Test func anEndlessInputWithoutNewlinesStops() throws {
    let reader = try TraceReader(path: "/dev/zero", options: TraceReaderOptions(maxLineLength: 4 << 20))
    let started = ContinuousClock.now
    let (records, error) = readUntilStopped(reader)
    #expect(records.isEmpty)
    #expect(error == .lineTooLong(file: "/dev/zero", line: 1, limit: 4 << 20))
    #expect(ContinuousClock.now - started < .seconds(10))
}

@Test func aFIFOWithoutAWriterCannotBeOpened() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgeproof-trace-fifo-\(getpid())").path
    #expect(mkfifo(path, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
        throws: TraceReadError.cannotOpen(
            path: path,
            reason: "is a FIFO and nothing wrote to it within 0 s; start the writer first or pass a regular file")
    ) {
        try TraceReader(path: path, options: TraceReaderOptions(writerWaitMilliseconds: 200))
    }
}

@Test func binaryGarbageNeverCrashes() throws {
    var generator = ByteGenerator(state: 42)
    for format in TraceFormat.allCases {
        for round in 0..<20 {
            var bytes = (0..<4000).map { _ in generator.next() }
            if round % 2 == 0 { bytes = Array(#"{"path":"/x"}"#.utf8) + [0x0A] + bytes }
            if round % 4 == 1 { bytes = [0x1F, 0x8B] + bytes }
            let reader = TraceReader(
                bytes: bytes, name: "garbage", format: format, options: TraceReaderOptions(maxErrors: 10_000))
            var count = 0
            do {
                while let record = try reader.next() {
                    count += 1
                    _ = NativeTraceWriter.line(for: record)
                }
            } catch {
                // Garbage may end in a damaged-stream or no-records error; it must never crash.
            }
            #expect(count <= reader.statistics.lines)
        }
    }
    // Garbage that looks like JSON: deep nesting and stray escapes.
    let nested = "{\"x\":" + String(repeating: "[", count: 10_000) + "}"
    let reader = TraceReader(
        bytes: Array((nested + "\n{\"path\":\"\\u12\"}\n{\"path\":\"\\q\"}").utf8), name: "nested", format: .native)
    let (records, error) = readUntilStopped(reader)
    #expect(records.isEmpty && reader.statistics.malformedLines == 3)
    #expect(error == .noRecords(file: "nested", malformedLines: 3))
}
