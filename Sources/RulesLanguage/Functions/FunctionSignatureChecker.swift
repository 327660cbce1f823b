/// Helpers a function's signature check uses to validate its arguments with precise diagnostics.
struct FunctionSignatureChecker {
    let function: FunctionDefinition
    let arguments: [FunctionArgument]
    /// The call's byte range.
    let range: Range<Int>
    /// Warnings to report alongside a successful check.
    var warnings: [SyntaxError] = []

    init(function: FunctionDefinition, arguments: [FunctionArgument], range: Range<Int>) {
        self.function = function
        self.arguments = arguments
        self.range = range
    }

    /// Fails unless the argument count is within `counts`.
    func arity(_ counts: ClosedRange<Int>) throws {
        guard counts.contains(arguments.count) else {
            let expected =
                counts.lowerBound == counts.upperBound
                ? "\(counts.lowerBound)"
                : counts.upperBound == Int.max
                    ? "at least \(counts.lowerBound)"
                    : "\(counts.lowerBound) to \(counts.upperBound)"
            throw SyntaxError(
                RulesDiagnosticID.argumentCount,
                "`\(function.name)()` takes \(expected) argument\(counts.upperBound == 1 ? "" : "s"), found "
                    + "\(arguments.count)",
                at: range)
        }
    }

    /// The type of argument `index`.
    func type(_ index: Int) -> RuleType { arguments[index].type }

    /// Fails unless argument `index` has one of `types`.
    func require(_ index: Int, _ types: [RuleType], described: String? = nil) throws {
        guard index < arguments.count else { return }
        let argument = arguments[index]
        guard types.contains(argument.type) else {
            let expected = described ?? types.map(\.description).joined(separator: " or ")
            throw SyntaxError(
                RulesDiagnosticID.argumentType,
                "argument \(index + 1) of `\(function.name)()` must be \(expected), found \(argument.type)",
                at: argument.range)
        }
    }

    /// Fails when argument `index` is a literal; Cloudflare requires a field or expression there.
    func requireNonLiteral(_ index: Int) throws {
        guard index < arguments.count, let value = arguments[index].value, value.isLiteral else { return }
        throw SyntaxError(
            RulesDiagnosticID.argumentKind,
            "argument \(index + 1) of `\(function.name)()` must be a field or expression, not a literal",
            at: value.range)
    }

    /// The string literal at `index`, failing when the argument is not one.
    func requireLiteralString(_ index: Int) throws -> [UInt8] {
        guard index < arguments.count, let value = arguments[index].value, case .string(let bytes) = value.base,
            value.steps.isEmpty
        else {
            throw SyntaxError(
                RulesDiagnosticID.argumentKind,
                "argument \(index + 1) of `\(function.name)()` must be a string literal",
                at: index < arguments.count ? arguments[index].range : range)
        }
        return bytes
    }

    /// The integer literal at `index`, failing when the argument is not one.
    func requireLiteralInt(_ index: Int) throws -> Int64 {
        guard index < arguments.count, let value = arguments[index].value, case .integer(let number) = value.base else {
            throw SyntaxError(
                RulesDiagnosticID.argumentKind,
                "argument \(index + 1) of `\(function.name)()` must be an integer literal",
                at: index < arguments.count ? arguments[index].range : range)
        }
        return number
    }

    /// Fails when argument `index` is mapped (`[*]`) but the function cannot apply per element.
    func requireNotMapped(_ index: Int) throws {
        guard index < arguments.count, let value = arguments[index].value, value.isMapped else { return }
        throw SyntaxError(
            RulesDiagnosticID.invalidMapEach, "`\(function.name)()` cannot be applied per element with `[*]`",
            at: value.range)
    }

    /// An error about argument `index`'s value.
    func invalidOption(_ index: Int, _ message: String) -> SyntaxError {
        SyntaxError(
            RulesDiagnosticID.invalidFunctionOption, message,
            at: index < arguments.count ? arguments[index].range : range)
    }
}
