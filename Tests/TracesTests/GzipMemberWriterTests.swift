import EdgeCore
import Testing

@testable import Traces

/// Compresses `pieces` as members (each inner list one member) and returns the gzip bytes.
private func compressed(_ members: [[String]], droppingFirst dropped: String? = nil) throws -> [UInt8] {
    let writer = try GzipMemberWriter()
    var output: [UInt8] = []
    let sink: (UnsafeRawBufferPointer) throws -> Void = { output.append(contentsOf: $0) }
    if let dropped {
        var lost: [UInt8] = []
        try Array(dropped.utf8).withUnsafeBytes { bytes in try writer.append(bytes) { lost.append(contentsOf: $0) } }
        writer.dropMember()
    }
    for member in members {
        for piece in member { try Array(piece.utf8).withUnsafeBytes { try writer.append($0, to: sink) } }
        try writer.finishMember(to: sink)
    }
    return output
}

/// The paths of the records of a gzip stream, read back through `GzipSource`.
private func inflated(_ bytes: [UInt8]) throws -> [String] {
    try readAll(bytes: bytes, format: .native).records.map { $0.string($0.path) ?? "" }
}

private func line(_ index: Int) -> String {
    #"{"ts":"2026-12-01T00:00:\#(String(format: "%02d", index % 60))Z","ip":"192.0.2.1","path":"/p\#(index)"}"# + "\n"
}

@Test func membersWrittenInPiecesReadBackAsOneStream() throws {
    let first = (0..<40).map(line)
    let second = (40..<100).map(line)
    // Pieces that cut lines anywhere, and an empty member between the two.
    let text = first.joined()
    let pieces = stride(from: 0, to: text.utf8.count, by: 7).map { start in
        String(decoding: Array(text.utf8)[start..<min(start + 7, text.utf8.count)], as: UTF8.self)
    }
    let bytes = try compressed([pieces, [], second], droppingFirst: line(999))
    #expect(try inflated(bytes) == (0..<100).map { "/p\($0)" })
}

@Test func aLargeMemberSpillsOverTheOutputBuffer() throws {
    var state: UInt64 = 42
    let noise = (0..<600_000).map { _ -> Character in
        state = state &* 6_364_136_223_846_793_005 &+ 1
        return Character(Unicode.Scalar(UInt8(97 + (state >> 59))))
    }
    let lines = (0..<20).map { index in
        let agent = String(noise[(index * 30_000)..<((index + 1) * 30_000)])
        return #"{"ts":"2026-12-01T00:00:00Z","ip":"192.0.2.1","path":"/\#(index)","ua":"\#(agent)"}"# + "\n"
    }
    let bytes = try compressed([lines])
    #expect(bytes.count > 256 * 1024)
    #expect(try inflated(bytes).count == 20)
}
