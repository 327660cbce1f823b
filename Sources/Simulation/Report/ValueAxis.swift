/// A value axis starting at zero with round tick steps (1, 2, 2.5 or 5 × a power of ten) and labels to match.
struct ValueAxis {
    /// How tick labels read.
    enum Format {
        /// Counts and rates: "950", "2,500", "12k", "0.5".
        case number
        /// Fractions shown as percentages: "25%".
        case percent
        /// US dollars: "$250".
        case dollars
    }

    /// The top of the axis (≥ the largest value).
    let top: Double
    /// Tick values from 0 to `top`.
    let ticks: [Double]
    /// The label format.
    let format: Format
    private let step: Double

    /// An axis that shows values up to `maximum` in about `targetTicks` steps.
    init(maximum: Double, format: Format = .number, targetTicks: Int = 5) {
        self.format = format
        let largest = maximum.isFinite && maximum > 0 ? maximum : 1
        let raw = largest / Double(max(1, targetTicks))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let normalised = raw / magnitude
        let multiple: Double =
            normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 2.5 ? 2.5 : normalised <= 5 ? 5 : 10
        let step = multiple * magnitude
        let steps = max(1, Int((largest / step - 1e-9).rounded(.up)))
        self.step = step
        top = Double(steps) * step
        ticks = (0...steps).map { Double($0) * step }
    }

    /// The fraction axis 0…100%, in quarters.
    static let fraction = ValueAxis(maximum: 1, format: .percent, targetTicks: 4)

    /// The label of tick `value`.
    func label(_ value: Double) -> String {
        switch format {
        case .percent: ReportFormat.trimmed(ReportFormat.fixed(value * 100, decimals(scale: 100))) + "%"
        case .dollars:
            "$"
                + ReportFormat.trimmed(
                    value >= 1e4 ? ReportFormat.compact(value) : ReportFormat.fixed(value, decimals(scale: 1)))
        case .number:
            value >= 1e4
                ? ReportFormat.compact(value) : ReportFormat.trimmed(ReportFormat.fixed(value, decimals(scale: 1)))
        }
    }

    /// Digits the step needs after the point once multiplied by `scale`.
    private func decimals(scale: Double) -> Int {
        var digits = 0, scaled = step * scale
        while digits < 6, abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            digits += 1
        }
        return digits
    }
}
