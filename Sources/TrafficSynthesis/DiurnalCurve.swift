import Glibc

/// The daily rhythm of a load profile: a sinusoid over the UTC day, highest at `peakHourUTC`, lowest twelve hours
/// later, whose highest value is `peakToTroughRatio` times its lowest. Its mean over a day is 1, so it shapes the
/// rate without changing the daily volume.
public struct DiurnalCurve: Sendable, Equatable {
    /// Highest over lowest rate of the day (≥ 1; 1 is flat).
    public var peakToTroughRatio: Double
    /// Hour of the UTC day (0 ..< 24, fractions allowed) at which the rate is highest.
    public var peakHourUTC: Double

    /// Creates a curve.
    public init(peakToTroughRatio: Double, peakHourUTC: Double) {
        self.peakToTroughRatio = peakToTroughRatio
        self.peakHourUTC = peakHourUTC
    }

    /// The same rate all day.
    public static let flat = DiurnalCurve(peakToTroughRatio: 1, peakHourUTC: 0)

    /// Half the swing: the curve is 1 + amplitude × cos(…), so (1 + a) / (1 − a) is the peak-to-trough ratio.
    var amplitude: Double { (peakToTroughRatio - 1) / (peakToTroughRatio + 1) }

    /// The relative rate at `milliseconds` since the epoch (UTC).
    func value(atMilliseconds milliseconds: Double) -> Double {
        let hour = milliseconds / 3_600_000 - peakHourUTC
        return 1 + amplitude * cos(hour * (2 * Double.pi / 24))
    }

    /// The largest change of `value` per millisecond, for bounding it over a short interval.
    var maximumSlopePerMillisecond: Double { amplitude * 2 * Double.pi / 86_400_000 }
}
