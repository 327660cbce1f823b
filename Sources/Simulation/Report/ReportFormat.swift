/// Number formatting for the HTML report, independent of locale and exact to the byte: the same value always gives
/// the same text.
enum ReportFormat {
    /// A scale factor: whole numbers without a fraction, others with two decimals.
    static func scale(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "–" }
        return value == value.rounded() ? String(Int64(value)) : fixed(value, 2)
    }

    /// `value` with `decimals` digits after the point ("12.5"); "–" when not finite or too large to print exactly.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let places = max(0, min(6, decimals))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return "–" }
        let integer = Int64(scaled)
        let magnitude = integer.magnitude
        let divisor = UInt64(scale)
        let whole = grouped(magnitude / divisor, separator: "")
        var text = integer < 0 ? "-" + whole : whole
        if places > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// A coordinate in an SVG attribute, to one decimal.
    static func coordinate(_ value: Double) -> String { fixed(value, 1) }

    /// A count with thousands separators ("46,120").
    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude), separator: ",")
    }

    /// A whole number given as a Double, with thousands separators; "–" when not finite or too large.
    static func count(_ value: Double) -> String {
        let rounded = value.rounded()
        guard rounded.isFinite, abs(rounded) < 9e15 else { return "–" }
        return count(Int(rounded))
    }

    /// A fraction as a percentage ("12.3%").
    static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        fraction.isFinite ? fixed(fraction * 100, decimals) + "%" : "–"
    }

    /// `part` of `whole` as a percentage; "0.0%" when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? percent(0) : percent(Double(part) / Double(whole))
    }

    /// US dollars with cents and thousands separators ("$1,234.50").
    static func dollars(_ value: Double) -> String {
        let cents = (value * 100).rounded()
        guard cents.isFinite, abs(cents) < 9e15 else { return "–" }
        let total = Int64(cents)
        let magnitude = total.magnitude
        let fraction = String(magnitude % 100)
        return (total < 0 ? "-$" : "$") + grouped(magnitude / 100, separator: ",")
            + "." + String(repeating: "0", count: 2 - fraction.count) + fraction
    }

    /// A large quantity in short form: "950", "12.3k", "4.56M", "7.8B".
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let size = abs(value)
        if size >= 1e9 { return trimmed(fixed(value / 1e9, size >= 1e11 ? 0 : size >= 1e10 ? 1 : 2)) + "B" }
        if size >= 1e6 { return trimmed(fixed(value / 1e6, size >= 1e8 ? 0 : size >= 1e7 ? 1 : 2)) + "M" }
        if size >= 1e4 { return trimmed(fixed(value / 1e3, size >= 1e5 ? 0 : 1)) + "k" }
        return value == value.rounded() ? count(value) : trimmed(fixed(value, size >= 100 ? 0 : size >= 1 ? 1 : 2))
    }

    /// `text` without trailing zeros after the point ("1.50" → "1.5", "2.0" → "2").
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.hasSuffix("0") { out = out.dropLast() }
        if out.hasSuffix(".") { out = out.dropLast() }
        return String(out)
    }

    private static func grouped(_ value: UInt64, separator: String) -> String {
        let digits = String(value)
        guard !separator.isEmpty else { return digits }
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(character)
        }
        return out
    }
}
