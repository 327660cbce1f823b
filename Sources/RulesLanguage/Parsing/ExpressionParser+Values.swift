import EdgeCore
import EdgeWire

/// Values: fields (resolved against the scheme and gated by plan and context), constants, function calls and
/// index chains.
extension ExpressionParser {
    /// Parses a field, constant or function call with its index steps.
    mutating func parseValue() throws -> ValueExpression {
        try lexer.skipWhitespace()
        let start = lexer.position
        if lexer.atStringLiteral() || Lexer.startsNumber(lexer.peek()) {
            throw SyntaxError(
                RulesDiagnosticID.expectedExpression,
                "a comparison starts with a field or function, not a literal", at: start..<(start + 1),
                help: "put the field on the left, e.g. `http.host eq \"example.com\"`")
        }
        guard let byte = lexer.peek(), Lexer.isWordByte(byte) else {
            throw SyntaxError(
                lexer.isAtEnd ? RulesDiagnosticID.expectedExpression : RulesDiagnosticID.unexpectedCharacter,
                lexer.isAtEnd ? "expected an expression" : "expected a field, function or `(`",
                at: start..<min(lexer.end, start + 1))
        }
        let (name, nameRange) = try lexer.scanIdentifier()
        var base: ValueExpression
        if name == "true" || name == "false" {
            base = ValueExpression(
                base: .constant(name == "true"), steps: [], type: .bool, isMapped: false, range: nameRange)
        } else if lexer.peek() == UInt8(ascii: "(") {
            base = try parseCall(name, nameRange: nameRange)
        } else {
            base = try resolveField(name, at: nameRange)
        }
        return try parseIndexSteps(base)
    }

    private mutating func resolveField(_ name: String, at range: Range<Int>) throws -> ValueExpression {
        guard let field = FieldCatalogue.byName[name] else {
            if Self.keywords.contains(name) {
                throw SyntaxError(RulesDiagnosticID.expectedExpression, "expected a field before `\(name)`", at: range)
            }
            if let keyword = Self.lowercaseKeyword(name) { throw uppercaseKeyword(name, keyword, at: range) }
            if let reason = FieldCatalogue.notModelled[name] {
                throw SyntaxError(
                    RulesDiagnosticID.unknownField,
                    "`\(name)` is a Cloudflare field EdgeProof cannot check or simulate: \(reason)", at: range,
                    help: "leave it out of the spec, or manage the rule outside EdgeProof")
            }
            var error = SyntaxError(RulesDiagnosticID.unknownField, "unknown field `\(name)`", at: range)
            if FunctionTable.byName[name] != nil {
                error.help = "`\(name)` is a function; call it with parentheses: \(name)(…)"
            } else if let suggestion = bestSuggestion(for: name, among: FieldCatalogue.all.map(\.name)) {
                error.help = "did you mean `\(suggestion)`?"
                error.fixIt = (range, suggestion)
            }
            throw error
        }
        try checkFieldAvailability(field, at: range)
        fieldsUsed.insert(field.name)
        return ValueExpression(base: .field(field), steps: [], type: field.type, isMapped: false, range: range)
    }

    private mutating func checkFieldAvailability(_ field: FieldDefinition, at range: Range<Int>) throws {
        switch field.phase {
        case .characteristicOnly:
            throw SyntaxError(
                RulesDiagnosticID.characteristicOnlyField,
                "`\(field.name)` cannot be used in expressions; it is only a rate limiting characteristic",
                at: range, help: "list it under the rate limiting rule's characteristics instead")
        case .response:
            if let context = options.context, context != .counting {
                findings.append(
                    SyntaxError(
                        RulesDiagnosticID.fieldNotInContext,
                        "`\(field.name)` is a response field and is not available in \(context.displayName)", at: range,
                        help: "response fields are usable only in a rate limiting rule's counting expression"))
            }
        case .elsewhere(let products):
            throw SyntaxError(
                RulesDiagnosticID.fieldNotInContext,
                "`\(field.name)` is available only in \(products), not in "
                    + (options.context?.displayName ?? "the rules EdgeProof deploys"),
                at: range, help: "configure that rule in Cloudflare directly; EdgeProof does not deploy \(products)")
        case .request:
            break
        }
        if field.minimumPlan > options.plan {
            let product = field.product.map { ", with \($0)" } ?? ""
            findings.append(
                SyntaxError(
                    RulesDiagnosticID.fieldNeedsPlan,
                    "`\(field.name)` needs the \(field.minimumPlan.rawValue) plan or higher\(product) (zone plan: "
                        + "\(options.plan.rawValue))",
                    at: range))
        } else if let context = options.context, context == .rateLimit || context == .counting,
            field.rateLimitPlan > options.plan
        {
            findings.append(
                SyntaxError(
                    RulesDiagnosticID.fieldNeedsPlan,
                    "rate limiting rules can use `\(field.name)` only on the \(field.rateLimitPlan.rawValue) plan or "
                        + "higher (zone plan: \(options.plan.rawValue))",
                    at: range))
        }
        if let replacement = field.replacement {
            findings.append(
                SyntaxError(
                    RulesDiagnosticID.fieldCaveat, "`\(field.name)` is deprecated; use `\(replacement)`", at: range,
                    fixIt: (range, replacement), isWarning: true))
        }
        if let caveat = field.caveat {
            findings.append(SyntaxError(RulesDiagnosticID.fieldCaveat, caveat, at: range, isWarning: true))
        }
    }

    private mutating func parseCall(_ name: String, nameRange: Range<Int>) throws -> ValueExpression {
        guard let function = FunctionTable.byName[name] else {
            var error = SyntaxError(RulesDiagnosticID.unknownFunction, "unknown function `\(name)`", at: nameRange)
            if let suggestion = bestSuggestion(for: name, among: FunctionTable.all.map(\.name)) {
                error.help = "did you mean `\(suggestion)`?"
                error.fixIt = (nameRange, suggestion)
            }
            throw error
        }
        if let context = options.context, let allowed = function.contexts, !allowed.contains(context) {
            findings.append(
                SyntaxError(
                    RulesDiagnosticID.functionNotInContext,
                    "`\(name)()` is not available in \(context.displayName)", at: nameRange,
                    help: "it is available in "
                        + RuleContext.allCases.filter(allowed.contains).map(\.displayName).joined(separator: ", ")))
        }
        lexer.advance()
        return try nested(at: nameRange) { parser in
            var arguments: [FunctionArgument] = []
            try parser.lexer.skipWhitespace()
            if !parser.lexer.consume(")") {
                while true {
                    try parser.lexer.skipWhitespace()
                    if function.takesLogicalArgument {
                        arguments.append(.logical(try parser.parseLogicalArgument()))
                    } else {
                        arguments.append(.value(try parser.parseArgument()))
                    }
                    try parser.lexer.skipWhitespace()
                    if parser.lexer.consume(")") { break }
                    guard parser.lexer.consume(",") else {
                        let here = parser.lexer.position
                        throw SyntaxError(
                            RulesDiagnosticID.expectedDelimiter,
                            "expected `,` or `)` in the arguments of `\(name)()`",
                            at: here..<min(parser.lexer.end, here + 1))
                    }
                }
            }
            let range = nameRange.lowerBound..<parser.lexer.position
            for (index, argument) in arguments.enumerated() {
                if index > 0, let value = argument.value, value.isMapped {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidMapEach,
                        "`[*]` is allowed only in the first argument of a function", at: value.range)
                }
            }
            var checker = FunctionSignatureChecker(function: function, arguments: arguments, range: range)
            let resultType = try function.check(&checker)
            parser.findings += checker.warnings
            let firstIsMapped = arguments.first?.value?.isMapped ?? false
            let call = FunctionCall(function: function, arguments: arguments)
            return ValueExpression(
                base: .call(call), steps: [], type: firstIsMapped ? .array(resultType) : resultType,
                isMapped: false, range: range)
        }
    }

    /// A function argument: a string or integer literal, or a value.
    private mutating func parseArgument() throws -> ValueExpression {
        if lexer.atStringLiteral() {
            let token = try lexer.scanString(regex: false)
            return ValueExpression(
                base: .string(token.bytes), steps: [], type: .bytes, isMapped: false, range: token.range)
        }
        if Lexer.startsNumber(lexer.peek()) {
            let (value, range) = try lexer.scanInteger()
            return ValueExpression(base: .integer(value), steps: [], type: .int, isMapped: false, range: range)
        }
        return try parseValue()
    }

    /// Parses `[n]`, `["key"]` and `[*]` steps after a value and computes the resulting type.
    private mutating func parseIndexSteps(_ value: ValueExpression) throws -> ValueExpression {
        var result = value
        while lexer.peek() == UInt8(ascii: "[") {
            let open = lexer.position
            lexer.advance()
            let step: IndexStep
            var keyToken: StringToken?
            if lexer.consume("*") {
                step = .each
            } else if lexer.atStringLiteral() {
                let token = try lexer.scanString(regex: false)
                keyToken = token
                step = .key(token.bytes)
            } else if let byte = lexer.peek(), byte >= 0x30, byte <= 0x39 {
                let start = lexer.position
                while let digit = lexer.peek(), digit >= 0x30, digit <= 0x39 { lexer.advance() }
                let text = String(decoding: lexer.bytes[start..<lexer.position], as: UTF8.self)
                guard let index = UInt32(text) else {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidIndex, "array index \(text) is too large",
                        at: start..<lexer.position)
                }
                step = .element(index)
            } else {
                throw SyntaxError(
                    RulesDiagnosticID.invalidIndex,
                    "an index is a non-negative integer, a quoted key or `*`",
                    at: lexer.position..<min(lexer.end, lexer.position + 1))
            }
            guard lexer.consume("]") else {
                throw SyntaxError(
                    RulesDiagnosticID.expectedDelimiter, "expected `]`",
                    at: lexer.position..<min(lexer.end, lexer.position + 1))
            }
            let stepRange = open..<lexer.position
            result.type = try indexedType(result.type, step, at: stepRange)
            if step == .each {
                if result.isMapped {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidMapEach, "only one `[*]` is allowed in an index chain",
                        at: stepRange)
                }
                result.isMapped = true
            }
            if let keyToken { checkHeaderKey(result, keyToken) }
            result.steps.append(step)
            result.range = result.range.lowerBound..<lexer.position
        }
        return result
    }

    private func indexedType(_ type: RuleType, _ step: IndexStep, at range: Range<Int>) throws -> RuleType {
        switch (type, step) {
        case (.array(let element), .element), (.array(let element), .each), (.map(let element), .key),
            (.map(let element), .each):
            return element
        case (.array, .key):
            throw SyntaxError(
                RulesDiagnosticID.invalidIndex, "an \(type) is indexed by position, not by key", at: range)
        case (.map, .element):
            throw SyntaxError(
                RulesDiagnosticID.invalidIndex, "a \(type) is indexed by a quoted key, not by position",
                at: range)
        default:
            throw SyntaxError(RulesDiagnosticID.invalidIndex, "a value of type \(type) cannot be indexed", at: range)
        }
    }

    /// Header maps are keyed by lowercased names; a key with uppercase letters never matches (as on Cloudflare).
    private mutating func checkHeaderKey(_ value: ValueExpression, _ key: StringToken) {
        guard case .field(let field) = value.base, value.steps.isEmpty,
            field.name == "http.request.headers" || field.name == "http.response.headers"
        else { return }
        let lowered = key.bytes.map(ASCII.lowercased)
        guard lowered != key.bytes else { return }
        let replacement = CanonicalPrinter.string(lowered)
        findings.append(
            SyntaxError(
                RulesDiagnosticID.headerKeyCase,
                "`\(field.name)` is keyed by lowercased header names, so \(CanonicalPrinter.string(key.bytes)) never "
                    + "matches",
                at: key.range, help: "write the key in lowercase", fixIt: (key.range, replacement), isWarning: true))
    }
}
