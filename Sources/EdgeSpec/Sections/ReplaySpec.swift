import EdgeCore

/// A threshold such as `block_rate: "<0.1%"`: the condition must hold or the run fails (k6's thresholds).
public struct ThresholdSpec: Sendable, Equatable {
    /// The metric name, e.g. `block_rate`.
    public var metric: String
    /// The comparison, e.g. `<`.
    public var comparison: ThresholdComparison
    /// The bound: a fraction for rates (`0.1%` = 0.001), a plain number otherwise.
    public var bound: Double
    /// Where the threshold is written.
    public var range: SourceRange

    /// Metrics a threshold may name.
    public static let metrics: [String: Bool] = [
        // name: whether the bound is a percentage
        "block_rate": true, "challenge_rate": true, "rate_limited_rate": true, "allow_rate": true,
        "cache_hit_ratio": true,
        "origin_requests": false, "peak_origin_rps": false, "peak_origin_rpm": false, "late_records": false,
        "malformed_records": false, "action_agreement": true, "cache_agreement": true,
    ]

    /// Metrics only a what-if scenario has (all plain numbers), besides `metrics`.
    public static let scenarioMetrics: [String: Bool] = [
        "requests": false, "machines_needed": false, "minutes_over_hard_limit": false,
        "redis_commands_per_day": false, "incidents_per_month": false, "monthly_cost": false,
    ]

    /// Parses `metric` and `<0.1%`-style text, `metric` being one of `known` (the replay metrics unless told).
    public static func parse(
        metric: String, condition: String, range: SourceRange, among known: [String: Bool] = metrics
    ) -> Result<ThresholdSpec, ThresholdError> {
        guard let isPercentage = known[metric] else {
            if scenarioMetrics[metric] != nil {
                return .failure(ThresholdError(message: "'\(metric)' is a what-if scenario's metric (whatif only)"))
            }
            let suggestion =
                bestSuggestion(for: metric, among: known.keys.sorted()).map { "; did you mean '\($0)'?" }
                ?? "; the metrics are \(known.keys.sorted().joined(separator: ", "))"
            return .failure(ThresholdError(message: "unknown metric '\(metric)'\(suggestion)"))
        }
        let text = condition.filter { $0 != " " }
        guard
            let comparison = ThresholdComparison.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
                .first(where: { text.hasPrefix($0.rawValue) })
        else { return .failure(ThresholdError(message: "'\(condition)' does not start with <, <=, >, >= or ==")) }
        let value = String(text.dropFirst(comparison.rawValue.count))
        if isPercentage {
            guard let percentage = Percentage.parse(value) else {
                return .failure(ThresholdError(message: "'\(value)' is not a percentage (write e.g. 0.1%)"))
            }
            return .success(
                ThresholdSpec(metric: metric, comparison: comparison, bound: percentage.fraction, range: range))
        }
        guard let number = Double(value), number.isFinite else {
            return .failure(ThresholdError(message: "'\(value)' is not a number"))
        }
        return .success(ThresholdSpec(metric: metric, comparison: comparison, bound: number, range: range))
    }

    /// Whether `value` satisfies the threshold.
    public func holds(for value: Double) -> Bool {
        switch comparison {
        case .less: value < bound
        case .lessOrEqual: value <= bound
        case .greater: value > bound
        case .greaterOrEqual: value >= bound
        case .equal: value == bound
        }
    }
}

/// Why a threshold could not be read.
public struct ThresholdError: Error, Sendable {
    /// What is wrong.
    public let message: String
}

/// Comparisons a threshold may use.
public enum ThresholdComparison: String, CaseIterable, Sendable {
    /// Strictly less.
    case less = "<"
    /// Less or equal.
    case lessOrEqual = "<="
    /// Strictly greater.
    case greater = ">"
    /// Greater or equal.
    case greaterOrEqual = ">="
    /// Equal.
    case equal = "=="
}

extension FieldType where Value == [ThresholdSpec] {
    /// `thresholds` (formerly `fail_on`): metric → condition.
    static var thresholds: FieldType<[ThresholdSpec]> {
        let conditions = FieldType<[(key: LocatedText, value: LocatedText)]>.map(
            .located(schema: {
                .object([("type", "string"), ("pattern", .string("^\\s*(<=|>=|==|<|>)\\s*[0-9.]+%?\\s*$"))])
            }), keyPattern: "^(" + ThresholdSpec.metrics.keys.sorted().joined(separator: "|") + ")$")
        return FieldType(schema: conditions.schema, placeholder: { [] }) { node, context in
            guard let entries = conditions.decode(node, context) else { return nil }
            var result: [ThresholdSpec] = []
            for (metric, condition) in entries {
                switch ThresholdSpec.parse(metric: metric.text, condition: condition.text, range: condition.range) {
                case let .success(threshold): result.append(threshold)
                case let .failure(problem):
                    context.diagnostics.error(
                        "E0120", problem.message,
                        at: ThresholdSpec.metrics[metric.text] == nil ? metric.range : condition.range,
                        help: "write e.g. block_rate: \"<0.1%\"")
                    return nil
                }
            }
            return result
        }
    }
}

/// What reports and example requests leave out.
public struct RedactSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "What replay reports redact besides Authorization, Cookie and Set-Cookie."
    /// Query parameters whose values are replaced with `REDACTED`.
    public var queryParams: [String]
    /// Extra header names to redact.
    public var headers: [String]
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> RedactSpec {
        RedactSpec(
            queryParams: r.optional(
                "query_params", .array(.string), default: [],
                "Query parameters whose values are redacted, e.g. [token, api_key]."),
            headers: r.optional("headers", .array(.string), default: [], "More header names to redact."),
            ranges: r.ranges)
    }
}

/// How `replay`, `whatif`, `diff` and `test` model the edge beyond the deployed rules.
public struct ReplaySpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary = "How replay, whatif, diff and test model the edge beyond the deployed rules."
    /// The longest counter delay accepted: Cloudflare documents "up to a few seconds".
    public static let maximumRateLimitDelay = EdgeDuration.seconds(60)
    /// How long a counted request takes to reach the rate limiting counters (Cloudflare's "delay of up to a few
    /// seconds"); requests over the limit pass meanwhile. `--rate-limit-delay` overrides it.
    public var rateLimitDelay: EdgeDuration
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> ReplaySpec {
        ReplaySpec(
            rateLimitDelay: r.optional(
                "rate_limit_delay", .duration(EdgeDuration(milliseconds: 0)...maximumRateLimitDelay),
                default: EdgeDuration(milliseconds: 0),
                "Delay before a counted request reaches the rate limiting counters, e.g. 2s (default 0s: exact)."),
            ranges: r.ranges)
    }
}
