import EdgeCore

/// The entry point for parsing and type-checking Rules-language expressions.
public enum RulesParser {
    /// Parses `text` with `options`; returns the expression when there are no errors, and every diagnostic
    /// (warnings too) located through `options.locate`.
    public static func parse(_ text: String, options: ParseOptions) -> (Expression?, [Diagnostic]) {
        let locate: @Sendable (Range<Int>) -> SourceRange
        if options.usesDefaultLocator {
            // Built only when a diagnostic needs a position, so clean parses do not pay for it.
            locate = { range in ExpressionLocator(text: text).range(range) }
        } else {
            locate = options.locate
        }
        func diagnostic(_ error: SyntaxError) -> Diagnostic {
            let range = locate(error.range)
            return Diagnostic(
                error.id, error.isWarning ? .warning : .error, error.message, at: range,
                fixIt: error.fixIt.map { FixIt(replace: locate($0.range), with: $0.replacement) }, help: error.help)
        }
        let characterCount = text.unicodeScalars.count
        if characterCount > ExpressionParser.maximumLength {
            let start = text.unicodeScalars.prefix(ExpressionParser.maximumLength).reduce(0) {
                $0 + String($1).utf8.count
            }
            let error = SyntaxError(
                RulesDiagnosticID.expressionTooLong,
                "the expression is \(characterCount) characters long; Cloudflare accepts at most "
                    + "\(ExpressionParser.maximumLength)",
                at: start..<text.utf8.count, help: "split it into several rules or use a list")
            return (nil, [diagnostic(error)])
        }
        var parser = ExpressionParser(bytes: Array(text.utf8), options: options)
        if options.context == .counting, options.plan < .business {
            parser.findings.append(
                SyntaxError(
                    RulesDiagnosticID.countingNeedsPlan,
                    "custom counting expressions need the business plan or higher (zone plan: "
                        + "\(options.plan.rawValue))",
                    at: 0..<text.utf8.count))
        }
        do {
            let root = try parser.parseExpression()
            let diagnostics = parser.findings.map(diagnostic)
            guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
            let expression = Expression(
                root: root, source: text, missingValues: options.missingValues,
                fieldsUsed: parser.fieldsUsed)
            return (expression, diagnostics)
        } catch let error as SyntaxError {
            return (nil, (parser.findings + [error]).map(diagnostic))
        } catch {
            return (nil, [Diagnostic(RulesDiagnosticID.unexpectedCharacter, .error, "\(error)", at: locate(0..<0))])
        }
    }
}
