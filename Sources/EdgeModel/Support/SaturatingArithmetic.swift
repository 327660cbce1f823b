/// Integer arithmetic on values that come from input data (timestamps, counts, TTLs): results clamp to the
/// `Int64` range instead of trapping.
extension Int64 {
    /// `self + other`, clamped to `Int64.min...Int64.max`.
    @inline(__always)
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, clamped.
    @inline(__always)
    func saturatingSubtract(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other > 0 ? .min : .max) : difference
    }

    /// `self * other`, clamped.
    @inline(__always)
    func saturatingMultiply(_ other: Int64) -> Int64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        if !overflow { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }

    /// `self / divisor` rounded towards negative infinity (window indexes of times before the epoch);
    /// `divisor` must be positive.
    @inline(__always)
    func flooredDivision(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && self < 0) ? quotient - 1 : quotient
    }
}
