/// `upper`
///
/// Description: converts ASCII letters to uppercase; other bytes are unchanged.
/// Arguments: a Bytes value.
/// Returns: Bytes; missing when the argument is missing.
/// Example: `upper(http.request.headers["x-region"][0]) eq "EU"`
extension FunctionDefinition {
    static let upper = FunctionDefinition(
        name: "upper", summary: "ASCII uppercase of a string.",
        signature: FunctionSignature([.value([.bytes])], returns: .bytes),
        compile: { input in caseMapping(input, upper: true) })
}
