import EdgeCore

/// A spec section or sub-object that reads itself field by field through an `ObjectReader`.
///
/// The same `read` runs in two modes: decoding a mapping (reporting unknown, missing and mistyped fields) and
/// describing the JSON Schema, so the schema is generated from the definitions the checker uses.
public protocol SpecObject {
    /// A one-line description for the JSON Schema.
    static var summary: String { get }
    /// Reads every field; called in decode and describe mode alike, so fields must be read unconditionally.
    static func read(_ reader: ObjectReader) -> Self
}

/// Reads the fields of one mapping, or records their schema.
public final class ObjectReader {
    private enum Mode {
        case decode(MappingNode)
        case describe
    }

    private let mode: Mode
    private let context: SpecContext
    private var known: [String] = []
    private var properties: [(String, JSONValue)] = []
    private var requiredKeys: [String] = []

    /// Where each key and value of the mapping is; placeholders while describing.
    public let ranges: NodeRanges

    private init(mode: Mode, context: SpecContext) {
        self.mode = mode
        self.context = context
        if case let .decode(mapping) = mode {
            ranges = NodeRanges(mapping)
        } else {
            ranges = NodeRanges(placeholderIn: context.file)
        }
    }

    /// A required field; reports E0103 and returns a placeholder when missing.
    public func required<T>(_ key: String, _ type: FieldType<T>, _ description: String) -> T {
        declare(key, type, description, required: true)
        guard case let .decode(mapping) = mode else { return type.placeholder() }
        guard let entry = mapping.entry(key) else {
            context.diagnostics.error(
                "E0103", "missing required field '\(key)'",
                at: SourceRange(file: mapping.range.file, at: mapping.range.start),
                help: "add '\(key):' (\(description.lowercasedFirst))")
            return type.placeholder()
        }
        return type.decode(entry.value, context) ?? type.placeholder()
    }

    /// An optional field; nil when absent or written as null.
    public func optional<T>(_ key: String, _ type: FieldType<T>, _ description: String) -> T? {
        declare(key, type, description, required: false)
        guard case let .decode(mapping) = mode, let entry = mapping.entry(key) else { return nil }
        if case let .scalar(scalar) = entry.value, scalar.isNull { return nil }
        return type.decode(entry.value, context)
    }

    /// An optional field with a default used when it is absent (the schema states it as `default`).
    public func optional<T>(_ key: String, _ type: FieldType<T>, default value: T, _ description: String) -> T {
        let read = optional(key, type, description)
        if case .describe = mode, let written = SchemaDefault.json(value), let last = properties.indices.last,
            case var .object(members) = properties[last].1,
            written.arrayValue == nil || members.contains(where: { $0.0 == "type" && $0.1 == "array" })
        {
            members.append(("default", written))
            properties[last].1 = .object(members)
        }
        return read ?? value
    }

    private func declare<T>(_ key: String, _ type: FieldType<T>, _ description: String, required: Bool) {
        known.append(key)
        if required { requiredKeys.append(key) }
        if case .describe = mode {
            var schema = type.schema()
            if case var .object(members) = schema {
                members.removeAll { $0.0 == "description" }
                members.insert(("description", .string(description)), at: 0)
                schema = .object(members)
            }
            properties.append((key, schema))
        }
    }

    /// Reports keys the type did not ask for, with did-you-mean.
    private func reportUnknownKeys(typeName: String) {
        guard case let .decode(mapping) = mode else { return }
        for (key, _) in mapping.entries where !known.contains(key.value) {
            let suggestion = bestSuggestion(for: key.value, among: known)
            context.diagnostics.error(
                "E0101", "unknown key '\(key.value)' in \(typeName)", at: key.range,
                fixIt: suggestion.map { FixIt(replace: key.range, with: $0) },
                help: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))")
        }
    }

    /// The field type of a `SpecObject`: a mapping read by `T.read`.
    public static func object<T: SpecObject>(_ type: T.Type, name: String) -> FieldType<T> {
        FieldType(
            schema: { describe(T.self) },
            placeholder: { T.read(ObjectReader(mode: .describe, context: placeholderContext)) }
        ) { node, context in
            guard case let .mapping(mapping) = node else {
                Report.typeMismatch("a mapping (\(name))", node, context)
                return nil
            }
            let reader = ObjectReader(mode: .decode(mapping), context: context)
            let value = T.read(reader)
            reader.reportUnknownKeys(typeName: name)
            return value
        }
    }

    /// The JSON Schema of a `SpecObject`.
    public static func describe<T: SpecObject>(_ type: T.Type) -> JSONValue {
        let reader = ObjectReader(mode: .describe, context: placeholderContext)
        _ = T.read(reader)
        var members: [(String, JSONValue)] = [("type", "object"), ("description", .string(T.summary))]
        members.append(("properties", .object(reader.properties)))
        if !reader.requiredKeys.isEmpty {
            members.append(("required", .array(reader.requiredKeys.map { .string($0) })))
        }
        members.append(("additionalProperties", false))
        return .object(members)
    }

    /// A reader in describe mode, for building placeholder values.
    public static var describingPlaceholder: ObjectReader { ObjectReader(mode: .describe, context: placeholderContext) }

    private static var placeholderContext: SpecContext { SpecContext(file: "", diagnostics: DiagnosticCollector()) }
}

extension String {
    /// The string with its first character lower-cased.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
