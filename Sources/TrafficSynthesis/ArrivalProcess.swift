/// Arrival times of a non-homogeneous Poisson process with intensity `scale × shape(t)` (arrivals per
/// millisecond), drawn one at a time in order by thinning (Lewis–Shedler) against a bound recomputed for every
/// minute and at every burst edge, so a segment never straddles a burst edge and its bound is the product of the
/// bursts that cover it alone: candidates per arrival stay constant however many bursts a minute holds.
struct ArrivalProcess {
    private let shape: IntensityShape
    private let scale: Double
    private let end: Double
    private var time: Double
    private var segmentEnd: Double
    private var bound: Double
    private static let segmentLength = 60_000.0

    /// A process from `start` until `end`.
    init(shape: IntensityShape, scale: Double, start: Double, end: Double) {
        self.shape = shape
        self.scale = scale
        self.end = end
        time = start
        segmentEnd = start
        bound = 0
    }

    /// The next arrival time, or nil when the process has reached its end.
    mutating func next(_ random: inout SynthesisRandom) -> Double? {
        while time < end {
            if time >= segmentEnd {
                segmentEnd = min(time + Self.segmentLength, end, shape.nextBurstEdge(after: time))
                bound = scale * shape.upperBound(from: time, to: segmentEnd)
            }
            guard bound > 0 else {
                time = segmentEnd
                continue
            }
            let candidate = time + random.exponential(mean: 1 / bound)
            if candidate >= segmentEnd {
                time = segmentEnd
                continue
            }
            time = candidate
            if random.uniform() * bound < scale * shape.value(at: candidate) { return candidate }
        }
        return nil
    }

    /// The highest intensity the process can reach in [start, end] (arrivals per millisecond).
    static func peakIntensity(shape: IntensityShape, scale: Double, start: Double, end: Double) -> Double {
        var peak = 0.0
        var from = start
        while from < end {
            let to = min(from + segmentLength, end, shape.nextBurstEdge(after: from))
            peak = max(peak, shape.upperBound(from: from, to: to))
            from = to
        }
        return peak * scale
    }
}
