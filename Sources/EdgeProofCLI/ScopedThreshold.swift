import ArgumentParser
import EdgeCore
import EdgeSpec

/// A threshold from the command line, for every run or, written `SCENARIO:METRIC<VALUE`, for one whatif scenario
/// (named as whatif's table names it: `10x`, `+bot-wave`, `100K incidents/mo`).
struct ScopedThreshold {
    /// The scenario it applies to; nil: every run.
    let scenario: String?
    /// The condition.
    let threshold: ThresholdSpec

    /// A threshold for `scenario` (nil: every run).
    init(scenario: String?, _ threshold: ThresholdSpec) {
        self.scenario = scenario
        self.threshold = threshold
    }

    /// Reads `text` as given to `option`; a usage error (exit 2) names the option and shows an example.
    static func parse(_ text: String, option: String, scoped: Bool) throws -> ScopedThreshold {
        let example =
            "e.g. \(option) 'block_rate<1%'" + (scoped ? " or \(option) '10x:peak_origin_rps<800'" : "")
        var scenario: String?
        var condition = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            guard scoped else {
                throw ValidationError(
                    "\(option) '\(text)': only whatif has scenarios to name before ':'; write METRIC<VALUE, \(example)")
            }
            scenario = text[..<colon].trimmingCharacters(in: .whitespaces)
            condition = text[text.index(after: colon)...]
        }
        guard scenario?.isEmpty != true, let comparison = condition.firstIndex(where: { "<>=".contains($0) }) else {
            throw ValidationError("\(option) '\(text)': write METRIC<VALUE, \(example)")
        }
        let known =
            scoped ? ThresholdSpec.metrics.merging(ThresholdSpec.scenarioMetrics) { a, _ in a } : ThresholdSpec.metrics
        switch ThresholdSpec.parse(
            metric: condition[..<comparison].trimmingCharacters(in: .whitespaces),
            condition: String(condition[comparison...]), range: .wholeFile(option), among: known)
        {
        case let .success(threshold): return ScopedThreshold(scenario: scenario, threshold)
        case let .failure(problem): throw ValidationError("\(option) '\(text)': \(problem.message) (\(example))")
        }
    }

    /// Exits 2 when a threshold names a scenario the run does not have, with did-you-mean.
    static func refuseUnknownScenarios(_ thresholds: [ScopedThreshold], scenarios: [String]) throws {
        for case let scenario? in thresholds.map(\.scenario) where !scenarios.contains(scenario) {
            let suggestion = bestSuggestion(for: scenario, among: scenarios).map { "did you mean '\($0)'? " } ?? ""
            throw ValidationError(
                "--threshold: no scenario '\(scenario)'; \(suggestion)the scenarios are "
                    + scenarios.map { "'\($0)'" }.joined(separator: ", "))
        }
    }
}
