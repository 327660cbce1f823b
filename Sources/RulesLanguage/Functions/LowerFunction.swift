/// `lower`
///
/// Description: converts ASCII letters to lowercase; other bytes are unchanged.
/// Arguments: a Bytes value.
/// Returns: Bytes; missing when the argument is missing. On a plain field the result is computed once per
/// request and shared by every rule that uses it.
/// Example: `lower(http.user_agent) contains "sqlmap"`
extension FunctionDefinition {
    static let lower = FunctionDefinition(
        name: "lower", summary: "ASCII lowercase of a string.",
        signature: FunctionSignature([.value([.bytes])], returns: .bytes),
        compile: { input in caseMapping(input, upper: false) })

    /// Shared compiler of `lower` and `upper`.
    static func caseMapping(_ input: FunctionCompilation, upper: Bool) -> CompiledValue {
        if let field = input.firstArgumentField, case .bytes(let read) = field.read {
            let slot = field.slot
            return .bytes { context in context.caseMapped(slot: slot, upper: upper, read) }
        }
        let source = input.compiled[0].asBytes
        return .bytes { context in
            guard let value = source(context) else { return nil }
            var result: [UInt8] = []
            if upper {
                ByteOperations.uppercase(value, into: &result)
            } else {
                ByteOperations.lowercase(value, into: &result)
            }
            return result
        }
    }
}
