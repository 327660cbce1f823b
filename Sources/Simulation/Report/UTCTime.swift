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
        // Days to civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return Parts(year: year, month: month, day: day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
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
