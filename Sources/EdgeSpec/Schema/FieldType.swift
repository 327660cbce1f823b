import EdgeCore

/// One kind of spec value: how to read it from a located node, what it looks like in the JSON Schema, and a
/// placeholder used while the schema is being described.
///
/// The checker and `edgeproof schema` both run the section readers built from these, so the schema can never
/// drift from what the checker accepts.
public struct FieldType<Value> {
    /// The JSON Schema of this value.
    let schema: () -> JSONValue
    /// A stand-in value used while describing the schema and after a reported error.
    let placeholder: () -> Value
    /// Reads the node, reporting problems and returning nil when the value is unusable.
    let decode: (YAMLNode, SpecContext) -> Value?

    /// Creates a field type.
    init(
        schema: @escaping () -> JSONValue, placeholder: @escaping () -> Value,
        decode: @escaping (YAMLNode, SpecContext) -> Value?
    ) {
        self.schema = schema
        self.placeholder = placeholder
        self.decode = decode
    }

    /// The same node read as another type, e.g. an identifier as a typed value.
    func map<Other>(placeholder: @escaping () -> Other, _ transform: @escaping (Value) -> Other) -> FieldType<Other> {
        FieldType<Other>(schema: schema, placeholder: placeholder) { node, context in
            decode(node, context).map(transform)
        }
    }
}

/// Reporting helpers shared by the field types.
enum Report {
    /// "expected X, found Y" with quoting advice where it helps.
    static func typeMismatch(_ expected: String, _ node: YAMLNode, _ context: SpecContext, help: String? = nil) {
        context.diagnostics.error(
            "E0102", "expected \(expected), found \(node.kindDescription)", at: node.range, help: help)
    }
}

/// Plain scalars that YAML 1.1 tools (PyYAML, older libraries) read as booleans.
let yaml11Booleans: Set<String> = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
]

extension FieldType where Value == ScalarNode {
    /// A string scalar. Unquoted YAML 1.1 booleans (`no`, `on`) and core-schema numbers, booleans and nulls are
    /// errors with quoting advice, because other YAML tools would read them as non-strings.
    static func stringScalar(schema: @escaping () -> JSONValue = { .object([("type", "string")]) }) -> FieldType<
        ScalarNode
    > {
        FieldType(schema: schema, placeholder: { ScalarNode(value: "", range: .wholeFile(""), style: .plain) }) {
            node, context in
            guard case let .scalar(scalar) = node else {
                Report.typeMismatch("a string", node, context)
                return nil
            }
            if scalar.style == .plain, scalar.tag == nil, yaml11Booleans.contains(scalar.value) {
                context.diagnostics.error(
                    "E0105", "'\(scalar.value)' is a boolean to YAML 1.1 tools; quote it to make it a string",
                    at: scalar.range, fixIt: FixIt(replace: scalar.range, with: "\"\(scalar.value)\""),
                    help: "write \"\(scalar.value)\"")
                return nil
            }
            let kind = ScalarKind(scalar)
            guard kind == .string else {
                Report.typeMismatch(
                    "a string", node, context, help: kind == .null ? nil : "quote it: \"\(scalar.value)\"")
                return nil
            }
            return scalar
        }
    }
}

extension FieldType where Value == String {
    /// Any string.
    static var string: FieldType<String> { .string(description: nil) }

    /// A string with an optional schema description.
    static func string(description: String?) -> FieldType<String> {
        FieldType<ScalarNode>.stringScalar().map(placeholder: { "" }) { $0.value }
    }

    /// A string accepted by `validate`, which returns an error message (and help) for a bad value.
    static func string(
        id: String = "E0107", pattern: String? = nil, maxLength: Int? = nil,
        validate: @escaping (String) -> (message: String, help: String?)?
    ) -> FieldType<String> {
        var schema: [(String, JSONValue)] = [("type", "string")]
        if let pattern { schema.append(("pattern", .string(pattern))) }
        if let maxLength { schema.append(("maxLength", .int(Int64(maxLength)))) }
        let scalar = FieldType<ScalarNode>.stringScalar(schema: { .object(schema) })
        return FieldType(schema: scalar.schema, placeholder: { "" }) { node, context in
            guard let value = scalar.decode(node, context) else { return nil }
            if let problem = validate(value.value) {
                context.diagnostics.error(id, problem.message, at: value.range, help: problem.help)
                return nil
            }
            return value.value
        }
    }
}

extension FieldType where Value == LocatedText {
    /// A string kept with its scalar, for text that later stages report positions inside (expressions, ids).
    static func located(
        schema: @escaping () -> JSONValue = { .object([("type", "string")]) },
        validate: ((String) -> (message: String, help: String?)?)? = nil
    ) -> FieldType<LocatedText> {
        let scalar = FieldType<ScalarNode>.stringScalar(schema: schema)
        return FieldType(schema: scalar.schema, placeholder: { LocatedText(text: "", node: scalar.placeholder()) }) {
            node, context in
            guard let value = scalar.decode(node, context) else { return nil }
            if let validate, let problem = validate(value.value) {
                context.diagnostics.error("E0107", problem.message, at: value.range, help: problem.help)
                return nil
            }
            return LocatedText(text: value.value, node: value)
        }
    }
}

extension FieldType where Value == Int64 {
    /// An integer within `range`.
    static func integer(_ range: ClosedRange<Int64> = Int64.min...Int64.max) -> FieldType<Int64> {
        FieldType(
            schema: {
                var members: [(String, JSONValue)] = [("type", "integer")]
                if range.lowerBound != Int64.min { members.append(("minimum", .int(range.lowerBound))) }
                if range.upperBound != Int64.max { members.append(("maximum", .int(range.upperBound))) }
                return .object(members)
            }, placeholder: { max(0, range.lowerBound) }
        ) { node, context in
            guard case let .scalar(scalar) = node, ScalarKind(scalar) == .integer else {
                var help: String?
                if case let .scalar(s) = node, Int64(s.value) != nil { help = "remove the quotes: \(s.value)" }
                Report.typeMismatch("an integer", node, context, help: help)
                return nil
            }
            let text = scalar.value
            guard let value = text.hasPrefix("0x") ? Int64(text.dropFirst(2), radix: 16) : Int64(text) else {
                return nil
            }
            guard range.contains(value) else {
                context.diagnostics.error(
                    "E0106", "\(value) is out of range; expected \(range.lowerBound)…\(range.upperBound)",
                    at: scalar.range)
                return nil
            }
            return value
        }
    }
}

extension FieldType where Value == Int {
    /// An integer within `range`, as `Int`.
    static func int(_ range: ClosedRange<Int>) -> FieldType<Int> {
        FieldType<Int64>.integer(Int64(range.lowerBound)...Int64(range.upperBound)).map(placeholder: {
            max(0, range.lowerBound)
        }) { Int($0) }
    }
}

extension FieldType where Value == Double {
    /// A finite number (integer or decimal) within `minimum…maximum`, and below `below` when given. Every number
    /// field has a maximum (by default 10¹²), so sums and products of spec numbers stay finite and convert to
    /// integers without trapping.
    static func number(minimum: Double = 0, maximum: Double = 1e12, below: Double? = nil) -> FieldType<Double> {
        FieldType(
            schema: {
                var members: [(String, JSONValue)] = [
                    ("type", "number"), ("minimum", .double(minimum)), ("maximum", .double(maximum)),
                ]
                if let below { members.append(("exclusiveMaximum", .double(below))) }
                return .object(members)
            }, placeholder: { minimum }
        ) { node, context in
            guard case let .scalar(scalar) = node, [.integer, .float].contains(ScalarKind(scalar)) else {
                Report.typeMismatch("a number", node, context)
                return nil
            }
            let value = Double(scalar.value) ?? .nan  // YAML's .inf and .nan
            guard value.isFinite, (minimum...maximum).contains(value) else {
                context.diagnostics.error(
                    "E0106",
                    "\(scalar.value) is out of range; expected \(numberText(minimum))…\(numberText(maximum))",
                    at: scalar.range)
                return nil
            }
            if let below, value >= below {
                context.diagnostics.error(
                    "E0106", "\(scalar.value) is out of range; expected below \(numberText(below))", at: scalar.range)
                return nil
            }
            return value
        }
    }

    /// A bound as written in messages: `1000000`, not `1000000.0`.
    private static func numberText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension FieldType where Value == Bool {
    /// `true` or `false`; YAML 1.1 spellings (`yes`, `on`) are errors with a fix-it.
    static var boolean: FieldType<Bool> {
        FieldType(schema: { .object([("type", "boolean")]) }, placeholder: { false }) { node, context in
            guard case let .scalar(scalar) = node else {
                Report.typeMismatch("true or false", node, context)
                return nil
            }
            if scalar.style == .plain, yaml11Booleans.contains(scalar.value) {
                let meant = ["y", "yes", "on"].contains(scalar.value.lowercased()) ? "true" : "false"
                context.diagnostics.error(
                    "E0105", "'\(scalar.value)' is a YAML 1.1 boolean; write \(meant)", at: scalar.range,
                    fixIt: FixIt(replace: scalar.range, with: meant), help: "YAML 1.2 booleans are true and false")
                return nil
            }
            guard ScalarKind(scalar) == .boolean else {
                Report.typeMismatch("true or false", node, context)
                return nil
            }
            return scalar.value.lowercased() == "true"
        }
    }
}

extension FieldType where Value == EdgeDuration {
    /// A duration such as `10s` within `bounds`.
    static func duration(_ bounds: ClosedRange<EdgeDuration>? = nil) -> FieldType<EdgeDuration> {
        let scalar = FieldType<ScalarNode>.stringScalar(schema: {
            .object([("type", "string"), ("pattern", .string("^([0-9]+(ms|s|m|h|d|w))+$"))])
        })
        return FieldType(schema: scalar.schema, placeholder: { bounds?.lowerBound ?? EdgeDuration(milliseconds: 0) }) {
            node, context in
            if case let .scalar(s) = node, ScalarKind(s) == .integer {
                context.diagnostics.error(
                    "E0201", "a duration needs a unit", at: s.range,
                    fixIt: FixIt(replace: s.range, with: "\(s.value)s"),
                    help: "write \(s.value)s (units: ms, s, m, h, d, w)")
                return nil
            }
            guard let value = scalar.decode(node, context) else { return nil }
            switch EdgeDuration.parse(value.value) {
            case let .success(duration):
                if let bounds, !bounds.contains(duration) {
                    context.diagnostics.error(
                        "E0106", "\(duration) is out of range; expected \(bounds.lowerBound)…\(bounds.upperBound)",
                        at: value.range)
                    return nil
                }
                return duration
            case let .failure(error):
                let detail: String
                switch error {
                case .empty, .malformed: detail = "'\(value.value)' is not a duration"
                case let .unknownUnit(unit): detail = "unknown duration unit '\(unit)' in '\(value.value)'"
                case .overflow: detail = "'\(value.value)' is too long a duration"
                }
                var help = "write a number and a unit, e.g. 10s, 5m, 7d (units: ms, s, m, h, d, w)"
                if case let .unknownUnit(unit) = error,
                    let suggestion = bestSuggestion(
                        for: unit, among: EdgeDuration.units.map(\.suffix) + ["sec", "min"])
                {
                    help = "did you mean '\(suggestion)'? " + help
                }
                context.diagnostics.error("E0201", detail, at: value.range, help: help)
                return nil
            }
        }
    }
}

extension FieldType where Value == ByteSize {
    /// A size such as `256mb`.
    static var size: FieldType<ByteSize> {
        let scalar = FieldType<ScalarNode>.stringScalar(schema: {
            .object([("type", "string"), ("pattern", .string("^[0-9]+([kKmMgGtT][iI]?[bB]|[bB])$"))])
        })
        return FieldType(schema: scalar.schema, placeholder: { ByteSize(bytes: 0) }) { node, context in
            if case let .scalar(s) = node, ScalarKind(s) == .integer || ScalarKind(s) == .float {
                context.diagnostics.error(
                    "E0202", "a size needs a unit", at: s.range,
                    help: "write e.g. \(s.value)mb (units: b, kb, mb, gb, tb)")
                return nil
            }
            guard let value = scalar.decode(node, context) else { return nil }
            switch ByteSize.parse(value.value) {
            case let .success(size): return size
            case let .failure(error):
                let message: String
                switch error {
                case .fractional: message = "'\(value.value)' is fractional; sizes are whole numbers of a unit"
                case let .unknownUnit(unit):
                    message = unit.isEmpty ? "'\(value.value)' has no unit" : "unknown size unit '\(unit)'"
                case .malformed: message = "'\(value.value)' is not a size"
                case .overflow: message = "'\(value.value)' is too large"
                }
                context.diagnostics.error(
                    "E0202", message, at: value.range,
                    help: "write e.g. 256mb or 1gb (units: b, kb, mb, gb, tb; 1kb = 1024 b)")
                return nil
            }
        }
    }
}

extension FieldType where Value == Percentage {
    /// A percentage such as `12.5%`.
    static var percentage: FieldType<Percentage> {
        let scalar = FieldType<ScalarNode>.stringScalar(schema: {
            .object([("type", "string"), ("pattern", .string("^[0-9]+(\\.[0-9]{1,4})?%$"))])
        })
        return FieldType(schema: scalar.schema, placeholder: { Percentage(partsPerMillion: 0) }) { node, context in
            guard let value = scalar.decode(node, context) else { return nil }
            guard let percentage = Percentage.parse(value.value) else {
                context.diagnostics.error(
                    "E0203", "'\(value.value)' is not a percentage", at: value.range, help: "write e.g. 0.1% or 25%")
                return nil
            }
            return percentage
        }
    }
}

extension FieldType where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of an enum's raw values, with did-you-mean.
    static var enumeration: FieldType<Value> {
        FieldType(
            schema: { .object([("enum", .array(Value.allCases.map { .string($0.rawValue) }))]) },
            placeholder: { Value.allCases.first! }
        ) { node, context in
            let allowed = Value.allCases.map(\.rawValue)
            guard case let .scalar(scalar) = node else {
                Report.typeMismatch("one of \(allowed.joined(separator: ", "))", node, context)
                return nil
            }
            if let value = Value(rawValue: scalar.value) {
                if scalar.style == .plain, yaml11Booleans.contains(scalar.value) {
                    context.diagnostics.error(
                        "E0105", "'\(scalar.value)' is a boolean to YAML 1.1 tools; quote it to make it a string",
                        at: scalar.range, fixIt: FixIt(replace: scalar.range, with: "\"\(scalar.value)\""),
                        help: "write \"\(scalar.value)\"")
                    return nil
                }
                return value
            }
            var help: String?
            if let suggestion = bestSuggestion(for: scalar.value, among: allowed) {
                help = "did you mean '\(suggestion)'?"
            }
            context.diagnostics.error(
                "E0104", "'\(scalar.value)' is not one of: \(allowed.joined(separator: ", "))", at: scalar.range,
                fixIt: help == nil
                    ? nil : FixIt(replace: scalar.range, with: bestSuggestion(for: scalar.value, among: allowed)!),
                help: help)
            return nil
        }
    }
}

extension FieldType {
    /// A list of `element`s (at least `minItems`, at most `maxItems` when given).
    static func array<Element>(
        _ element: FieldType<Element>, minItems: Int = 0, maxItems: Int? = nil
    ) -> FieldType<[Element]> where Value == [Element] {
        FieldType(
            schema: {
                var members: [(String, JSONValue)] = [("type", "array"), ("items", element.schema())]
                if minItems > 0 { members.append(("minItems", .int(Int64(minItems)))) }
                if let maxItems { members.append(("maxItems", .int(Int64(maxItems)))) }
                return .object(members)
            }, placeholder: { [] }
        ) { node, context in
            guard case let .sequence(sequence) = node else {
                Report.typeMismatch(
                    "a list", node, context,
                    help: "write the value as a list: [\(node.scalarText ?? "…")] or one '- item' per line")
                return nil
            }
            if sequence.items.count < minItems {
                context.diagnostics.error(
                    "E0106", "expected at least \(minItems) item\(minItems == 1 ? "" : "s")", at: sequence.range)
                return nil
            }
            if let maxItems, sequence.items.count > maxItems {
                context.diagnostics.error(
                    "E0106",
                    "expected at most \(maxItems) item\(maxItems == 1 ? "" : "s"), found \(sequence.items.count)",
                    at: sequence.range)
                return nil
            }
            let values = sequence.items.map { element.decode($0, context) }
            return values.contains { $0 == nil } ? nil : values.compactMap { $0 }
        }
    }

    /// A mapping from names accepted by `keyPattern` (a regex for the schema) and `validKey` to `element`s, in source
    /// order.
    static func map<Element>(
        _ element: FieldType<Element>, keyPattern: String? = nil, validKey: ((String) -> String?)? = nil
    ) -> FieldType<[(key: LocatedText, value: Element)]> where Value == [(key: LocatedText, value: Element)] {
        FieldType(
            schema: {
                var members: [(String, JSONValue)] = [("type", "object"), ("additionalProperties", element.schema())]
                if let keyPattern { members.append(("propertyNames", .object([("pattern", .string(keyPattern))]))) }
                return .object(members)
            }, placeholder: { [] }
        ) { node, context in
            guard case let .mapping(mapping) = node else {
                Report.typeMismatch("a mapping", node, context)
                return nil
            }
            var result: [(key: LocatedText, value: Element)] = []
            var failed = false
            for (key, value) in mapping.entries {
                if let validKey, let problem = validKey(key.value) {
                    context.diagnostics.error("E0107", problem, at: key.range)
                    failed = true
                    continue
                }
                if let decoded = element.decode(value, context) {
                    result.append((LocatedText(text: key.value, node: key), decoded))
                } else {
                    failed = true
                }
            }
            return failed ? nil : result
        }
    }

    /// A value that may be written as a scalar shorthand or as a full mapping.
    static func either(scalar: FieldType<Value>, mapping: FieldType<Value>) -> FieldType<Value> {
        FieldType(
            schema: { .object([("oneOf", .array([scalar.schema(), mapping.schema()]))]) },
            placeholder: mapping.placeholder
        ) { node, context in
            if case .mapping = node { return mapping.decode(node, context) }
            return scalar.decode(node, context)
        }
    }
}

extension YAMLNode {
    /// The text of a scalar node.
    var scalarText: String? {
        if case let .scalar(scalar) = self { return scalar.value }
        return nil
    }
}
