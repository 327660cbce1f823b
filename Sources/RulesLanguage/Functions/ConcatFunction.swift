/// `concat`
///
/// Description: joins strings, or joins arrays into one array.
/// Arguments: one or more values, either all Bytes or all Array<Bytes>; literals allowed.
/// Returns: Bytes or Array<Bytes>; a missing argument counts as empty.
/// Example: `concat(http.host, http.request.uri.path) eq "example.com/login"`
extension FunctionDefinition {
    static let concat = FunctionDefinition(
        name: "concat", summary: "Concatenates strings or arrays.",
        check: { checker in
            try checker.arity(1...Int.max)
            let first = checker.type(0)
            try checker.require(0, [.bytes, .array(.bytes)])
            for index in checker.arguments.indices.dropFirst() { try checker.require(index, [first]) }
            return first
        },
        compile: { input in
            if case .bytes = input.compiled[0] {
                let parts = input.compiled.map(\.asBytes)
                return .bytes { context in
                    var result: [UInt8] = []
                    for part in parts { result += part(context) ?? [] }
                    return result
                }
            }
            let parts = input.compiled.map(\.asBytesArray)
            return .bytesArray { context in
                var result: [[UInt8]] = []
                for part in parts { result += part(context) ?? [] }
                return result
            }
        })
}
