import EdgeWire

/// Reading HTTP dates (RFC 9110 §5.6.7) into milliseconds since the Unix epoch: the preferred IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT` and the obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and asctime
/// `Sun Nov  6 08:49:37 1994` forms.
enum HTTPDate {
    /// The time `text` names, or nil when it is not a date in one of the three forms.
    static func milliseconds(_ text: [UInt8]) -> Int64? {
        let words = text.split(whereSeparator: { $0 == 0x20 || $0 == UInt8(ascii: ",") })
        if words.count == 6, let day = number(words[1]), let month = month(words[2]), let year = number(words[3]),
            let time = clock(words[4])
        {
            // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
            return epoch(year: year, month: month, day: day, seconds: time)
        }
        if words.count == 4, let time = clock(words[2]) {
            // RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`.
            let parts = words[1].split(separator: UInt8(ascii: "-"))
            guard parts.count == 3, let day = number(parts[0]), let month = month(parts[1]),
                let shortYear = number(parts[2])
            else { return nil }
            let year = shortYear < 100 ? (shortYear < 70 ? 2000 + shortYear : 1900 + shortYear) : shortYear
            return epoch(year: year, month: month, day: day, seconds: time)
        }
        if words.count == 5, let month = month(words[1]), let day = number(words[2]), let time = clock(words[3]),
            let year = number(words[4])
        {
            // asctime: `Sun Nov  6 08:49:37 1994` (the double space splits into an empty word, dropped above).
            return epoch(year: year, month: month, day: day, seconds: time)
        }
        return nil
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map { Array($0.utf8) }

    private static func month(_ word: ArraySlice<UInt8>) -> Int64? {
        guard word.count == 3 else { return nil }
        let lowered = word.map(ASCII.lowercased)
        return months.firstIndex(of: lowered).map { Int64($0) + 1 }
    }

    private static func number(_ word: ArraySlice<UInt8>) -> Int64? {
        guard !word.isEmpty, word.count <= 4, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return DecimalBytes.parse(word)
    }

    /// `HH:MM:SS` as seconds into the day.
    private static func clock(_ word: ArraySlice<UInt8>) -> Int64? {
        let parts = word.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 3, let hours = number(parts[0]), let minutes = number(parts[1]),
            let seconds = number(parts[2]), hours < 24, minutes < 60, seconds <= 60
        else { return nil }
        return hours * 3600 + minutes * 60 + seconds
    }

    /// Days from the civil date, then milliseconds.
    private static func epoch(year: Int64, month: Int64, day: Int64, seconds: Int64) -> Int64? {
        guard (1...31).contains(day), (1...12).contains(month), (1...9999).contains(year) else { return nil }
        let days = Int64(CivilCalendar.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)))
        return (days * 86_400 + seconds) * 1000
    }
}
