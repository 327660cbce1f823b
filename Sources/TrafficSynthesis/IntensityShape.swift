/// The relative rate of one population over time: diurnal × weekly × the bursts that apply to it. Times are
/// milliseconds from the start of the trace (negative before it), so that sub-millisecond gaps keep their
/// precision; the daily and weekly curves are read at `origin + time`.
struct IntensityShape: Sendable {
    /// A burst, in milliseconds from the trace start.
    struct Window: Sendable {
        let start: Double
        let end: Double
        let multiplier: Double
    }

    let diurnal: DiurnalCurve
    let weekly: WeeklyCurve
    let windows: [Window]
    /// The trace start, epoch milliseconds UTC.
    let origin: Double

    /// The shape of `kind` in `profile` for a trace starting at `startMilliseconds` (epoch ms UTC).
    init(profile: LoadProfile, kind: PopulationKind, startMilliseconds: Int64) {
        diurnal = profile.diurnal
        weekly = WeeklyCurve(profile.weekly)
        origin = Double(startMilliseconds)
        windows = profile.bursts.filter { $0.applies(to: kind) }.map {
            let begin = Double($0.startOffsetMilliseconds)
            return Window(start: begin, end: begin + Double($0.durationMilliseconds), multiplier: $0.multiplier)
        }
    }

    /// The relative rate at `time`.
    func value(at time: Double) -> Double {
        smooth(time) * burstFactor(at: time)
    }

    /// The product of the multipliers of the bursts covering `time`.
    func burstFactor(at time: Double) -> Double {
        var factor = 1.0
        for window in windows where window.start <= time && time < window.end { factor *= window.multiplier }
        return factor
    }

    /// The first burst start or end after `time`, or infinity when none follows.
    func nextBurstEdge(after time: Double) -> Double {
        var next = Double.infinity
        for window in windows {
            if window.start > time { next = min(next, window.start) }
            if window.end > time { next = min(next, window.end) }
        }
        return next
    }

    /// A value no smaller than `value(at:)` anywhere in [start, end]: the endpoint values of the smooth curves
    /// plus their steepest change over the interval, times every burst multiplier that may apply in it.
    func upperBound(from start: Double, to end: Double) -> Double {
        let length = end - start
        let daily =
            max(diurnal.value(atMilliseconds: origin + start), diurnal.value(atMilliseconds: origin + end))
            + diurnal.maximumSlopePerMillisecond * length
        let week =
            max(weekly.value(atMilliseconds: origin + start), weekly.value(atMilliseconds: origin + end))
            + weekly.maximumSlopePerMillisecond * length
        var factor = 1.0
        for window in windows where window.start < end && start < window.end {
            let covers = window.start <= start && end <= window.end
            factor *= covers ? window.multiplier : max(window.multiplier, 1)
        }
        return daily * week * factor
    }

    /// Where `value` is not smooth within (start, end): burst edges and the weekly curve's noons.
    func breakpoints(from start: Double, to end: Double) -> [Double] {
        var points = WeeklyCurve.knots(from: origin + start, to: origin + end).map { $0 - origin }
        for window in windows {
            for edge in [window.start, window.end] where start < edge && edge < end { points.append(edge) }
        }
        return points
    }

    /// ∫ value(t) dt over [start, end], by composite Simpson's rule on pieces split at the breakpoints (exact
    /// enough: within a piece the bursts are constant, the weekly curve linear and the diurnal one a slow sinusoid
    /// sampled every five minutes at least).
    func integral(from start: Double, to end: Double) -> Double {
        let edges = [start] + breakpoints(from: start, to: end).sorted() + [end]
        var total = 0.0
        for (from, to) in zip(edges, edges.dropFirst()) where to > from {
            let factor = burstFactor(at: (from + to) / 2)
            guard factor > 0 else { continue }
            let steps = 2 * max(1, Int(((to - from) / 600_000).rounded(.up)))
            let width = (to - from) / Double(steps)
            var sum = smooth(from) + smooth(to)
            for step in 1..<steps { sum += smooth(from + Double(step) * width) * (step % 2 == 1 ? 4 : 2) }
            total += factor * sum * width / 3
        }
        return total
    }

    /// The rate without bursts.
    private func smooth(_ time: Double) -> Double {
        diurnal.value(atMilliseconds: origin + time) * weekly.value(atMilliseconds: origin + time)
    }
}
