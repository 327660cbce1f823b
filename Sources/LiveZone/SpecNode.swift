import Yams

/// Builds the YAML nodes of an imported spec: strings quoted whenever a YAML reader could take them for anything
/// else, mappings in the order the spec documents them.
enum SpecNode {
    /// A string scalar, plain when that reads back as the same string.
    static func text(_ value: String) -> Node {
        let lowered = value.lowercased()
        let ambiguous =
            Resolver.default.resolveTag(of: Node(value)) != .str
            || ["y", "n", "yes", "no", "on", "off"].contains(lowered)
            || value.isEmpty || value.first == " " || value.last == " "
        return .scalar(Node.Scalar(value, Tag(.str), ambiguous ? .doubleQuoted : .any))
    }

    /// An integer scalar.
    static func integer(_ value: Int64) -> Node { .scalar(Node.Scalar(String(value), Tag(.int))) }

    /// A boolean scalar.
    static func flag(_ value: Bool) -> Node { .scalar(Node.Scalar(value ? "true" : "false", Tag(.bool))) }

    /// A sequence, written in flow style (`[a, b]`) when `flow` and every element is a scalar.
    static func list(_ elements: [Node], flow: Bool = false) -> Node {
        .sequence(Node.Sequence(elements, Tag(.seq), flow ? .flow : .block))
    }

    /// A mapping with keys in the given order.
    static func mapping(_ pairs: [(String, Node)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (text($0.0), $0.1) }, Tag(.map), .block))
    }

    /// The YAML text of `node`: two-space indentation, lines never folded, UTF-8 kept.
    static func yaml(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }
}
