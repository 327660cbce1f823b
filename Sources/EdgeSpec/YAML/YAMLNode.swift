import EdgeCore

/// How a scalar was written in the YAML source; decides how its text maps back to source columns.
public enum ScalarStyle: Sendable, Equatable {
    /// Unquoted.
    case plain
    /// `'…'`.
    case singleQuoted
    /// `"…"`.
    case doubleQuoted
    /// `|` block.
    case literal
    /// `>` block.
    case folded
}

/// A scalar with its decoded text and its exact source span (empty and null values included).
public struct ScalarNode: Sendable, Equatable {
    /// The decoded value.
    public var value: String
    /// The span of the scalar in the source, quotes and block indicators included.
    public var range: SourceRange
    /// How it was written.
    public var style: ScalarStyle
    /// An explicit tag such as `!!str`, if any.
    public var tag: String?

    /// Whether the scalar is a YAML 1.2 core-schema null (empty, `~`, `null`) written without quotes.
    public var isNull: Bool {
        style == .plain && tag == nil && ["", "~", "null", "Null", "NULL"].contains(value)
    }
}

/// A mapping whose entries keep source order and the range of each key.
public struct MappingNode: Sendable, Equatable {
    /// Entries in source order; keys are scalars.
    public var entries: [(key: ScalarNode, value: YAMLNode)]
    /// The span of the whole mapping.
    public var range: SourceRange

    /// The entry for `key`, if present.
    public func entry(_ key: String) -> (key: ScalarNode, value: YAMLNode)? {
        entries.first { $0.key.value == key }
    }

    /// Compares entries in order.
    public static func == (lhs: MappingNode, rhs: MappingNode) -> Bool {
        lhs.range == rhs.range && lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A sequence of nodes.
public struct SequenceNode: Sendable, Equatable {
    /// Items in source order.
    public var items: [YAMLNode]
    /// The span of the whole sequence.
    public var range: SourceRange
}

/// One node of a located YAML document.
public indirect enum YAMLNode: Sendable, Equatable {
    /// A scalar (string, number, boolean or null before typing).
    case scalar(ScalarNode)
    /// A mapping.
    case mapping(MappingNode)
    /// A sequence.
    case sequence(SequenceNode)

    /// The node's source span.
    public var range: SourceRange {
        switch self {
        case let .scalar(node): node.range
        case let .mapping(node): node.range
        case let .sequence(node): node.range
        }
    }

    /// A word for messages: "a string", "a mapping", "a list", "null".
    public var kindDescription: String {
        switch self {
        case let .scalar(node): node.isNull ? "nothing (null)" : ScalarKind(node).description
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// What a plain scalar looks like under YAML 1.2's core schema, for type errors and quoting advice.
public enum ScalarKind: Equatable, Sendable, CustomStringConvertible {
    /// A string (any quoted scalar, or plain text that is not another kind).
    case string
    /// `123`, `-7`, `0x1F`.
    case integer
    /// `1.5`, `.inf`.
    case float
    /// `true`/`false`.
    case boolean
    /// Empty, `~`, `null`.
    case null

    /// Classifies a scalar as YAML 1.2's core schema would.
    public init(_ node: ScalarNode) {
        guard node.style == .plain, node.tag == nil else { self = .string; return }
        let v = node.value
        if node.isNull {
            self = .null
        } else if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(v) {
            self = .boolean
        } else if Int64(v) != nil || (v.hasPrefix("0x") && Int64(v.dropFirst(2), radix: 16) != nil) {
            self = .integer
        } else if Double(v) != nil, v.contains(where: { $0.isNumber }) {
            self = .float
        } else {
            self = .string
        }
    }

    /// "a string", "an integer", …
    public var description: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .null: "nothing (null)"
        }
    }
}
