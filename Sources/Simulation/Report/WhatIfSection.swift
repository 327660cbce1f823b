/// The what-if table: one row per scenario with its traffic outcomes, capacity needs and monthly cost.
enum WhatIfSection {
    /// The table of `scenarios`; nil when there are none.
    static func section(_ scenarios: [ScenarioResult]) -> ReportSection? {
        guard !scenarios.isEmpty else { return nil }
        let rows = scenarios.map { scenario in
            let summary = scenario.summary
            return HTMLTable.Row([
                .text(name(scenario)),
                .number(ReportFormat.count(summary.requests)),
                .number(ReportFormat.percent(summary.metric("block_rate") ?? 0, decimals: 2)),
                .number(ReportFormat.percent(summary.metric("challenge_rate") ?? 0, decimals: 2)),
                .number(ReportFormat.percent(summary.metric("rate_limited_rate") ?? 0, decimals: 2)),
                .number(ReportFormat.percent(summary.cacheHitRatio)),
                .number(ReportFormat.count(summary.peakOriginPerSecond)),
                .number(ReportFormat.count(scenario.machinesNeeded)),
                .number(ReportFormat.count(scenario.minutesOverHardLimit)),
                .number(ReportFormat.compact(scenario.redisCommandsPerDay)),
                .number(ReportFormat.dollars(scenario.monthlyCost)),
            ])
        }
        let table = HTMLTable(
            headers: [
                "scenario", "requests", "blocked", "challenged", "rate-limited", "cache hit ratio", "peak origin rps",
                "machines needed", "minutes over hard limit", "Redis commands/day", "monthly cost",
            ],
            numericColumns: Set(1...10), rows: rows, name: "what-if")
        let captions = [
            "Each scenario replays the trace scaled (clients multiplied, each behaving as before) or with a population "
                + "mixed in. "
                + "Machines needed keep the p99 minute under the soft limit; minutes over the hard limit count with "
                + "the configured machines."
        ]
        return ReportSection(id: "what-if", title: "What if", captions: captions, body: table.html())
    }

    /// "2×", "1× + bot-wave" or the scenario's own name when it says more than that ("2x" and "+bot-wave", the names
    /// `whatif` gives, say no more).
    static func name(_ scenario: ScenarioResult) -> String {
        let scale = ReportFormat.scale(scenario.scale)
        var described = "\(scale)×"
        var plain: Set<String> = ["", described, "\(scale)x"]
        if let profile = scenario.addedProfile {
            described += " + \(profile)"
            plain.formUnion([described, "+\(profile)"])
        }
        return plain.contains(scenario.name) ? described : "\(scenario.name) (\(described))"
    }
}
