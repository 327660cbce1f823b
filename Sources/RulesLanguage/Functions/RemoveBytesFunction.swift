/// `remove_bytes`
///
/// Description: removes every occurrence of each of the given bytes.
/// Arguments: a field or expression of type Bytes (not a literal), then a string literal listing the bytes.
/// Returns: Bytes; missing when the source is missing.
/// Example: `remove_bytes(http.host, "\x2e\x77") eq "examplecom"` (removes `.` and `w`)
extension FunctionDefinition {
    static let removeBytes = FunctionDefinition(
        name: "remove_bytes", summary: "Removes every occurrence of the given bytes.",
        signature: FunctionSignature([.nonLiteral([.bytes]), .literalString], returns: .bytes),
        compile: { input in
            let source = input.compiled[0].asBytes
            var removed = [Bool](repeating: false, count: 256)
            for byte in input.literalString(1) { removed[Int(byte)] = true }
            let table = removed
            return .bytes { context in source(context).map { value in value.filter { !table[Int($0)] } } }
        })
}
