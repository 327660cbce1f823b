/// `has_value`
///
/// Description: whether an array, or any value list of a map, contains a value.
/// Arguments: an Array<Bytes>, Array<Int> or Map<Array<Bytes>> value, then a literal of the element type.
/// Returns: Bool; false when the collection is missing.
/// Example: `has_value(http.request.uri.args.names, "debug")`
extension FunctionDefinition {
    static let hasValue = FunctionDefinition(
        name: "has_value", summary: "Whether a collection contains a value.",
        signature: FunctionSignature(
            [
                .collection([.array(.bytes), .array(.int), .map(.array(.bytes))], described: "an array or a map"),
                .elementLiteral,
            ], returns: .bool),
        compile: { input in
            switch input.compiled[0] {
            case .bytesArray(let run):
                let needle = input.literalString(1)
                return .bool { context in run(context)?.contains(needle) ?? false }
            case .intArray(let run):
                let needle = input.literalInt(1) ?? 0
                return .bool { context in run(context)?.contains(needle) ?? false }
            case .map(let run):
                let needle = input.literalString(1)
                return .bool { context in run(context)?.values.contains { $0.contains(needle) } ?? false }
            default:
                return .bool { _ in false }
            }
        })
}
