/// A non-negative length of time written in a spec as `500ms`, `10s`, `5m`, `2h`, `7d`, `1w` or a sum such as `1h30m`.
///
/// Named `EdgeDuration` so it never shadows the standard library's `Duration`. Held in milliseconds, the finest
/// unit a spec can write.
public struct EdgeDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in milliseconds.
    public let milliseconds: Int64

    /// Creates a duration from milliseconds.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Creates a duration from whole seconds.
    public static func seconds(_ value: Int64) -> EdgeDuration { EdgeDuration(milliseconds: value * 1000) }

    /// The length in whole seconds (rounded down).
    public var seconds: Int64 { milliseconds / 1000 }

    /// The units a spec may use, longest suffix first, with their length in milliseconds.
    public static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
    ]

    /// Orders by length.
    public static func < (lhs: EdgeDuration, rhs: EdgeDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// Why a duration text could not be read.
    public enum ParseError: Error, Equatable, Sendable {
        /// The text is empty.
        case empty
        /// A number is missing before a unit, or a unit after a number.
        case malformed
        /// The unit is not one of `ms s m h d w`.
        case unknownUnit(String)
        /// The value does not fit.
        case overflow
    }

    /// Parses `10s`, `1h30m`, `500ms`; a bare number is rejected (units are always explicit in a spec).
    public static func parse(_ text: String) -> Result<EdgeDuration, ParseError> {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return .failure(.empty) }
        var index = 0
        var total: Int64 = 0
        while index < bytes.count {
            var number: Int64 = 0
            let numberStart = index
            while index < bytes.count, let digit = decimalDigit(bytes[index]) {
                let (product, overflowA) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = product.addingReportingOverflow(digit)
                if overflowA || overflowB { return .failure(.overflow) }
                number = sum
                index += 1
            }
            guard index > numberStart else { return .failure(.malformed) }
            let unitStart = index
            while index < bytes.count, decimalDigit(bytes[index]) == nil { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            guard !unit.isEmpty else { return .failure(.malformed) }
            guard let factor = units.first(where: { $0.suffix == unit })?.milliseconds else {
                return .failure(.unknownUnit(unit))
            }
            let (part, overflowA) = number.multipliedReportingOverflow(by: factor)
            let (sum, overflowB) = total.addingReportingOverflow(part)
            if overflowA || overflowB { return .failure(.overflow) }
            total = sum
        }
        return .success(EdgeDuration(milliseconds: total))
    }

    /// The shortest canonical text in the largest whole units, e.g. `90s` → `1m30s`, `0` → `0s`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = ""
        for (suffix, factor) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)]
        where rest >= factor {
            out += "\(rest / factor)\(suffix)"
            rest %= factor
        }
        return out
    }

    /// Go `time.ParseDuration` text (units `h m s ms`, no days), as fly.toml expects.
    public var goDuration: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = ""
        for (suffix, factor) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000), ("ms", 1)] where rest >= factor {
            out += "\(rest / factor)\(suffix)"
            rest %= factor
        }
        return out
    }
}

@inline(__always) func decimalDigit(_ byte: UInt8) -> Int64? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
}
