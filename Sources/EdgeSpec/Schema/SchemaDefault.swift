import EdgeCore

/// A field's default as the spec would write it, for the JSON Schema's `default` (editors offer it, and
/// `docs/spec-reference.md` lists it): booleans, numbers, text, enumeration cases, durations, sizes and lists of
/// those. Nil for a default that has no such form (a whole object), which the schema then leaves out.
enum SchemaDefault {
    /// The JSON form of `value`, or nil.
    static func json(_ value: Any) -> JSONValue? {
        switch value {
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(Int64(number))
        case let number as Int64: return .int(number)
        case let number as Double: return .double(number)
        case let text as String: return .string(text)
        case let text as LocatedText: return .string(text.text)
        case let duration as EdgeDuration: return .string(duration.description)
        case let size as ByteSize: return .string(size.description)
        case let values as [Any]:
            let elements = values.compactMap(json)
            return elements.count == values.count ? .array(elements) : nil
        case let choice as any RawRepresentable:
            return (choice.rawValue as? String).map(JSONValue.string)
        default: return nil
        }
    }
}
