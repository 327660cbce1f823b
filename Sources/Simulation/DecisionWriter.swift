import EdgeCore
import EdgeModel

/// Writes one JSON object per record, in input order, although records are simulated in time order: decisions wait
/// until every earlier record's decision is written. At most `memoryLimit` wait in memory; past that they are
/// spilled to sorted runs on disk (`DecisionRuns`) and merged when the replay finishes, so a colo that holds an early
/// record to the end of the trace does not make memory grow with the trace.
public final class DecisionWriter {
    /// Decisions that may wait in memory by default (about 10 MB of lines).
    public static let defaultMemoryLimit = 1 << 16

    private let file: OutputFile
    private let memoryLimit: Int
    private var pending: [Int: String] = [:]
    private var nextIndex = 0
    private var buffer = ""
    private var failure: OutputFileError?
    private let runs = DecisionRuns()

    /// Opens `path` as an `OutputFile`: a regular file is replaced only when `finish()` succeeds. At most
    /// `memoryLimit` decisions wait in memory.
    public init(path: String, memoryLimit: Int = DecisionWriter.defaultMemoryLimit) throws(OutputFileError) {
        file = try OutputFile(path: path)
        self.memoryLimit = max(1, memoryLimit)
    }

    /// Decisions waiting in memory for an earlier one.
    var waitingInMemory: Int { pending.count }

    /// Records the decision for input record `index` (0-based; the order of the file), numbered `number` (0-based;
    /// `OrderedTraceRecord.number`) and read from `line`. After a failed write nothing more is kept; `finish()`
    /// reports the failure.
    public func write(index: Int, number: Int, line: Int, timestamp: Int64, decision: Decision) {
        guard failure == nil else { return }
        add(index: index, text: Self.json(n: number + 1, line: line, timestamp: timestamp, decision))
    }

    /// Adds the decision line `text` of input record `index`.
    func add(index: Int, text: String) {
        guard failure == nil else { return }
        pending[index] = text
        if runs.isEmpty {
            while let text = pending.removeValue(forKey: nextIndex) {
                buffer += text
                nextIndex += 1
            }
            if buffer.utf8.count > 1 << 20 { flush() }
        }
        if pending.count > memoryLimit { spill() }
    }

    /// Moves the waiting decisions to a run on disk; from then on every decision waits for the merge at the end.
    private func spill() {
        do {
            try runs.spill(pending.sorted { $0.key < $1.key }.map { (index: $0.key, text: $0.value) })
        } catch {
            failure = error
        }
        pending.removeAll()
    }

    /// Writes what is buffered and commits the file, or throws the first write failure (the file that was at the
    /// path is then left as it was).
    public func finish() throws(OutputFileError) {
        flush()
        if failure == nil, !runs.isEmpty {
            let memory = pending.sorted { $0.key < $1.key }.map { (index: $0.key, text: $0.value) }
            pending.removeAll()
            do {
                try runs.merge(with: memory) { bytes throws(OutputFileError) in try file.write(bytes) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        try file.commit()
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try file.write(Array(buffer.utf8))
        } catch {
            failure = error
            pending.removeAll()
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// `{"n":…,"line":…,"ts":…,"action":…,"phase":…,"rule":…,"status":…,"cache":…,"origin":…}` and a
    /// newline; a request the OWASP Core Ruleset evaluated also gets
    /// `"owasp":{"scores":[pl1,pl2,pl3,pl4],"rules":[ids…]}` (each level's own points; the rule ids of every level).
    static func json(n: Int, line: Int, timestamp: Int64, _ decision: Decision) -> String {
        var out =
            "{\"n\":\(n),\"line\":\(line),\"ts\":\(timestamp),\"action\":\"\(decision.action.rawValue)\",\"phase\":"
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
        out +=
            ",\"status\":\(decision.status),\"cache\":\"\(decision.cacheStatus.rawValue)\","
            + "\"origin\":\(decision.originContacted)"
        if let verdict = decision.managedRulesVerdict {
            out += ",\"owasp\":{\"scores\":[" + verdict.levelScores.map(String.init).joined(separator: ",")
            out += "],\"rules\":[" + verdict.matches.map { String($0.id) }.joined(separator: ",") + "]}"
        }
        out += "}\n"
        return out
    }
}
