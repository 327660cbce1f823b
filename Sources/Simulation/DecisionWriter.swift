import EdgeCore
import EdgeModel

/// Writes one JSON object per record, in input order, although records are simulated in time order: decisions wait
/// in a buffer until every earlier record's decision is written (the buffer spans at most the re-ordering window).
public final class DecisionWriter {
    private let file: OutputFile
    private var pending: [Int: String] = [:]
    private var nextIndex = 0
    private var buffer = ""
    private var failure: OutputFileError?

    /// Opens `path` as an `OutputFile`: a regular file is replaced only when `finish()` succeeds.
    public init(path: String) throws(OutputFileError) {
        file = try OutputFile(path: path)
    }

    /// Records the decision for input record `index` (0-based) read from `line`. After a failed write nothing
    /// more is kept; `finish()` reports the failure.
    public func write(index: Int, line: Int, timestamp: Int64, decision: Decision) {
        guard failure == nil else { return }
        add(index: index, text: Self.json(n: index + 1, line: line, timestamp: timestamp, decision))
    }

    /// Adds the decision line `text` of input record `index`.
    func add(index: Int, text: String) {
        guard failure == nil else { return }
        pending[index] = text
        while let text = pending.removeValue(forKey: nextIndex) {
            buffer += text
            nextIndex += 1
        }
        if buffer.utf8.count > 1 << 20 { flush() }
    }

    /// Writes what is buffered and commits the file, or throws the first write failure (the file that was at the
    /// path is then left as it was).
    public func finish() throws(OutputFileError) {
        flush()
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
