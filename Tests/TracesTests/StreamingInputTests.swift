import CZlib
import EdgeCore
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
    (1...count).map { #"{"ts":\#(1_700_000_000_000 + $0),"path":"/item/\#($0)","status":200}"# }.joined(separator: "\n") + "\n"
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

@Test func truncatedGzipDeliversWhatCameBeforeAndReportsAnError() throws {
    let plain = Array(nativeLines(3000).utf8)
    let compressed = gzip(plain)
    let cut = Array(compressed.prefix(compressed.count / 2))
    let (records, reader) = try readAll(bytes: cut, options: TraceReaderOptions(chunkSize: 4096))
    #expect(records.count > 100 && records.count < 3000)
    // Every delivered record is complete and in order.
    for (index, record) in records.enumerated() {
        #expect(record.string(record.path) == "/item/\(index + 1)")
    }
    let truncation = diagnostics(reader, TraceDiagnosticID.truncatedInput)
    #expect(truncation.count == 1)
    #expect(truncation.first?.severity == .error)
    #expect(truncation.first?.message.contains("truncated after line \(records.count)") == true)
    #expect(diagnostics(reader, TraceDiagnosticID.malformedLine).isEmpty)
    // A cut inside the gzip header reads nothing but says so.
    let header = try readAll(bytes: Array(compressed.prefix(5)))
    #expect(header.records.isEmpty && diagnostics(header.reader, TraceDiagnosticID.truncatedInput).count == 1)
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

@Test func aLineBeyondTheMaximumIsReportedAndSkipped() throws {
    let agent = String(repeating: "B", count: 300_000)
    let text = #"{"path":"/before"}"# + "\n" + #"{"ua":"\#(agent)"}"# + "\n" + #"{"path":"/after"}"# + "\n"
        + #"{"ua":"\#(agent)"}"#
    let (records, reader) = try readAll(text, options: TraceReaderOptions(chunkSize: 4096, maxLineLength: 100_000))
    #expect(records.map { $0.string($0.path) } == ["/before", "/after"])
    #expect(records.map(\.line) == [1, 3])
    let tooLong = diagnostics(reader, TraceDiagnosticID.lineTooLong)
    #expect(tooLong.map(\.range.start.line) == [2, 4])
    #expect(reader.statistics.lines == 4)
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
            while let record = try reader.next() {
                count += 1
                _ = NativeTraceWriter.line(for: record)
            }
            #expect(count <= reader.statistics.lines)
        }
    }
    // Garbage that looks like JSON: deep nesting and stray escapes.
    let nested = "{\"x\":" + String(repeating: "[", count: 10_000) + "}"
    let (records, reader) = try readAll(nested + "\n{\"path\":\"\\u12\"}\n{\"path\":\"\\q\"}", format: .native)
    #expect(records.isEmpty && reader.statistics.malformedLines == 3)
}
