import EdgeCore
import EdgeWire

/// Readers for the value types of trace fields; `null` reads as absent everywhere.
extension JSONCursor {
    /// A string, or absent for `null`.
    @inline(__always)
    mutating func optionalString(_ field: StaticString) throws(LineError) -> ByteSlice {
        if current == UInt8(ascii: "\"") { return try string() }
        if consume("null") { return .absent }
        throw LineError(reason: "\(field) must be a string", position: position)
    }

    /// An integer (a JSON integer, a number with a zero fraction, or a string of digits), nil for `null`.
    /// With `rounding`, a fraction is rounded to the nearest integer instead of being an error.
    @inline(__always)
    mutating func optionalInteger(_ field: StaticString, rounding: Bool = false) throws(LineError) -> Int? {
        let start = position
        let byte = current
        if byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") {
            // Fast path: a plain non-negative integer of up to 18 digits.
            let (value, index) = digitRun(from: position)
            if index > position, index == end || !isNumberContinuation(base[index]) {
                position = index
                return Int(value)
            }
            let number = try self.number()
            guard let result = rounding ? number.rounded : number.integer else {
                throw LineError(reason: "\(field) must be an integer that fits in 64 bits", position: start)
            }
            return Int(result)
        }
        if byte == UInt8(ascii: "\"") {
            let text = try string()
            guard let value = decimalInteger(text) else {
                throw LineError(reason: "\(field) must be an integer", position: start)
            }
            return value
        }
        if consume("null") { return nil }
        throw LineError(reason: "\(field) must be an integer", position: start)
    }

    @inline(__always)
    private func isNumberContinuation(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
    }

    /// The value of a slice of ASCII digits (optionally signed) of up to 18 digits, or nil.
    func decimalInteger(_ slice: ByteSlice) -> Int? {
        var index = Int(slice.offset)
        let stop = index + Int(slice.count)
        var negative = false
        if index < stop, base[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < stop, stop - index <= 18 else { return nil }
        var value = 0
        while index < stop {
            let digit = base[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// `true` or `false`, nil for `null`.
    @inline(__always)
    mutating func optionalBool(_ field: StaticString) throws(LineError) -> Bool? {
        if consume("true") { return true }
        if consume("false") { return false }
        if consume("null") { return nil }
        throw LineError(reason: "\(field) must be true or false", position: position)
    }

    /// A timestamp in epoch milliseconds: an RFC 3339 string, or an epoch number (or string of digits) in
    /// seconds, milliseconds, microseconds or nanoseconds told apart by magnitude; nil for `null`.
    mutating func optionalTimestamp(_ field: StaticString) throws(LineError) -> Int64? {
        let start = position
        if current == UInt8(ascii: "\"") {
            let text = try string()
            let bytes = UnsafeRawBufferPointer(start: base + Int(text.offset), count: Int(text.count))
            if let value = TraceTimestamp.parseRFC3339(bytes) { return value }
            if let digits = decimalNumberText(text), let value = digits.epochMilliseconds { return value }
            throw LineError(reason: "\(field) must be an RFC 3339 time or an epoch number", position: start)
        }
        let byte = current
        guard byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-") else {
            if consume("null") { return nil }
            throw LineError(reason: "\(field) must be an RFC 3339 time or an epoch number", position: start)
        }
        // Fast path: a plain non-negative integer of up to 18 digits (what the native writer prints).
        let (whole, digitsEnd) = digitRun(from: position)
        if digitsEnd > position, digitsEnd == end || !isNumberContinuation(base[digitsEnd]),
            let value = TraceTimestamp.epochMilliseconds(fromEpochNumber: whole)
        {
            position = digitsEnd
            return value
        }
        guard let value = try number().epochMilliseconds else {
            throw LineError(reason: "\(field) is out of range", position: start)
        }
        return value
    }

    /// A string holding a plain decimal number (`1700000000`, `1700000000.5`) read as a number, or nil.
    private func decimalNumberText(_ slice: ByteSlice) -> JSONNumber? {
        var inner = JSONCursor(base: base, start: Int(slice.offset), end: Int(slice.offset) + Int(slice.count))
        guard let number = try? inner.number(), inner.isAtEnd else { return nil }
        return number
    }

    /// An IP address string, nil for `null`.
    mutating func optionalIPAddress(_ field: StaticString) throws(LineError) -> IPAddress? {
        let start = position
        // Fast path: a dotted quad straight up to the closing quote (no escape, nothing after it).
        if current == UInt8(ascii: "\""),
            let quad = IPAddress.dottedQuadPrefix(base + position + 1, count: end - position - 1),
            position + 1 + quad.length < end, base[position + 1 + quad.length] == UInt8(ascii: "\"")
        {
            position += quad.length + 2
            return IPAddress(v4: quad.bits)
        }
        let text = try optionalString(field)
        guard text.isPresent else { return nil }
        guard
            let address = IPAddress.parse(
                UnsafeRawBufferPointer(start: base + Int(text.offset), count: Int(text.count)))
        else {
            throw LineError(reason: "\(field) is not an IPv4 or IPv6 address", position: start)
        }
        return address
    }

    /// Upper-cases the ASCII letters of `slice` in place.
    func upperCaseInPlace(_ slice: ByteSlice) {
        guard slice.isPresent else { return }
        let start = base + Int(slice.offset)
        for index in 0..<Int(slice.count) where start[index] &- UInt8(ascii: "a") < 26 {
            start[index] &= 0xDF
        }
    }
}
