import EdgeCore

/// The thresholds a run applied and the ones it broke, for the result formats that report them.
public struct ThresholdStatus: Sendable, Equatable {
    /// How many thresholds were applied.
    public let applied: Int
    /// One line per broken threshold, as `ThresholdCheck.broken` writes it.
    public let broken: [String]

    /// Creates a status.
    public init(applied: Int, broken: [String]) {
        self.applied = applied
        self.broken = broken
    }

    /// The text the terminal shows after the result: `Thresholds: all 2 hold`, or the broken ones, one a line.
    public var text: String {
        broken.isEmpty
            ? "Thresholds: all \(applied) hold"
            : "Thresholds broken:\n" + broken.map { "  \($0)" }.joined(separator: "\n")
    }

    /// `{"applied": N, "holds": true|false, "broken": ["block_rate = 2% breaks block_rate < 1%", …]}`, the member
    /// a JSON document adds when thresholds were applied.
    public var json: JSONValue {
        .object([
            ("applied", .int(Int64(applied))), ("holds", .bool(broken.isEmpty)),
            ("broken", .array(broken.map { .string($0) })),
        ])
    }

    /// `document` with a `thresholds` member at its end when `status` applied any; as it is otherwise.
    public static func adding(_ status: ThresholdStatus?, to document: JSONValue) -> JSONValue {
        guard let status, status.applied > 0, case let .object(members) = document else { return document }
        return .object(members + [("thresholds", status.json)])
    }
}
