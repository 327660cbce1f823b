import Foundation
import Testing
import Traces

@testable import TrafficSynthesis

@Test func synthSameSeedGivesSameBytesAndAnotherSeedOthers() throws {
    let profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 40)
    let first = try synthesize(profile, seed: 11, duration: 300_000)
    let again = try synthesize(profile, seed: 11, duration: 300_000)
    let other = try synthesize(profile, seed: 12, duration: 300_000)
    #expect(first.bytes.count > 100_000)
    #expect(first.bytes == again.bytes)
    #expect(first.statistics == again.statistics)
    #expect(first.bytes != other.bytes)
}

@Test func synthOutputReadsBackWithoutDiagnosticsInTimeOrderWithinTheWindow() throws {
    let profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 40)
    let (bytes, statistics) = try synthesize(profile, duration: 600_000)
    let (records, reader) = try readAll(bytes: bytes)
    #expect(reader.diagnostics.diagnostics.isEmpty)
    #expect(reader.format == .native)
    #expect(records.count == statistics.totalRecords)
    #expect(records.count == statistics.recordsPerMinute.reduce(0, +))
    var previous = Int64.min
    for record in records {
        let timestamp = try #require(record.timestampMs)
        #expect(timestamp >= previous)
        #expect(timestamp >= synthDayStart && timestamp < synthDayStart + 600_000)
        previous = timestamp
        #expect(record.ip != nil && record.host.isPresent && record.path.isPresent && record.method.isPresent)
    }
    let rewritten = NativeTraceWriter()
    for record in records { try rewritten.write(record) }
    #expect(rewritten.output == bytes)
}

@Test func synthWritesTheSameTraceToAFile() throws {
    let profile = LoadProfile.defaultMix(routes: exampleRoutes, meanRequestsPerSecond: 10)
    let synthesizer = try TraceSynthesizer(
        profile: profile, seed: 5, startMilliseconds: synthDayStart, durationMilliseconds: 120_000)
    let path = synthScratchPath("file.jsonl")
    defer { unlink(path) }
    let writer = try NativeTraceWriter(path: path)
    let statistics = try synthesizer.write(to: writer)
    try writer.finish()
    let memory = NativeTraceWriter()
    _ = try synthesizer.write(to: memory)
    let reader = try TraceReader(path: path)
    var count = 0
    while try reader.next() != nil { count += 1 }
    #expect(count == statistics.totalRecords)
    #expect(reader.diagnostics.diagnostics.isEmpty)
    #expect(FileManager.default.contents(atPath: path).map(Array.init) == memory.output)
}
