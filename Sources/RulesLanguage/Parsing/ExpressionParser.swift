import EdgeCore

/// Parses and type-checks one expression against the scheme (fields in `FieldCatalogue`, functions in
/// `FunctionTable`), the plan and the rule context: the logical layer (`or`, `xor`, `and`, `not`, parentheses).
/// Comparisons and values are in the extensions beside this file.
struct ExpressionParser {
    var lexer: Lexer
    let options: ParseOptions
    /// Non-fatal findings (warnings, gating errors); a fatal one is thrown as `SyntaxError`.
    var findings: [SyntaxError] = []
    var fieldsUsed: Set<String> = []
    private var depth = 0

    /// Cloudflare's limit on expression length, in characters (`docs/cloudflare-semantics.md`, "Expression text").
    static let maximumLength = 4096
    /// The nesting limit for parentheses, `not`, function calls and `any`/`all` (wirefilter's default).
    static let maximumNesting = 128

    init(bytes: [UInt8], options: ParseOptions) {
        lexer = Lexer(bytes)
        self.options = options
    }

    /// Parses the whole input as one Bool expression.
    mutating func parseExpression() throws -> LogicalExpression {
        if lexer.isAtEnd {
            throw SyntaxError(
                RulesDiagnosticID.emptyExpression, "the expression is empty", at: 0..<0,
                help: "write `true` to match every request")
        }
        let expression = try parseOr()
        try lexer.skipWhitespace()
        if !lexer.isAtEnd {
            let start = lexer.position
            if lexer.peek() == UInt8(ascii: ")") {
                throw SyntaxError(RulesDiagnosticID.expectedDelimiter, "unmatched `)`", at: start..<(start + 1))
            }
            if let word = lexer.peekWord(), let keyword = Self.lowercaseKeyword(word.text) {
                throw uppercaseKeyword(word.text, keyword, at: word.range)
            }
            throw SyntaxError(
                RulesDiagnosticID.trailingInput, "unexpected text after a complete expression",
                at: start..<lexer.end, help: "join conditions with `and`, `or` or `xor`")
        }
        guard expression.type == .bool else {
            throw SyntaxError(
                RulesDiagnosticID.notBoolean, "the expression has type \(expression.type), but a rule needs Bool",
                at: expression.range,
                help: expression.type == .array(.bool) ? "wrap per-element comparisons in any(…) or all(…)" : nil)
        }
        return expression
    }

    /// English keywords and operators, for recognising them written in uppercase.
    static let keywords: Set<String> = [
        "and", "or", "xor", "not", "eq", "ne", "lt", "le", "gt", "ge", "contains", "matches", "wildcard", "strict",
        "in",
    ]

    static func lowercaseKeyword(_ word: String) -> String? {
        let lowered = word.lowercased()
        return lowered != word && keywords.contains(lowered) ? lowered : nil
    }

    func uppercaseKeyword(_ word: String, _ keyword: String, at range: Range<Int>) -> SyntaxError {
        SyntaxError(
            RulesDiagnosticID.uppercaseKeyword, "operators and keywords are lowercase: `\(word)` is not recognised",
            at: range, fixIt: (range, keyword))
    }

    private mutating func parseOr() throws -> LogicalExpression {
        try parseChain(.or, spellings: ["or", "||"]) { try $0.parseXor() }
    }

    private mutating func parseXor() throws -> LogicalExpression {
        try parseChain(.xor, spellings: ["xor", "^^"]) { try $0.parseAnd() }
    }

    private mutating func parseAnd() throws -> LogicalExpression {
        try parseChain(.and, spellings: ["and", "&&"]) { try $0.parseUnary() }
    }

    /// Parses `operand (op operand)*` into one n-ary node (left-associative grouping).
    private mutating func parseChain(
        _ op: LogicalOperator, spellings: [String], operand: (inout ExpressionParser) throws -> LogicalExpression
    ) throws -> LogicalExpression {
        var items = [try operand(&self)]
        while true {
            try lexer.skipWhitespace()
            guard consumeConnective(spellings) else { break }
            try lexer.skipWhitespace()
            items.append(try operand(&self))
        }
        guard items.count > 1, let first = items.first, let last = items.last else { return items[0] }
        let type = first.type
        for item in items {
            guard item.type == .bool || item.type == .array(.bool) else {
                throw SyntaxError(
                    RulesDiagnosticID.logicalOperandType,
                    "`\(op.rawValue)` needs Bool operands, found \(item.type)", at: item.range)
            }
            guard item.type == type else {
                throw SyntaxError(
                    RulesDiagnosticID.logicalOperandType,
                    "cannot combine \(type) and \(item.type) with `\(op.rawValue)`", at: item.range,
                    help: "per-element comparisons (`[*]`) combine only with each other, inside any(…) or all(…)")
            }
        }
        return LogicalExpression(
            kind: .combination(op, items), type: type, range: first.range.lowerBound..<last.range.upperBound)
    }

    private mutating func consumeConnective(_ spellings: [String]) -> Bool {
        for spelling in spellings {
            if spelling.first?.isLetter == true {
                if let word = lexer.peekWord(), word.text == spelling {
                    lexer.advance(spelling.utf8.count)
                    return true
                }
            } else if lexer.consume(spelling) {
                return true
            }
        }
        return false
    }

    /// Increments the nesting depth for the duration of `body`, failing past the limit.
    mutating func nested<T>(at range: Range<Int>, _ body: (inout ExpressionParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumNesting {
            throw SyntaxError(
                RulesDiagnosticID.nestingTooDeep,
                "the expression nests deeper than \(Self.maximumNesting) levels", at: range)
        }
        return try body(&self)
    }

    private mutating func parseUnary() throws -> LogicalExpression {
        try lexer.skipWhitespace()
        let start = lexer.position
        var isNot = false
        if let word = lexer.peekWord(), word.text == "not" {
            lexer.advance(3)
            isNot = true
        } else if lexer.peek() == UInt8(ascii: "!"), lexer.peek(1) != UInt8(ascii: "=") {
            lexer.advance()
            isNot = true
        } else if let word = lexer.peekWord(), word.text == "NOT" {
            throw uppercaseKeyword(word.text, "not", at: word.range)
        }
        guard isNot else { return try parsePrimary() }
        return try nested(at: start..<lexer.position) { parser in
            try parser.lexer.skipWhitespace()
            let operand = try parser.parseUnary()
            guard operand.type == .bool || operand.type == .array(.bool) else {
                throw SyntaxError(
                    RulesDiagnosticID.logicalOperandType, "`not` needs a Bool operand, found \(operand.type)",
                    at: operand.range)
            }
            return LogicalExpression(kind: .not(operand), type: operand.type, range: start..<operand.range.upperBound)
        }
    }

    private mutating func parsePrimary() throws -> LogicalExpression {
        try lexer.skipWhitespace()
        let start = lexer.position
        guard lexer.peek() == UInt8(ascii: "(") else { return try parseComparisonOrValue() }
        lexer.advance()
        return try nested(at: start..<(start + 1)) { parser in
            try parser.lexer.skipWhitespace()
            let inner = try parser.parseOr()
            try parser.lexer.skipWhitespace()
            guard parser.lexer.consume(")") else {
                let here = parser.lexer.position
                throw SyntaxError(
                    RulesDiagnosticID.expectedDelimiter, "expected `)` to close the `(`",
                    at: here..<min(parser.lexer.end, here + 1), help: "the `(` is at offset \(start)")
            }
            return LogicalExpression(
                kind: .parenthesized(inner), type: inner.type, range: start..<parser.lexer.position)
        }
    }

    /// Parses a logical expression as a function argument (`any(…)`, `all(…)`).
    mutating func parseLogicalArgument() throws -> LogicalExpression {
        try parseOr()
    }
}
