import CYaml
import EdgeCore

/// Turns libyaml events into a tree of located nodes, resolving anchors and aliases within a bound.
struct TreeBuilder {
    private let file: String
    private let diagnostics: DiagnosticCollector
    private var secrets: SecretScanner
    private var anchors: [String: YAMLNode] = [:]
    private var aliasNodesExpanded = 0
    private var failed = false

    /// Creates a builder for `source`; every scalar it reads goes through the secret scanner.
    init(source: SourceFile, diagnostics: DiagnosticCollector) {
        file = source.name
        self.diagnostics = diagnostics
        secrets = SecretScanner(source: source, diagnostics: diagnostics)
    }

    /// Reads the whole stream; returns the first document's root, reporting any further documents.
    mutating func build(_ parser: inout yaml_parser_t) -> YAMLNode? {
        defer { secrets.finish() }
        var root: YAMLNode?
        var documents = 0
        while !failed, var event = next(&parser) {
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return failed ? nil : root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents == 2 {
                    diagnostics.error(
                        "E0009", "a spec holds one YAML document; found a second one",
                        at: range(event.start_mark, event.end_mark),
                        help: "remove the `---` line and what follows, or split it into its own file")
                    return nil
                }
            case YAML_DOCUMENT_END_EVENT, YAML_STREAM_START_EVENT:
                continue
            default:
                let node = node(from: event, &parser, key: nil)
                if root == nil { root = node }
            }
        }
        return failed ? nil : root
    }

    private mutating func next(_ parser: inout yaml_parser_t) -> yaml_event_t? {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            reportSyntaxError(parser)
            failed = true
            return nil
        }
        return event
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) { message = "\(problem) \(context)" }
        let mark = parser.problem_mark
        let at = location(mark)
        var notes: [DiagnosticNote] = []
        if parser.context != nil {
            notes.append(
                DiagnosticNote(
                    "the construct started here", at: SourceRange(file: file, at: location(parser.context_mark))))
        }
        diagnostics.error(
            "E0008", "YAML syntax error: \(message)",
            at: SourceRange(file: file, start: at, end: SourceLocation(line: at.line, column: at.column + 1)),
            notes: notes, help: "check indentation and quoting around this position")
    }

    /// The node an event starts; `key` is the mapping key it is the value of, for the secret scanner.
    private mutating func node(from event: yaml_event_t, _ parser: inout yaml_parser_t, key: String?) -> YAMLNode? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let scalar = ScalarNode(
                value: value, range: range(event.start_mark, event.end_mark), style: style(data.style),
                tag: data.tag.map { String(cString: $0) })
            secrets.scan(scalar, key: key)
            let node = YAMLNode.scalar(scalar)
            remember(anchor: data.anchor, node)
            return node
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            let at = range(event.start_mark, event.end_mark)
            guard let target = anchors[name] else {
                diagnostics.error(
                    "E0010", "unknown alias '*\(name)'", at: at, help: "define the anchor '&\(name)' before using it")
                failed = true
                return nil
            }
            aliasNodesExpanded += target.nodeCount
            if aliasNodesExpanded > YAMLReader.maxAliasExpansion {
                diagnostics.error(
                    "E0006", "aliases expand to more than \(YAMLReader.maxAliasExpansion) nodes (an alias bomb?)",
                    at: at,
                    help: "write the repeated content out, or reference it fewer times")
                failed = true
                return nil
            }
            // The anchor's scalar was scanned under its own key; under a secret-named key here it may be a
            // credential by context alone (the formats found anywhere were reported at the anchor).
            if case let .scalar(scalar) = target, let key, SecretPatterns.isSecretLikeKey(key),
                SecretPatterns.matches(in: scalar.value).isEmpty
            {
                secrets.scan(scalar, key: key)
            }
            return target
        case YAML_SEQUENCE_START_EVENT:
            let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
            var items: [YAMLNode] = []
            while !failed, var child = next(&parser) {
                defer { yaml_event_delete(&child) }
                if child.type == YAML_SEQUENCE_END_EVENT {
                    let node = YAMLNode.sequence(
                        SequenceNode(items: items, range: range(event.start_mark, child.end_mark)))
                    if let anchor { anchors[anchor] = node }
                    return node
                }
                if let item = node(from: child, &parser, key: key) { items.append(item) }
            }
            return nil
        case YAML_MAPPING_START_EVENT:
            let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
            var entries: [(key: ScalarNode, value: YAMLNode)] = []
            var seen: [String: ScalarNode] = [:]
            while !failed, var keyEvent = next(&parser) {
                defer { yaml_event_delete(&keyEvent) }
                if keyEvent.type == YAML_MAPPING_END_EVENT {
                    let node = YAMLNode.mapping(
                        MappingNode(entries: entries, range: range(event.start_mark, keyEvent.end_mark)))
                    if let anchor { anchors[anchor] = node }
                    return node
                }
                guard let keyNode = node(from: keyEvent, &parser, key: nil) else { return nil }
                guard !failed, var valueEvent = next(&parser) else { return nil }
                defer { yaml_event_delete(&valueEvent) }
                let valueKey: String? = if case let .scalar(keyScalar) = keyNode { keyScalar.value } else { nil }
                guard let value = node(from: valueEvent, &parser, key: valueKey) else { return nil }
                guard case let .scalar(key) = keyNode else {
                    diagnostics.error(
                        "E0011", "mapping keys must be plain names, not \(keyNode.kindDescription)", at: keyNode.range)
                    continue
                }
                if key.value == "<<", key.style == .plain {
                    diagnostics.error(
                        "E0005", "merge keys ('<<') are not supported", at: key.range,
                        help: "write the keys out; merged keys would hide where each value comes from")
                    continue
                }
                if let earlier = seen[key.value] {
                    diagnostics.error(
                        "E0003", "duplicate key '\(key.value)'", at: key.range,
                        notes: [DiagnosticNote("first defined here", at: earlier.range)],
                        help: "remove one of the two entries")
                    continue
                }
                seen[key.value] = key
                entries.append((key, value))
            }
            return nil
        default:
            return nil
        }
    }

    private mutating func remember(anchor: UnsafeMutablePointer<yaml_char_t>?, _ node: YAMLNode) {
        if let anchor { anchors[String(cString: anchor)] = node }
    }

    private func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        SourceRange(file: file, start: location(start), end: location(end))
    }
}

extension YAMLNode {
    /// The number of nodes in this subtree, counting itself.
    var nodeCount: Int {
        switch self {
        case .scalar: 1
        case let .sequence(node): 1 + node.items.reduce(0) { $0 + $1.nodeCount }
        case let .mapping(node): 1 + node.entries.reduce(0) { $0 + 1 + $1.value.nodeCount }
        }
    }
}
