/// What an expect case requires of the OWASP Core Ruleset's verdict on its request: rules that must match and the
/// anomaly score, both at the deployed paranoia level.
public struct OWASPExpectSpec: SpecObject, Sendable {
    /// The schema summary.
    public static let summary =
        "The OWASP Core Ruleset's verdict expected for the request: CRS rules that must match and the anomaly score, "
        + "at the deployed paranoia level."
    /// CRS rule ids that must match and count at the deployed paranoia level (others may match too).
    public var rules: [Int]
    /// The anomaly score expected at the deployed paranoia level.
    public var score: Int?
    /// Where the fields are written.
    public var ranges: NodeRanges

    /// Reads the fields.
    public static func read(_ r: ObjectReader) -> OWASPExpectSpec {
        OWASPExpectSpec(
            rules: r.optional(
                "rules", .array(.int(900_000...999_999), minItems: 1), default: [],
                "CRS rule ids (900000–999999) that must match and count at the deployed paranoia level."),
            score: r.optional("score", .int(0...100_000), "The anomaly score expected at the deployed paranoia level."),
            ranges: r.ranges)
    }
}
