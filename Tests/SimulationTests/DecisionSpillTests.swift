import EdgeWire
import Foundation
import Testing

@testable import Simulation

/// Decisions that wait for an earlier record past the memory limit go to sorted runs on disk and come back in input
/// order: a colo holding its first record to the end of the trace must not make memory follow the trace.
@Suite struct DecisionSpillTests {
    private static func written(count: Int, memoryLimit: Int, order: [Int]) throws -> [String] {
        let path = NSTemporaryDirectory() + "edgeproof-\(UUID().uuidString)-decisions.jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try DecisionWriter(path: path, memoryLimit: memoryLimit)
        for index in order {
            writer.add(index: index, text: "{\"n\":\(index + 1),\"rule\":\"a\\\"b\\tc\"}\n")
            #expect(writer.waitingInMemory <= memoryLimit)
        }
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("A record held to the end: everything after it spills and comes back in order")
    func heldFirstRecord() throws {
        let count = 5_000
        let lines = try Self.written(count: count, memoryLimit: 100, order: Array(1..<count) + [0])
        #expect(lines.count == count)
        for (position, line) in lines.enumerated() { #expect(line.hasPrefix("{\"n\":\(position + 1),")) }
    }

    @Test("More runs than one merge takes: merged in passes")
    func manyRuns() throws {
        var random = SplitMix64(state: 7)
        var order = Array(1..<30_000)
        order.shuffle(using: &random)
        let lines = try Self.written(count: 30_000, memoryLimit: 100, order: order + [0])
        #expect(lines.count == 30_000)
        #expect(lines.enumerated().allSatisfy { $1.hasPrefix("{\"n\":\($0 + 1),") })
    }

    @Test("Without waiting records nothing spills and the lines stream out")
    func inOrder() throws {
        let lines = try Self.written(count: 1_000, memoryLimit: 10, order: Array(0..<1_000))
        #expect(lines.count == 1_000)
        #expect(lines.last == #"{"n":1000,"rule":"a\"b\tc"}"#)
    }
}
