/// The time axis of a chart over a replay timeline: minutes since the first record, ticks on round UTC times, and
/// how many minutes each plotted point stands for.
struct TimeAxis {
    /// The first minute, in minutes since the epoch.
    let startMinute: Int64
    /// How the timeline's minutes group into plotted points.
    let buckets: TimeBuckets

    /// A tick: its offset in minutes from the start and its label.
    struct Tick: Equatable {
        let offset: Int
        let label: String
    }

    /// Tick spacings tried in turn, in minutes, until at most `maxTicks` fit.
    private static let spacings = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 40320]
    private static let maxTicks = 8

    /// The time axis of `timeline`; nil when the timeline is empty.
    init?(_ timeline: ReplayTimeline) {
        guard let start = timeline.startMinute, timeline.minutes > 0 else { return nil }
        startMinute = start
        buckets = TimeBuckets(minutes: timeline.minutes)
    }

    /// Minutes the axis spans (whole buckets).
    var spanMinutes: Int { buckets.count * buckets.minutesPerBucket }

    /// Ticks on round UTC times.
    var ticks: [Tick] {
        let span = spanMinutes
        let spacing = Self.spacings.first { span / $0 <= Self.maxTicks } ?? Self.spacings[Self.spacings.count - 1]
        let interval = Int64(spacing)
        let first = UTCTime.floorDivide(startMinute + interval - 1, interval) * interval
        var ticks: [Tick] = []
        var minute = first
        while minute - startMinute <= Int64(span) {
            let label =
                spacing >= 1440
                ? String(UTCTime.date(minute).dropFirst(5))
                : span > 1440 ? UTCTime.monthDayTime(minute) : UTCTime.time(minute)
            ticks.append(Tick(offset: Int(minute - startMinute), label: label))
            minute += interval
        }
        return ticks
    }

    /// The axis title, e.g. "time (UTC) from 2025-12-20 00:00, 2-minute points".
    var title: String {
        "time (UTC) from \(UTCTime.dateTime(startMinute))"
            + (buckets.minutesPerBucket > 1 ? ", \(buckets.minutesPerBucket)-minute points" : "")
    }

    /// "per minute" or "per 2 minutes", for sums over a bucket.
    var perBucket: String { buckets.minutesPerBucket == 1 ? "per minute" : "per \(buckets.minutesPerBucket) minutes" }

    /// The covered interval, e.g. "2025-12-20 00:00 – 2025-12-20 23:59 UTC".
    var coverage: String {
        "\(UTCTime.dateTime(startMinute)) – \(UTCTime.dateTime(startMinute + Int64(max(0, buckets.minutes - 1)))) UTC"
    }
}
