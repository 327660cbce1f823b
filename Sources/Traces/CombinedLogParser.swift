import EdgeCore
import EdgeWire

/// Reads one line of the Apache/nginx combined log format into a `TraceRecord`:
/// `ip ident user [10/Oct/2000:13:55:36 -0700] "GET /a?b HTTP/1.1" 200 2326 "referer" "user agent"`.
///
/// `-` means absent (status, bytes, referer, user agent). Quoted fields may contain `\"`, `\\` and `\xhh`
/// escapes (Apache's and nginx's), decoded in place. The referer and user agent may be missing altogether
/// (common log format); anything after the user agent is ignored. The host is not logged, so it stays absent;
/// an absolute-form target (`GET http://example.com/x`) gives scheme and host. A user agent whose closing quote
/// is missing at the end of the line is repaired (read to the end of the line) with a warning. A request line
/// of `-` (a connection closed before any request) is skipped with a warning.
struct CombinedLogParser {
    /// Why a line was skipped without being an error.
    struct SkippedLine: Error {
        let reason: String
        let position: Int
    }

    /// Parses the line `start..<end` of `record.storage` into `record`; throws `LineError` for a malformed
    /// line. Returns a `SkippedLine` instead of a record for a line that holds no request.
    func parse(
        start: Int, end: Int, into record: inout TraceRecord, warnings: inout [LineWarning]
    ) throws(LineError) -> SkippedLine? {
        let base = record.storage.base
        var index = start
        while index < end, base[index] == 0x20 || base[index] == 0x09 { index += 1 }

        // Client address.
        let addressStart = index
        while index < end, base[index] != 0x20 { index += 1 }
        guard index > addressStart else {
            throw LineError(reason: "line has no client address", position: addressStart)
        }
        guard
            let address = IPAddress.parse(
                UnsafeRawBufferPointer(start: base + addressStart, count: index - addressStart))
        else {
            throw LineError(reason: "client address is not an IPv4 or IPv6 address", position: addressStart)
        }
        record.ip = address

        // Identity and user are not used; the time follows in brackets.
        while index < end, base[index] != UInt8(ascii: "[") { index += 1 }
        guard index < end else { throw LineError(reason: "line has no [time]", position: index) }
        let timeStart = index + 1
        guard timeStart + 27 <= end, base[timeStart + 26] == UInt8(ascii: "]"),
            let time = Self.parseTime(UnsafeRawBufferPointer(start: base + timeStart, count: 26))
        else { throw LineError(reason: "time is not in the form [10/Oct/2000:13:55:36 -0700]", position: timeStart) }
        record.timestampMs = time
        index = timeStart + 27

        // Request line.
        skipSpaces(base, &index, end)
        guard index < end, base[index] == UInt8(ascii: "\"") else {
            throw LineError(reason: "expected the quoted request line after the time", position: index)
        }
        guard let request = Self.quotedField(base, at: index, end: end) else {
            throw LineError(reason: "request line has no closing quote", position: index)
        }
        index = request.next
        let requestLine = request.value
        if requestLine.count == 1, base[Int(requestLine.offset)] == UInt8(ascii: "-") {
            return SkippedLine(
                reason: "line records no request (request line '-'); skipped", position: Int(requestLine.offset))
        }
        try splitRequestLine(requestLine, base: base, into: &record)

        // Status and bytes.
        skipSpaces(base, &index, end)
        record.status = try number(base, &index, end, field: "status")
        skipSpaces(base, &index, end)
        record.bytes = try number(base, &index, end, field: "response size")

        // Referer and user agent, both optional.
        skipSpaces(base, &index, end)
        guard index < end else { return nil }
        guard base[index] == UInt8(ascii: "\"") else {
            throw LineError(reason: "expected the quoted referer after the response size", position: index)
        }
        guard let referer = Self.quotedField(base, at: index, end: end) else {
            throw LineError(reason: "referer has no closing quote", position: index)
        }
        record.referer = dashIsAbsent(referer.value, base)
        if record.referer.isPresent { record.shorthandMask |= 2 }
        index = referer.next
        skipSpaces(base, &index, end)
        guard index < end else { return nil }
        guard base[index] == UInt8(ascii: "\"") else {
            throw LineError(reason: "expected the quoted user agent after the referer", position: index)
        }
        if let agent = Self.quotedField(base, at: index, end: end) {
            record.userAgent = dashIsAbsent(agent.value, base)
        } else {
            // Unambiguous repair: the last field lost its closing quote; it runs to the end of the line.
            let decoded = Self.unescape(base, from: index + 1, to: end)
            record.userAgent = ByteSlice(start: index + 1, end: decoded)
            warnings.append(
                LineWarning(
                    reason: "user agent has no closing quote; read to the end of the line", position: index,
                    kind: .repaired))
        }
        if record.userAgent.isPresent { record.shorthandMask |= 1 }
        return nil
    }

    private func skipSpaces(_ base: UnsafeMutablePointer<UInt8>, _ index: inout Int, _ end: Int) {
        while index < end, base[index] == 0x20 || base[index] == 0x09 { index += 1 }
    }

    /// `-` as absent, anything else as given.
    private func dashIsAbsent(_ slice: ByteSlice, _ base: UnsafeMutablePointer<UInt8>) -> ByteSlice {
        slice.count == 1 && base[Int(slice.offset)] == UInt8(ascii: "-") ? .absent : slice
    }

    /// A decimal number field or `-` (absent).
    private func number(
        _ base: UnsafeMutablePointer<UInt8>, _ index: inout Int, _ end: Int, field: StaticString
    ) throws(LineError) -> Int? {
        let start = index
        if index < end, base[index] == UInt8(ascii: "-"), index + 1 == end || base[index + 1] == 0x20 {
            index += 1
            return nil
        }
        var value = 0
        while index < end, base[index] != 0x20 {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit < 10, index - start < 18 else {
                throw LineError(reason: "\(field) must be a number or '-'", position: start)
            }
            value = value * 10 + Int(digit)
            index += 1
        }
        guard index > start else { throw LineError(reason: "line ends before the \(field)", position: start) }
        return value
    }

    /// `METHOD target PROTOCOL` (protocol optional): the method is before the first space, the protocol after
    /// the last, the target in between (it may contain spaces).
    private func splitRequestLine(
        _ line: ByteSlice, base: UnsafeMutablePointer<UInt8>, into record: inout TraceRecord
    ) throws(LineError) {
        let start = Int(line.offset)
        let end = start + Int(line.count)
        var firstSpace = start
        while firstSpace < end, base[firstSpace] != 0x20 { firstSpace += 1 }
        guard firstSpace > start, firstSpace < end else {
            throw LineError(reason: "request line is not 'METHOD target [protocol]'", position: start)
        }
        for index in start..<firstSpace
        where base[index] &- UInt8(ascii: "A") >= 26 && base[index] != UInt8(ascii: "-")
            && base[index] != UInt8(ascii: "_")
        {
            throw LineError(reason: "request method must be upper-case letters", position: index)
        }
        record.method = ByteSlice(start: start, end: firstSpace)
        var targetEnd = end
        var lastSpace = end - 1
        while lastSpace > firstSpace, base[lastSpace] != 0x20 { lastSpace -= 1 }
        if lastSpace > firstSpace, end - lastSpace > 5, memcmpHTTP(base + lastSpace + 1) {
            record.version = ByteSlice(start: lastSpace + 1, end: end)
            targetEnd = lastSpace
        }
        var targetStart = firstSpace + 1
        while targetStart < targetEnd, base[targetStart] == 0x20 { targetStart += 1 }
        guard targetStart < targetEnd else {
            throw LineError(reason: "request line has no target", position: firstSpace)
        }
        targetStart = absoluteFormAuthority(base, targetStart, targetEnd, into: &record)
        var queryMark = targetStart
        while queryMark < targetEnd, base[queryMark] != UInt8(ascii: "?") { queryMark += 1 }
        record.path = ByteSlice(start: targetStart, end: queryMark)
        if queryMark < targetEnd { record.query = ByteSlice(start: queryMark + 1, end: targetEnd) }
    }

    private func memcmpHTTP(_ pointer: UnsafeMutablePointer<UInt8>) -> Bool {
        pointer[0] == UInt8(ascii: "H") && pointer[1] == UInt8(ascii: "T") && pointer[2] == UInt8(ascii: "T")
            && pointer[3] == UInt8(ascii: "P") && pointer[4] == UInt8(ascii: "/")
    }

    /// For `http://host/path` or `https://host/path`, records scheme and host and returns where the path
    /// starts; otherwise returns `start`.
    private func absoluteFormAuthority(
        _ base: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, into record: inout TraceRecord
    ) -> Int {
        guard base[start] != UInt8(ascii: "/") else { return start }
        var colon = start
        while colon < end, base[colon] &- UInt8(ascii: "a") < 26 || base[colon] &- UInt8(ascii: "A") < 26 { colon += 1 }
        let schemeText = UnsafeRawBufferPointer(start: base + start, count: colon - start)
        guard colon + 3 <= end, base[colon] == UInt8(ascii: ":"), base[colon + 1] == UInt8(ascii: "/"),
            base[colon + 2] == UInt8(ascii: "/"),
            equalsIgnoringCase(schemeText, "http") || equalsIgnoringCase(schemeText, "https")
        else { return start }
        let hostStart = colon + 3
        var hostEnd = hostStart
        while hostEnd < end, base[hostEnd] != UInt8(ascii: "/"), base[hostEnd] != UInt8(ascii: "?") { hostEnd += 1 }
        record.scheme = ByteSlice(start: start, end: colon)
        record.host = ByteSlice(start: hostStart, end: hostEnd)
        return hostEnd
    }

    /// A quoted field at `at` (its opening quote): the decoded value and the offset after the closing quote,
    /// or nil when the line ends inside the field.
    static func quotedField(
        _ base: UnsafeMutablePointer<UInt8>, at: Int, end: Int
    ) -> (value: ByteSlice, next: Int)? {
        let start = at + 1
        var index = start
        var hasEscape = false
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let valueEnd = hasEscape ? unescape(base, from: start, to: index) : index
                return (ByteSlice(start: start, end: valueEnd), index + 1)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                index += 2
            } else {
                index += 1
            }
        }
        return nil
    }

    /// Decodes `\"`, `\\` and `\xhh` in `from..<to` in place; other backslashes stay. Returns the new end.
    static func unescape(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
        var read = from
        var write = from
        while read < to {
            let byte = base[read]
            if byte == UInt8(ascii: "\\"), read + 1 < to {
                let next = base[read + 1]
                if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                    base[write] = next
                    write += 1
                    read += 2
                    continue
                }
                if next == UInt8(ascii: "x"), read + 3 < to, let high = ASCII.hexDigitValue(base[read + 2]),
                    let low = ASCII.hexDigitValue(base[read + 3])
                {
                    base[write] = high << 4 | low
                    write += 1
                    read += 4
                    continue
                }
            }
            base[write] = byte
            write += 1
            read += 1
        }
        return write
    }

    /// `10/Oct/2000:13:55:36 -0700` (26 bytes) as epoch milliseconds.
    static func parseTime(_ text: UnsafeRawBufferPointer) -> Int64? {
        func digits(_ at: Int, _ length: Int) -> Int? { ASCII.decimalDigits(text, from: at, count: length) }
        guard text.count == 26, text[2] == UInt8(ascii: "/"), text[6] == UInt8(ascii: "/"),
            text[11] == UInt8(ascii: ":"), text[14] == UInt8(ascii: ":"), text[17] == UInt8(ascii: ":"),
            text[20] == 0x20, let day = digits(0, 2), let year = digits(7, 4), let hour = digits(12, 2),
            let minute = digits(15, 2), let second = digits(18, 2), let zoneHours = digits(22, 2),
            let zoneMinutes = digits(24, 2), zoneMinutes < 60,
            text[21] == UInt8(ascii: "+") || text[21] == UInt8(ascii: "-"),
            let month = monthNumber(text[3], text[4], text[5]),
            let local = TraceTimestamp.epochMilliseconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        let offset = Int64(zoneHours * 60 + zoneMinutes) * 60_000
        return text[21] == UInt8(ascii: "+") ? local - offset : local + offset
    }

    private static func monthNumber(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        switch (ASCII.lowercased(first), ASCII.lowercased(second), ASCII.lowercased(third)) {
        case (UInt8(ascii: "j"), UInt8(ascii: "a"), UInt8(ascii: "n")): 1
        case (UInt8(ascii: "f"), UInt8(ascii: "e"), UInt8(ascii: "b")): 2
        case (UInt8(ascii: "m"), UInt8(ascii: "a"), UInt8(ascii: "r")): 3
        case (UInt8(ascii: "a"), UInt8(ascii: "p"), UInt8(ascii: "r")): 4
        case (UInt8(ascii: "m"), UInt8(ascii: "a"), UInt8(ascii: "y")): 5
        case (UInt8(ascii: "j"), UInt8(ascii: "u"), UInt8(ascii: "n")): 6
        case (UInt8(ascii: "j"), UInt8(ascii: "u"), UInt8(ascii: "l")): 7
        case (UInt8(ascii: "a"), UInt8(ascii: "u"), UInt8(ascii: "g")): 8
        case (UInt8(ascii: "s"), UInt8(ascii: "e"), UInt8(ascii: "p")): 9
        case (UInt8(ascii: "o"), UInt8(ascii: "c"), UInt8(ascii: "t")): 10
        case (UInt8(ascii: "n"), UInt8(ascii: "o"), UInt8(ascii: "v")): 11
        case (UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "c")): 12
        default: nil
        }
    }
}
