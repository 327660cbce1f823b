/// A JSON number read exactly: `mantissa × 10^exponent`, without going through floating point.
public struct JSONNumber {
    /// The significant digits, signed.
    public var mantissa: Int64
    /// The power of ten to scale `mantissa` by.
    public var exponent: Int

    /// `mantissa × 10^exponent`.
    @inlinable
    public init(mantissa: Int64, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// The value as an integer when it is one and fits; nil otherwise.
    public var integer: Int64? {
        if exponent == 0 { return mantissa }
        if exponent > 0 {
            var value = mantissa
            for _ in 0..<exponent {
                let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = scaled
            }
            return value
        }
        var value = mantissa
        for _ in 0..<(-exponent) {
            guard value % 10 == 0 else { return nil }
            value /= 10
            if value == 0 { return 0 }
        }
        return value
    }

    /// The value rounded half away from zero to an integer; nil when it does not fit.
    public var rounded: Int64? {
        if exponent >= 0 { return integer }
        var value = mantissa
        var lastDigit: Int64 = 0
        for _ in 0..<(-exponent) {
            lastDigit = value % 10
            value /= 10
            if value == 0 && lastDigit == 0 { return 0 }
        }
        if lastDigit >= 5 { value += 1 } else if lastDigit <= -5 { value -= 1 }
        return value
    }

    /// Epoch milliseconds when this number is an epoch timestamp (unit told by magnitude).
    public var epochMilliseconds: Int64? {
        var value = mantissa
        var fractionDigits = 0
        if exponent > 0 {
            guard let whole = integer else { return nil }
            value = whole
        } else if exponent < 0 {
            fractionDigits = -exponent
            while fractionDigits > 18 {
                value /= 10
                fractionDigits -= 1
            }
        }
        return TraceTimestamp.epochMilliseconds(fromEpochNumber: value, fractionDigits: fractionDigits)
    }
}
