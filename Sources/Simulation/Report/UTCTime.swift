import EdgeWire

/// Calendar labels for minutes since the epoch, in UTC, computed without Foundation so that they never depend on
/// the machine's time zone or locale.
enum UTCTime {
    /// A civil date and time of day.
    struct Parts: Equatable {
        let year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64
    }

    /// The UTC date and time of `epochMinute`.
    static func parts(_ epochMinute: Int64) -> Parts {
        let days = floorDivide(epochMinute, 1440)
        let minuteOfDay = epochMinute - days * 1440
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
        return Parts(
            year: Int64(year), month: Int64(month), day: Int64(day), hour: minuteOfDay / 60, minute: minuteOfDay % 60)
    }

    /// "2025-12-20".
    static func date(_ epochMinute: Int64) -> String {
        let p = parts(epochMinute)
        return "\(p.year)-\(two(p.month))-\(two(p.day))"
    }

    /// "14:05".
    static func time(_ epochMinute: Int64) -> String {
        let p = parts(epochMinute)
        return "\(two(p.hour)):\(two(p.minute))"
    }

    /// "12-20 14:05".
    static func monthDayTime(_ epochMinute: Int64) -> String {
        let p = parts(epochMinute)
        return "\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute))"
    }

    /// "2025-12-20 14:05".
    static func dateTime(_ epochMinute: Int64) -> String { date(epochMinute) + " " + time(epochMinute) }

    /// `value` divided by a positive `divisor`, rounded towards negative infinity.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
