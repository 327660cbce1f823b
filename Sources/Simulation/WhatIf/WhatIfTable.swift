import EdgeCore
import Foundation

/// Renders what-if results as a terminal table and as JSON (`{"scenarios":[…]}`).
public enum WhatIfTable {
    /// The terminal table, with the spec's planned cost beside each row when `plannedColumn` is set.
    /// Incidents a month appear only when the spec counts them.
    public static func text(_ results: [ScenarioResult], plannedColumn: [String]? = nil) -> String {
        let incidents = countsIncidents(results)
        var rows = [
            [
                "scenario", "requests", "blocked", "challenged", "rate-limited", "cache hit", "peak origin rps",
                "machines", "min > hard", "redis cmds/day",
            ] + (incidents ? ["incidents/mo"] : []) + ["monthly"] + (plannedColumn == nil ? [] : ["planned"])
        ]
        for (index, result) in results.enumerated() {
            let s = result.summary
            let challenged = s.rate(of: "challenge") + s.rate(of: "managed_challenge") + s.rate(of: "js_challenge")
            var row = [
                result.name, "\(s.requests)", TextFormatting.percent(s.rate(of: "block")),
                TextFormatting.percent(challenged),
                TextFormatting.percent(s.metric("rate_limited_rate") ?? 0), TextFormatting.percent(s.cacheHitRatio),
                "\(s.peakOriginPerSecond)",
                "\(result.machinesNeeded)", "\(result.minutesOverHardLimit)",
                CostModel.count(result.redisCommandsPerDay),
            ]
            if incidents { row.append(CostModel.count(incidentsPerMonth(result))) }
            row.append(String(format: "$%.0f", result.monthlyCost))
            if let plannedColumn { row.append(index < plannedColumn.count ? plannedColumn[index] : "") }
            rows.append(row)
        }
        var out = TextFormatting.table(rows)
        if let line = owaspLine(results) { out += "\n\(line)\n" }
        for result in results {
            out +=
                "\n\(result.name): "
                + result.costs
                .map { "\($0.service) $\(String(format: "%.2f", $0.monthly)) (\($0.detail))" }.joined(separator: ", ")
                + "\n"
        }
        return out
    }

    /// `OWASP Core Ruleset (paranoia level 2, threshold 25, action block): 1x 12 of 15 evaluated reached the
    /// threshold, 2x 24 of 30`: each scenario's requests that got the ruleset's action; nil when the spec does not
    /// deploy it.
    static func owaspLine(_ results: [ScenarioResult]) -> String? {
        guard let deployment = results.lazy.compactMap(\.summary.owasp).first?.deployment else { return nil }
        return "OWASP Core Ruleset (\(deployment.description)): "
            + results.enumerated().map { index, result in
                let owasp = result.summary.owasp
                return "\(result.name) \(ReportFormat.count(owasp?.reachedThreshold ?? 0)) of "
                    + ReportFormat.count(owasp?.evaluated ?? 0) + (index == 0 ? " evaluated reached the threshold" : "")
            }.joined(separator: ", ")
    }

    /// Whether the spec behind `results` counts incidents (`AppSpec.countsIncidents`).
    static func countsIncidents(_ results: [ScenarioResult]) -> Bool {
        results.contains { $0.summary.appUsage.countsIncidents }
    }

    /// Incidents a month in a scenario (from its app usage, normalised to 30 days).
    public static func incidentsPerMonth(_ result: ScenarioResult) -> Double {
        result.summary.appUsage.incidents * 30 / result.summary.days
    }

    /// The fields not in the trace over every scenario, each once, in the order the scenarios name them.
    public static func unsuppliedFields(_ results: [ScenarioResult]) -> [UnsuppliedField] {
        var seen: Set<String> = []
        return results.flatMap(\.summary.unsuppliedFields).filter { seen.insert($0.name).inserted }
    }

    /// The version of the JSON document, bumped when a key changes meaning or goes away.
    public static let jsonVersion: Int64 = 1

    /// `{"version":1,"scenarios":[{…}],"warnings":[…]}`.
    public static func json(_ results: [ScenarioResult], warnings: [String]) -> JSONValue {
        .object([
            ("version", .int(jsonVersion)),
            (
                "scenarios",
                .array(
                    results.map { result in
                        let s = result.summary
                        return .object([
                            ("name", .string(result.name)), ("scale", .double(result.scale)),
                            ("not_simulated", NotSimulatedSettings.json(s.notSimulated, SettingReachCounts(s))),
                            ("added_profile", result.addedProfile.map(JSONValue.string) ?? .null),
                            ("requests", .int(Int64(s.requests))),
                            ("blocked_rate", .double(s.rate(of: "block"))),
                            ("challenged_rate", .double(s.metric("challenge_rate") ?? 0)),
                            ("rate_limited_rate", .double(s.metric("rate_limited_rate") ?? 0)),
                            ("cache_hit_ratio", .double(s.cacheHitRatio)),
                            ("peak_origin_rps", .int(Int64(s.peakOriginPerSecond))),
                            ("machines_needed", .int(Int64(result.machinesNeeded))),
                            ("minutes_over_hard_limit", .int(Int64(result.minutesOverHardLimit))),
                            ("redis_commands_per_day", .double(result.redisCommandsPerDay.rounded())),
                            ("incidents_per_month", .double(incidentsPerMonth(result).rounded())),
                            ("monthly_cost", .double((result.monthlyCost * 100).rounded() / 100)),
                            (
                                "costs",
                                .array(
                                    result.costs.map {
                                        .object([
                                            ("service", .string($0.service)), ("detail", .string($0.detail)),
                                            ("monthly", .double(($0.monthly * 100).rounded() / 100)),
                                        ])
                                    })
                            ),
                            ("owasp", OWASPSummaryRenderer.json(s.owasp)),
                            ("fields_not_in_trace", UnsuppliedField.json(s.unsuppliedFields)),
                        ])
                    })
            ),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ])
    }

}
