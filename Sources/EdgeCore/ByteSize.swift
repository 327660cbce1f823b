/// An amount of memory or storage written as `512b`, `64kb`, `256mb`, `1gb`, `2tb` (binary units, 1kb = 1024 bytes,
/// as redis.conf and fly.toml read them; `kib`/`mib`/`gib`/`tib` are accepted as synonyms).
public struct ByteSize: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The size in bytes.
    public let bytes: Int64

    /// Creates a size from bytes.
    public init(bytes: Int64) { self.bytes = bytes }

    /// The units a spec may use with their size in bytes.
    public static let units: [(suffix: String, bytes: Int64)] = [
        ("b", 1), ("kb", 1 << 10), ("mb", 1 << 20), ("gb", 1 << 30), ("tb", 1 << 40),
        ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
    ]

    /// Orders by size.
    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }

    /// Why a size text could not be read.
    public enum ParseError: Error, Equatable, Sendable {
        /// No digits before the unit.
        case malformed
        /// A fraction such as `1.5gb` (targets need whole numbers).
        case fractional
        /// The unit is missing or unknown.
        case unknownUnit(String)
        /// The value does not fit.
        case overflow
    }

    /// Parses `256mb`; the unit is case-insensitive and required.
    public static func parse(_ text: String) -> Result<ByteSize, ParseError> {
        let lowered = text.lowercased()
        let digits = lowered.prefix { $0.isASCII && $0.isNumber }
        let unit = String(lowered.dropFirst(digits.count))
        if unit.hasPrefix("."), unit.dropFirst().first?.isNumber == true { return .failure(.fractional) }
        guard !digits.isEmpty else { return .failure(.malformed) }
        guard let factor = units.first(where: { $0.suffix == unit })?.bytes else { return .failure(.unknownUnit(unit)) }
        guard let number = Int64(digits) else { return .failure(.overflow) }
        let (value, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? .failure(.overflow) : .success(ByteSize(bytes: value))
    }

    /// The size in the largest whole unit, e.g. `256mb`, `1gb`, `1500b`.
    public var description: String {
        for (suffix, factor) in [("tb", Int64(1) << 40), ("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10)]
        where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)b"
    }

    /// Whole megabytes (rounded down).
    public var megabytes: Int64 { bytes >> 20 }
}
