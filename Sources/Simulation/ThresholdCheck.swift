import EdgeSpec
import Foundation

/// Checks thresholds (the spec's `thresholds`, `--threshold`) against the metrics of a run: a replay's summary or
/// one what-if scenario. A threshold is broken when its condition does not hold or its metric has no value.
public enum ThresholdCheck {
    /// The broken thresholds, each with the metric's value.
    public static func broken(_ thresholds: [ThresholdSpec], in summary: ReplaySummary) -> [String] {
        thresholds.compactMap { failure(of: $0, value: summary.metric($0.metric)) }
    }

    /// Why `threshold` is broken by `value` (nil: no value to check), or nil when it holds.
    public static func failure(of threshold: ThresholdSpec, value: Double?) -> String? {
        let percentage = ThresholdSpec.metrics[threshold.metric] ?? false
        guard let value else {
            return "\(threshold.metric): no data to check \(threshold.comparison.rawValue)\(bound(of: threshold))"
        }
        return threshold.holds(for: value)
            ? nil : "\(threshold.metric) = \(format(value, percentage)) breaks \(condition(of: threshold))"
    }

    /// The condition as written, e.g. `block_rate < 0.1%`.
    public static func condition(of threshold: ThresholdSpec) -> String {
        "\(threshold.metric) \(threshold.comparison.rawValue) \(bound(of: threshold))"
    }

    private static func bound(of threshold: ThresholdSpec) -> String {
        format(threshold.bound, ThresholdSpec.metrics[threshold.metric] ?? false)
    }

    private static func format(_ value: Double, _ percentage: Bool) -> String {
        percentage ? String(format: "%.4g%%", value * 100) : String(format: "%g", value)
    }
}
