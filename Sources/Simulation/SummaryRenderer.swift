import EdgeCore
import EdgeSpec
import Foundation

/// Renders a replay summary as a terminal report and as a JSON document.
public enum SummaryRenderer {
    /// The terminal report.
    public static func text(_ s: ReplaySummary) -> String {
        var out = "Replayed \(s.requests) requests"
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            out += " over \(EdgeDuration(milliseconds: max(0, last - first)))"
        }
        out += "\n\nActions\n"
        out += TextFormatting.table(
            s.byAction.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                [$0.key, count($0.value), TextFormatting.percent(Double($0.value), of: Double(s.requests))]
            })
        if !s.byRule.isEmpty {
            out += "\nDeciding rules\n"
            out += TextFormatting.table(
                s.byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                    [$0.key, count($0.value), TextFormatting.percent(Double($0.value), of: Double(s.requests))]
                })
        }
        if !s.rateLimitTriggers.isEmpty {
            out += "\nRate-limit triggers\n"
            for (rule, triggers) in s.rateLimitTriggers.sorted(by: { $0.key < $1.key }) {
                out += "  \(rule): \(count(triggers)) requests acted on\n"
                let top = (s.rateLimitKeys[rule] ?? [:]).sorted {
                    $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
                }.prefix(5)
                for (key, value) in top { out += "    \(key)  \(count(value))\n" }
            }
        }
        if let note = s.counterDelayNote { out += "\n\(note)\n" }
        out += OWASPSummaryRenderer.text(s.owasp)
        out += "\nCache\n"
        out += TextFormatting.table(
            s.byCacheStatus.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
                [$0.key, count($0.value), TextFormatting.percent(Double($0.value), of: Double(s.requests))]
            })
        out +=
            "  hit ratio: \(TextFormatting.percent(s.cacheHitRatio)) of cacheable requests, "
            + "\(TextFormatting.percent(s.cacheHitRatioByBytes)) of bytes\n"
        out += "\nOrigin\n"
        out +=
            "  requests: \(count(s.originRequests)) "
            + "(\(TextFormatting.percent(Double(s.originRequests), of: Double(s.requests))))\n"
        out += "  peak: \(s.peakOriginPerSecond) per second, \(s.peakOriginPerMinute) per minute\n"
        out += NotSimulatedSettings.text(s.notSimulated, SettingReachCounts(s))
        out +=
            "\nRecords: \(count(s.lateRecords)) late (processed at the current virtual time), "
            + "\(count(s.malformedRecords)) malformed, \(count(s.repairedRecords)) repaired\n"
        if let agreement = agreementLine(s) {
            out +=
                "\n" + agreement + "\n" + matrix("action (recorded → model)", s.actionAgreement)
                + matrix("cache (recorded → model)", s.cacheAgreement)
            if !s.disagreements.isEmpty { out += "  examples:\n" + s.disagreements.map { "    \($0)\n" }.joined() }
        }
        return out
    }

    /// The version of the JSON document, bumped when a key changes meaning or goes away.
    public static let jsonVersion: Int64 = 1

    /// The JSON report (`--report FILE.json`, `--format json`).
    public static func json(_ s: ReplaySummary) -> JSONValue {
        func object(_ dictionary: [String: Int]) -> JSONValue {
            .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })
        }
        func nested(_ matrix: [String: [String: Int]]) -> JSONValue {
            .object(matrix.sorted { $0.key < $1.key }.map { ($0.key, object($0.value)) })
        }
        return .object([
            ("version", .int(jsonVersion)),
            ("requests", .int(Int64(s.requests))),
            ("first_ts", s.firstTimestamp.map { .int($0) } ?? .null),
            ("last_ts", s.lastTimestamp.map { .int($0) } ?? .null),
            ("actions", object(s.byAction)),
            ("rules", object(s.byRule)),
            ("rate_limit_triggers", object(s.rateLimitTriggers)),
            (
                "rate_limit_top_keys",
                .object(
                    s.rateLimitKeys.sorted { $0.key < $1.key }.map { rule, keys in
                        (
                            rule,
                            .array(
                                keys.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
                                    .map {
                                        .object([("key", .string($0.key)), ("requests", .int(Int64($0.value)))])
                                    })
                        )
                    })
            ),
            ("cache", object(s.byCacheStatus)),
            ("cache_hit_ratio", .double(s.cacheHitRatio)),
            ("cache_hit_ratio_bytes", .double(s.cacheHitRatioByBytes)),
            ("origin_requests", .int(Int64(s.originRequests))),
            ("peak_origin_rps", .int(Int64(s.peakOriginPerSecond))),
            ("peak_origin_rpm", .int(Int64(s.peakOriginPerMinute))),
            ("managed_rules_not_simulated", .int(Int64(s.managedRulesNotSimulated))),
            ("owasp", OWASPSummaryRenderer.json(s.owasp)),
            ("rate_limit_delay_ms", .int(s.rateLimitDelay.milliseconds)),
            (
                "passed_through_rate_limit_delay",
                s.rateLimitDelay.milliseconds > 0 ? .int(Int64(s.passedThroughCounterDelay)) : .null
            ),
            ("not_simulated", NotSimulatedSettings.json(s.notSimulated, SettingReachCounts(s))),
            ("late_records", .int(Int64(s.lateRecords))),
            ("malformed_records", .int(Int64(s.malformedRecords))),
            ("repaired_records", .int(Int64(s.repairedRecords))),
            ("fields_not_in_trace", UnsuppliedField.json(s.unsuppliedFields)),
            (
                "agreement",
                .object([
                    ("action", s.actionAgreementRatio.map(JSONValue.double) ?? .null),
                    ("cache", s.cacheAgreementRatio.map(JSONValue.double) ?? .null),
                    ("action_matrix", nested(s.actionAgreement)),
                    ("cache_matrix", nested(s.cacheAgreement)),
                    ("examples", .array(s.disagreements.map(JSONValue.string))),
                ])
            ),
        ])
    }

    /// `Agreement with recorded outcomes: actions 97.50%, cache 99.00%` (the cache part when records carried a cache
    /// status), without a line break; nil when no record carried a recorded action.
    static func agreementLine(_ s: ReplaySummary) -> String? {
        guard let agreement = s.actionAgreementRatio else { return nil }
        var line = "Agreement with recorded outcomes: actions \(TextFormatting.percent(agreement))"
        if let cache = s.cacheAgreementRatio { line += ", cache \(TextFormatting.percent(cache))" }
        return line
    }

    private static func matrix(_ title: String, _ matrix: [String: [String: Int]]) -> String {
        guard !matrix.isEmpty else { return "" }
        let columns = Set(matrix.values.flatMap(\.keys)).union(matrix.keys).sorted()
        var rows = [[title] + columns]
        for recorded in matrix.keys.sorted() {
            rows.append([recorded] + columns.map { String(matrix[recorded]?[$0] ?? 0) })
        }
        return TextFormatting.table(rows)
    }

    private static func count(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return String(out.reversed())
    }
}
