/// Groups a per-minute series into at most `maxPoints` equal buckets of whole minutes, so that a week-long timeline
/// still draws as a readable chart (and a small file).
struct TimeBuckets {
    /// The most points a chart draws.
    static let maxPoints = 720

    /// Minutes in each bucket (the last bucket may hold fewer).
    let minutesPerBucket: Int
    /// Number of buckets.
    let count: Int
    /// Minutes covered.
    let minutes: Int

    /// Buckets for `minutes` minutes.
    init(minutes: Int, maxPoints: Int = TimeBuckets.maxPoints) {
        let covered = max(0, minutes), points = max(1, maxPoints)
        self.minutes = covered
        minutesPerBucket = max(1, (covered + points - 1) / points)
        count = (covered + minutesPerBucket - 1) / minutesPerBucket
    }

    /// The sum of each bucket's minutes (a missing minute counts as 0).
    func sums(_ perMinute: [Int]) -> [Double] { fold(perMinute.map(Double.init), 0, +) }

    /// The largest minute of each bucket (a missing minute counts as 0).
    func maxima(_ perMinute: [Double]) -> [Double] { fold(perMinute, 0, max) }

    private func fold(_ perMinute: [Double], _ initial: Double, _ combine: (Double, Double) -> Double) -> [Double] {
        (0..<count).map { bucket in
            let start = bucket * minutesPerBucket
            let end = min(minutes, start + minutesPerBucket)
            var result = initial
            for minute in start..<end {
                let value = minute < perMinute.count ? perMinute[minute] : 0
                result = combine(result, value.isFinite ? value : 0)
            }
            return result
        }
    }
}
