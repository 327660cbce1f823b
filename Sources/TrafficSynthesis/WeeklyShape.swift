/// The weekly rhythm of a load profile: seven relative weights, Monday first, for the UTC days of the week. The
/// rate moves linearly from one day's noon to the next (no step at midnight); the weights are scaled to a mean
/// of 1, so only their ratios matter.
public struct WeeklyShape: Sendable, Equatable {
    /// Relative traffic of Monday … Sunday (seven finite values ≥ 0, not all 0).
    public var weights: [Double]

    /// Creates a shape from seven weights, Monday first.
    public init(weights: [Double]) {
        self.weights = weights
    }

    /// Every day alike.
    public static let flat = WeeklyShape(weights: [1, 1, 1, 1, 1, 1, 1])

    /// Weights scaled to a mean of 1 (a valid shape assumed).
    var normalizedWeights: [Double] {
        let mean = weights.reduce(0, +) / 7
        return weights.map { $0 / mean }
    }
}

/// A valid `WeeklyShape` prepared for evaluation.
struct WeeklyCurve: Sendable {
    private let weights: [Double]
    /// The largest change of `value` per millisecond.
    let maximumSlopePerMillisecond: Double

    init(_ shape: WeeklyShape) {
        weights = shape.normalizedWeights
        var steepest = 0.0
        for day in 0..<7 { steepest = max(steepest, abs(weights[(day + 1) % 7] - weights[day])) }
        maximumSlopePerMillisecond = steepest / 86_400_000
    }

    /// The relative rate at `milliseconds` since the epoch (UTC). 1970-01-01 was a Thursday (index 3).
    func value(atMilliseconds milliseconds: Double) -> Double {
        let position = milliseconds / 86_400_000 - 0.5 + 3
        let whole = position.rounded(.down)
        let fraction = position - whole
        let remainder = whole.truncatingRemainder(dividingBy: 7)
        let day = Int(remainder < 0 ? remainder + 7 : remainder) % 7
        return weights[day] * (1 - fraction) + weights[(day + 1) % 7] * fraction
    }

    /// Noons (epoch ms) within (start, end): where the piecewise-linear curve bends.
    static func knots(from start: Double, to end: Double) -> [Double] {
        let day = 86_400_000.0
        var noon = ((start - day / 2) / day).rounded(.down) * day + day / 2
        var knots: [Double] = []
        while noon < end {
            if noon > start { knots.append(noon) }
            noon += day
        }
        return knots
    }
}
