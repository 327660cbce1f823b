/// `len`
///
/// Description: the length of a string in bytes, or the number of elements of an array or keys of a map.
/// Arguments: a Bytes, array or map value.
/// Returns: Int; missing when the argument is missing, so `len(m["k"]) >= 0` tests that a key is present.
/// Example: `len(http.request.uri.args["id"]) >= 0`
extension FunctionDefinition {
    static let len = FunctionDefinition(
        name: "len", summary: "Byte length of a string or element count of an array or map.",
        check: { checker in
            try checker.arity(1...1)
            switch checker.type(0) {
            case .bytes, .array, .map: return .int
            default: try checker.require(0, [.bytes], described: "Bytes, an array or a map"); return .int
            }
        },
        compile: { input in
            switch input.compiled[0] {
            case .bytes(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .bytesArray(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .bytesArrayArray(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .intArray(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .boolArray(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .ipArray(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .map(let run): return .int { context in run(context).map { Int64($0.count) } }
            case .int, .bool, .ip: return .int { _ in nil }
            }
        })
}
