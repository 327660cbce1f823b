import ArgumentParser
import CloudflareAPI
import CloudflareRegex
import EdgeCompiler
import EdgeCore
import Foundation
import Simulation
import Traces

/// `replay --summary-json FILE`: the `--format json` result document with a `mergeable` member that holds what
/// `edgeproof merge` needs to combine the summaries of a partition's shards into the result of one replay: the
/// format version, the spec's name and hash, the settings the model ran with, the shard, and every count exactly
/// (`ReplaySummary.state`). See `docs/scaling.md`.
enum MergeableSummary {
    /// The version of the `mergeable` member this build writes and reads.
    static let formatVersion: Int64 = 1

    /// What a replay ran with, beyond the spec: summaries made with different settings do not merge.
    struct Settings: Equatable {
        /// `--reorder-window`, in milliseconds.
        var reorderWindowMs: Int64
        /// The rate-limit counter delay the model ran with, in milliseconds.
        var rateLimitDelayMs: Int64
        /// Whether examples hide secrets (no `--no-redact`).
        var redacted: Bool

        var json: JSONValue {
            .object([
                ("reorder_window_ms", .int(reorderWindowMs)), ("rate_limit_delay_ms", .int(rateLimitDelayMs)),
                ("redacted", .bool(redacted)),
            ])
        }
    }

    /// One shard's summary, read back.
    struct Part {
        let path: String
        let summary: ReplaySummary
        let shard: TraceShard
        let settings: Settings
        /// Regex searches the shard's replay left undecided (`UndecidedSearchWarning`).
        let undecidedSearches: Int
    }

    /// The document for `summary`, a replay of `compiled` with `settings`.
    static func document(_ summary: ReplaySummary, compiled: CompiledEdge, settings: Settings) -> JSONValue {
        guard case var .object(members) = ReplayResultOutput.document(summary, thresholds: nil) else { return .null }
        members.append(
            (
                "mergeable",
                .object([
                    ("format_version", .int(formatVersion)),
                    ("spec", .object([("name", .string(compiled.specName)), ("sha256", .string(compiled.specHash))])),
                    ("settings", settings.json), ("undecided_searches", .int(Int64(UndecidedSearches.count))),
                    ("shard", summary.shard.map(json) ?? .null), ("state", summary.state),
                ])
            ))
        return .object(members)
    }

    private static func json(_ shard: TraceShard) -> JSONValue {
        .object([
            ("index", .int(Int64(shard.index))), ("count", .int(Int64(shard.count))),
            ("records", .int(Int64(shard.records))), ("partition_records", .int(Int64(shard.partitionRecords))),
            (
                "inputs",
                .array(
                    shard.inputs.map { .object([("format", .string($0.format.rawValue)), ("name", .string($0.name))]) })
            ),
            (
                "findings",
                .array(
                    shard.findings.map {
                        .object([
                            ("severity", .string($0.severity.rawValue)), ("id", .string($0.id)),
                            ("file", .string($0.range.file)), ("line", .int(Int64($0.range.start.line))),
                            ("column", .int(Int64($0.range.start.column))), ("message", .string($0.message)),
                        ])
                    })
            ),
        ])
    }

    /// Reads the shard summary at `path`, written for `compiled`; a clear refusal (exit 2) when it is not JSON, not
    /// a summary of this format version, of another spec, or of a whole replay rather than a shard.
    static func read(_ path: String, compiled: CompiledEdge) throws -> Part {
        let document: JSONValue
        do {
            document = try JSONDocumentReader.read(file: path, expected: "a summary written by replay --summary-json")
        } catch {
            throw refusal("\(error)")
        }
        guard let mergeable = document["mergeable"] else {
            throw refusal(
                "\(path): has no 'mergeable' member; write shard summaries with 'replay --summary-json', not --report "
                    + "or --format json")
        }
        guard let version = mergeable["format_version"]?.integerValue, version == formatVersion else {
            throw refusal(
                "\(path): is a summary of format version \(mergeable["format_version"]?.compact ?? "?"), this "
                    + "EdgeProof reads version \(formatVersion); replay the shards again with this version")
        }
        let hash = mergeable["spec"]?["sha256"]?.stringValue ?? "?"
        guard hash == compiled.specHash else {
            throw refusal(
                "\(path): was replayed through another spec (sha256:\(hash.prefix(12)), "
                    + "\(mergeable["spec"]?["name"]?.stringValue ?? "?")), not \(compiled.specName) "
                    + "(sha256:\(compiled.shortHash)); merge the summaries of one spec, given with --spec")
        }
        do {
            let settings = try self.settings(StateReader(value: mergeable, path: "mergeable"))
            let shard = try self.shard(mergeable, path: path)
            let summary = try ReplaySummary(
                compiled, rateLimitDelay: EdgeDuration(milliseconds: settings.rateLimitDelayMs),
                state: mergeable["state"] ?? .null, path: "mergeable.state")
            let undecided = try StateReader(value: mergeable, path: "mergeable").member("undecided_searches").count()
            return Part(path: path, summary: summary, shard: shard, settings: settings, undecidedSearches: undecided)
        } catch let error as SummaryStateError {
            throw refusal("\(path): \(error)")
        }
    }

    private static func settings(_ reader: StateReader) throws(SummaryStateError) -> Settings {
        let settings = try reader.member("settings")
        guard let redacted = settings.value["redacted"]?.boolValue else {
            throw SummaryStateError(path: settings.path + ".redacted", expected: "true or false")
        }
        return Settings(
            reorderWindowMs: try settings.member("reorder_window_ms").int64(),
            rateLimitDelayMs: try settings.member("rate_limit_delay_ms").int64(), redacted: redacted)
    }

    private static func shard(_ mergeable: JSONValue, path: String) throws -> TraceShard {
        guard let shard = mergeable["shard"], shard != .null else {
            throw refusal(
                "\(path): is the summary of a whole replay, not of a shard; merge combines the shards of one "
                    + "partition (edgeproof partition)")
        }
        let reader = StateReader(value: shard, path: "mergeable.shard")
        var inputs: [TraceShard.Input] = []
        for input in try reader.member("inputs").items() {
            guard let format = TraceFormat(rawValue: try input.member("format").string()) else {
                throw SummaryStateError(path: input.path + ".format", expected: "a trace format")
            }
            inputs.append(TraceShard.Input(format: format, name: try input.member("name").string()))
        }
        let count = try reader.member("count").int(), index = try reader.member("index").int()
        guard (1...TraceShard.maxCount).contains(count), (0..<count).contains(index) else {
            throw SummaryStateError(
                path: reader.path, expected: "a shard index under its count, at most \(TraceShard.maxCount) shards")
        }
        var result = TraceShard(index: index, count: count, inputs: inputs)
        result.records = try reader.member("records").count()
        result.partitionRecords = try reader.member("partition_records").count()
        for finding in try reader.member("findings").items() {
            guard let severity = Severity(rawValue: try finding.member("severity").string()) else {
                throw SummaryStateError(path: finding.path + ".severity", expected: "error, warning or note")
            }
            result.findings.append(
                Diagnostic(
                    try finding.member("id").string(), severity, try finding.member("message").string(),
                    at: SourceRange(
                        file: try finding.member("file").string(),
                        at: SourceLocation(
                            line: try finding.member("line").int(), column: try finding.member("column").int()))))
        }
        return result
    }

    /// A refusal to merge: printed as `error: …`, exit 2.
    static func refusal(_ message: String) -> Error {
        StandardError.write("error: \(message)\n")
        return ExitCode(2)
    }
}
