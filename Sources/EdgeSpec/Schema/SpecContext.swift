import EdgeCore

/// What decoding a spec needs besides the node: where to report, and the file name for positions.
public final class SpecContext {
    /// Where findings go.
    public let diagnostics: DiagnosticCollector
    /// The spec's file name as the user gave it.
    public let file: String

    /// Creates a context.
    public init(file: String, diagnostics: DiagnosticCollector) {
        self.file = file
        self.diagnostics = diagnostics
    }
}

/// Where an object's keys and values sit in the source, so later checks can point at a field.
public struct NodeRanges: Sendable, Equatable {
    /// The whole mapping.
    public var whole: SourceRange
    /// Each key's span by name.
    public var keys: [String: SourceRange]
    /// Each value's span by key name.
    public var values: [String: SourceRange]

    /// Ranges of a mapping node.
    init(_ node: MappingNode) {
        whole = node.range
        keys = Dictionary(node.entries.map { ($0.key.value, $0.key.range) }, uniquingKeysWith: { a, _ in a })
        values = Dictionary(node.entries.map { ($0.key.value, $0.value.range) }, uniquingKeysWith: { a, _ in a })
    }

    /// Empty ranges at the start of `file` (used while describing the schema).
    init(placeholderIn file: String) {
        whole = .wholeFile(file)
        keys = [:]
        values = [:]
    }

    /// The span of a field's value, or of the whole mapping when the field is absent.
    public func value(_ key: String) -> SourceRange { values[key] ?? whole }

    /// The span of a field's key, or of the whole mapping when the field is absent.
    public func key(_ key: String) -> SourceRange { keys[key] ?? whole }
}

/// A string from the spec together with the scalar it came from (for expressions, ids and paths that later
/// stages report on).
public struct LocatedText: Sendable, Equatable {
    /// The decoded text.
    public var text: String
    /// The scalar it came from.
    public var node: ScalarNode

    /// The scalar's span.
    public var range: SourceRange { node.range }

    /// The source span of the value's UTF-8 bytes `bytes` (offsets into `text`), mapped through the scalar's
    /// quoting, escapes and line folding.
    public func sourceRange(ofValueBytes bytes: Range<Int>, in source: SourceFile) -> SourceRange {
        ScalarSourceMap(node: node, source: source).range(ofValueBytes: bytes)
    }
}
