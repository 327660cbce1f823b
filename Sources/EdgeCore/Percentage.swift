/// A percentage written as `12.5%`, held in parts per million of the whole so it compares exactly.
public struct Percentage: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value in millionths of the whole (`100%` = 1,000,000).
    public let partsPerMillion: Int64

    /// Creates a percentage from parts per million.
    public init(partsPerMillion: Int64) { self.partsPerMillion = partsPerMillion }

    /// The value as a fraction of one (`50%` = 0.5).
    public var fraction: Double { Double(partsPerMillion) / 1_000_000 }

    /// Orders by value.
    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.partsPerMillion < rhs.partsPerMillion }

    /// Parses `12.5%` (up to four decimals); the `%` sign is required.
    public static func parse(_ text: String) -> Percentage? {
        guard text.hasSuffix("%") else { return nil }
        let number = text.dropLast()
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            whole.count <= 12, let wholeValue = Int64(whole)
        else { return nil }
        var fractionValue: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 4, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            fractionValue = Int64(fraction.padding(toLength: 4))!
        }
        return Percentage(partsPerMillion: wholeValue * 10_000 + fractionValue)
    }

    /// `12.5%`.
    public var description: String {
        let whole = partsPerMillion / 10_000
        var fraction = String(partsPerMillion % 10_000)
        if fraction == "0" { return "\(whole)%" }
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)%"
    }
}

private extension Substring {
    func padding(toLength length: Int) -> String { String(self) + String(repeating: "0", count: length - count) }
}
