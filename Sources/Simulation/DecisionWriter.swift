import EdgeModel
import Foundation

/// Writes one JSON object per record, in input order, although records are simulated in time order: decisions wait
/// in a buffer until every earlier record's decision is written (the buffer spans at most the re-ordering window).
public final class DecisionWriter {
    private let handle: FileHandle
    private var pending: [Int: String] = [:]
    private var nextIndex = 0
    private var buffer = ""

    /// Creates (or truncates) `path`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Records the decision for input record `index` (0-based) read from `line`.
    public func write(index: Int, line: Int, timestamp: Int64, decision: Decision) {
        pending[index] = Self.json(n: index + 1, line: line, timestamp: timestamp, decision)
        while let text = pending.removeValue(forKey: nextIndex) {
            buffer += text
            nextIndex += 1
        }
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    /// Writes what is buffered and closes the file.
    public func finish() throws {
        flush()
        try handle.close()
    }

    private func flush() {
        handle.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    /// `{"n":…,"line":…,"ts":…,"action":…,"phase":…,"rule":…,"status":…,"cache":…,"origin":…}` and a newline.
    static func json(n: Int, line: Int, timestamp: Int64, _ decision: Decision) -> String {
        var out = "{\"n\":\(n),\"line\":\(line),\"ts\":\(timestamp),\"action\":\"\(decision.action.rawValue)\",\"phase\":"
        out += decision.phase.map { "\"\($0.rawValue)\"" } ?? "null"
        out += ",\"rule\":"
        if let rule = decision.ruleID {
            var escaped = ""
            for scalar in rule.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { escaped += "\\" }
                escaped.unicodeScalars.append(scalar)
            }
            out += "\"\(escaped)\""
        } else {
            out += "null"
        }
        out += ",\"status\":\(decision.status),\"cache\":\"\(decision.cacheStatus.rawValue)\",\"origin\":\(decision.originContacted)}\n"
        return out
    }
}
