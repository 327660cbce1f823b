import EdgeSpec

extension ScenarioResult {
    /// The value of a threshold metric in this scenario: one of `ThresholdSpec.scenarioMetrics`, or a replay metric
    /// of the scenario's summary (`ThresholdSpec.metrics`).
    public func metric(_ name: String) -> Double? {
        switch name {
        case "requests": Double(summary.requests)
        case "machines_needed": Double(machinesNeeded)
        case "minutes_over_hard_limit": Double(minutesOverHardLimit)
        case "redis_commands_per_day": redisCommandsPerDay
        case "incidents_per_month": WhatIfTable.incidentsPerMonth(self)
        case "monthly_cost": monthlyCost
        default: summary.metric(name)
        }
    }
}
