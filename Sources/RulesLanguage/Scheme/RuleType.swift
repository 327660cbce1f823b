/// The type of a field, function result or literal in the Rules language.
public indirect enum RuleType: Hashable, Sendable, CustomStringConvertible {
    /// Arbitrary bytes (Cloudflare's docs call it String).
    case bytes
    /// A signed 64-bit integer.
    case int
    /// A boolean.
    case bool
    /// An IPv4 or IPv6 address.
    case ip
    /// An ordered array.
    case array(RuleType)
    /// A map from string keys to values.
    case map(RuleType)

    /// `Bytes`, `Int`, `Array<Bytes>`, …
    public var description: String {
        switch self {
        case .bytes: "Bytes"
        case .int: "Int"
        case .bool: "Bool"
        case .ip: "Ip"
        case .array(let element): "Array<\(element)>"
        case .map(let element): "Map<\(element)>"
        }
    }

    /// The element type of an array or the value type of a map; nil for scalars.
    var elementType: RuleType? {
        switch self {
        case .array(let element), .map(let element): element
        default: nil
        }
    }
}
