/// A field a value reads and, when it is indexed by a key (`http.request.headers["authorization"]`), the key.
public struct FieldRead: Sendable, Equatable {
    /// The field's name, e.g. `http.request.headers`.
    public let field: String
    /// The first index step's key, e.g. `authorization`; nil when the field is read whole or by position.
    public let key: String?
}

extension ValueExpression {
    /// Every field this value reads, through function arguments too, in source order.
    var fieldReads: [FieldRead] {
        switch base {
        case .field(let field):
            var key: String?
            if case .key(let bytes) = steps.first { key = String(decoding: bytes, as: UTF8.self) }
            return [FieldRead(field: field.name, key: key)]
        case .call(let call):
            return call.arguments.flatMap { argument -> [FieldRead] in
                switch argument {
                case .value(let value): value.fieldReads
                case .logical(let logical): logical.fieldReads
                }
            }
        case .constant, .string, .integer: return []
        }
    }
}

extension LogicalExpression {
    /// Every field this node reads, in source order.
    var fieldReads: [FieldRead] {
        switch kind {
        case .combination(_, let items): items.flatMap(\.fieldReads)
        case .not(let inner), .parenthesized(let inner): inner.fieldReads
        case .comparison(let comparison): comparison.lhs.fieldReads
        case .value(let value): value.fieldReads
        }
    }
}
