extension JSONValue {
    /// The value of the object member named `key` (the first, if named twice); nil for a missing member or a
    /// value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string, when the value is one.
    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The integer, when the value is one.
    public var integerValue: Int64? {
        if case let .int(value) = self { return value }
        return nil
    }

    /// The boolean, when the value is one.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The elements, when the value is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(values) = self { return values }
        return nil
    }

    /// The members in order, when the value is an object.
    public var objectMembers: [(String, JSONValue)]? {
        if case let .object(members) = self { return members }
        return nil
    }
}
