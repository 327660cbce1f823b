/// `substring`
///
/// Description: the bytes from a start index up to (not including) an end index; negative indexes count from
/// the end; indexes past either end are clamped.
/// Arguments: a field or expression of type Bytes (not a literal), an integer literal start, optionally an
/// integer literal end.
/// Returns: Bytes; missing when the source is missing.
/// Example: `substring(http.request.uri.path, 0, 4) eq "/api"`
extension FunctionDefinition {
    static let substring = FunctionDefinition(
        name: "substring", summary: "Bytes between two indexes (negative counts from the end).",
        signature: FunctionSignature(
            [.nonLiteral([.bytes]), .literalInteger, .literalInteger], required: 2, returns: .bytes),
        compile: { input in
            let source = input.compiled[0].asBytes
            let start = input.literalInt(1) ?? 0
            let end = input.literalInt(2)
            return .bytes { context in
                guard let value = source(context) else { return nil }
                let count = Int64(value.count)
                func resolve(_ index: Int64) -> Int {
                    Int(index < 0 ? max(0, count + max(index, -count)) : min(index, count))
                }
                let from = resolve(start)
                let to = end.map(resolve) ?? value.count
                return from < to ? Array(value[from..<to]) : []
            }
        })
}
