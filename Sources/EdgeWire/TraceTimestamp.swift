/// Conversions between timestamps (of traces and of the spec) and epoch milliseconds (UTC, proleptic Gregorian
/// calendar).
public enum TraceTimestamp {
    /// Epoch milliseconds of a civil date and time in UTC; nil when a field is out of range.
    public static func epochMilliseconds(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0
    ) -> Int64? {
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999).contains(millisecond), (-9999...9999).contains(year)
        else { return nil }
        let days = Int64(CivilCalendar.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1000 + Int64(millisecond)
    }

    /// Milliseconds from an epoch number whose unit is told by its magnitude: below 10^11 seconds, below 10^14
    /// milliseconds, below 10^17 microseconds, otherwise nanoseconds. `fractionDigits` digits of
    /// `mantissa` are behind the decimal point (seconds given as `1700000000.25`). nil when it does not fit.
    public static func epochMilliseconds(fromEpochNumber mantissa: Int64, fractionDigits: Int = 0) -> Int64? {
        guard fractionDigits >= 0, fractionDigits <= 18 else { return nil }
        var whole = mantissa
        var fraction: Int64 = 0
        var scale: Int64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        if fractionDigits > 0 {
            whole = mantissa / scale
            fraction = mantissa % scale
        }
        switch whole.magnitude {
        case ..<100_000_000_000:
            let (milliseconds, overflow) = whole.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            // The fraction of a second, truncated to milliseconds; scale ≤ 10^18, so never multiply it by 1000.
            let fractionMilliseconds = scale >= 1000 ? fraction / (scale / 1000) : fraction * (1000 / scale)
            return milliseconds + fractionMilliseconds
        case ..<100_000_000_000_000:
            return whole
        case ..<100_000_000_000_000_000:
            return whole / 1000
        default:
            return whole / 1_000_000
        }
    }

    /// Parses RFC 3339 text: `2025-12-20T10:00:00Z`, with an optional fraction of any length (truncated to
    /// milliseconds) and a `Z` or `±HH:MM` offset; `t`/`z` and a space for `T` are accepted. nil when malformed.
    public static func parseRFC3339(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count >= 20 else { return nil }
        func digits(_ at: Int, _ length: Int) -> Int? { ASCII.decimalDigits(bytes, from: at, count: length) }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            bytes[7] == UInt8(ascii: "-"), let day = digits(8, 2),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
            bytes[16] == UInt8(ascii: ":"), let second = digits(17, 2)
        else { return nil }
        var index = 19
        var millisecond = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if index - fractionStart < 3 { millisecond = millisecond * 10 + Int(bytes[index] - 48) }
                index += 1
            }
            let fractionLength = index - fractionStart
            guard fractionLength > 0 else { return nil }
            if fractionLength == 1 { millisecond *= 100 } else if fractionLength == 2 { millisecond *= 10 }
        }
        guard index < count else { return nil }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 <= count, let offsetHours = digits(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                let offsetRest = digits(index + 4, 2), offsetHours <= 23, offsetRest <= 59
            else { return nil }
            offsetMinutes = offsetHours * 60 + offsetRest
            if bytes[index] == UInt8(ascii: "-") { offsetMinutes = -offsetMinutes }
            index += 6
        default:
            return nil
        }
        guard index == count,
            let local = epochMilliseconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                millisecond: millisecond)
        else { return nil }
        return local - Int64(offsetMinutes) * 60_000
    }

    /// Formats epoch milliseconds as RFC 3339 in UTC with milliseconds: `2025-12-20T10:00:00.123Z`.
    public static func formatRFC3339(_ epochMilliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        appendRFC3339(epochMilliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the RFC 3339 UTC form of `epochMilliseconds` to `output`.
    public static func appendRFC3339(_ epochMilliseconds: Int64, to output: inout [UInt8]) {
        let milliseconds = Int(((epochMilliseconds % 1000) + 1000) % 1000)
        let seconds = (epochMilliseconds - Int64(milliseconds)) / 1000
        let secondOfDay = Int(((seconds % 86_400) + 86_400) % 86_400)
        let days = (seconds - Int64(secondOfDay)) / 86_400
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
        func append(_ value: Int, width: Int) {
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var rest = value
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
            output.append(contentsOf: digits)
        }
        if year < 0 {
            output.append(UInt8(ascii: "-"))
            append(-year, width: 4)
        } else {
            append(year, width: 4)
        }
        output.append(UInt8(ascii: "-"))
        append(month, width: 2)
        output.append(UInt8(ascii: "-"))
        append(day, width: 2)
        output.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2)
        output.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2)
        output.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2)
        output.append(UInt8(ascii: "."))
        append(milliseconds, width: 3)
        output.append(UInt8(ascii: "Z"))
    }
}
