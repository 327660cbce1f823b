import CloudflareRegex
import EdgeCore
import EdgeWire

/// Comparisons: the operator, checked against the left side's type, and the right side scanned as the type
/// requires (string, regex, wildcard, integer, IP, inline set or named list).
extension ExpressionParser {
    mutating func parseComparisonOrValue() throws -> LogicalExpression {
        let value = try parseValue()
        try lexer.skipWhitespace()
        guard let (op, opRange) = try scanComparisonOperator() else {
            let bareType: RuleType = value.isMapped ? .array(value.type) : value.type
            guard bareType == .bool || bareType == .array(.bool) else {
                let here = lexer.position
                throw SyntaxError(
                    RulesDiagnosticID.expectedExpression,
                    "expected a comparison operator after a value of type \(bareType)",
                    at: lexer.isAtEnd ? value.range : here..<min(lexer.end, here + 1),
                    help: "compare it, e.g. `eq`, `contains`, `in {…}`")
            }
            return LogicalExpression(kind: .value(value), type: bareType, range: value.range)
        }
        if value.type == .bool {
            throw SyntaxError(
                RulesDiagnosticID.comparedBoolean,
                "a Bool value takes no comparison operator", at: opRange,
                help: "use the value bare (`ssl`) or negated (`not ssl`)")
        }
        try checkOperator(op, for: value, at: opRange)
        try lexer.skipWhitespace()
        let rhs = try parseRightSide(op, for: value, opRange: opRange)
        let range = value.range.lowerBound..<lexer.position
        let comparison = Comparison(lhs: value, op: op, rhs: rhs, range: range)
        return LogicalExpression(
            kind: .comparison(comparison), type: value.isMapped ? .array(.bool) : .bool, range: range)
    }

    /// Scans an operator if one follows; nil when the next token is not an operator.
    private mutating func scanComparisonOperator() throws -> (ComparisonOperator, Range<Int>)? {
        let start = lexer.position
        let symbols: [(String, ComparisonOperator)] = [
            ("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less),
            (">", .greater), ("~", .matches),
        ]
        for (symbol, op) in symbols where lexer.consume(symbol) { return (op, start..<lexer.position) }
        guard let word = lexer.peekWord() else { return nil }
        if word.text == "strict" {
            lexer.advance(6)
            let gapStart = lexer.position
            while lexer.peek() == 0x20 || lexer.peek() == 0x09 || lexer.peek() == 0x0A || lexer.peek() == 0x0D {
                lexer.advance()
            }
            let gap = gapStart..<lexer.position
            guard let next = lexer.peekWord(), next.text == "wildcard" else {
                throw SyntaxError(
                    RulesDiagnosticID.strictWildcardSpacing, "expected `wildcard` after `strict`",
                    at: word.range)
            }
            guard lexer.bytes[gap].elementsEqual([0x20]) else {
                throw SyntaxError(
                    RulesDiagnosticID.strictWildcardSpacing,
                    "`strict wildcard` is one operator written with exactly one space",
                    at: start..<next.range.upperBound, fixIt: (start..<next.range.upperBound, "strict wildcard"))
            }
            lexer.advance(8)
            return (.strictWildcard, start..<lexer.position)
        }
        if let op = ComparisonOperator(rawValue: word.text), op != .strictWildcard {
            lexer.advance(word.text.utf8.count)
            return (op, word.range)
        }
        if let keyword = Self.lowercaseKeyword(word.text),
            ComparisonOperator(rawValue: keyword) != nil || keyword == "strict"
        {
            throw uppercaseKeyword(word.text, keyword, at: word.range)
        }
        return nil
    }

    private mutating func checkOperator(_ op: ComparisonOperator, for value: ValueExpression, at range: Range<Int>)
        throws
    {
        let type = value.type
        let supported: Bool
        switch type {
        case .bytes: supported = true
        case .int: supported = [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .isIn].contains(op)
        case .ip: supported = [.equal, .notEqual, .isIn].contains(op)
        default: supported = false
        }
        guard supported else {
            var help: String?
            switch type {
            case .ip where op.isOrdering: help = "IP addresses support `eq`, `ne` and `in`; use `in {a..b}` for a range"
            case .array: help = "index it (`[0]`) or compare every element with `[*]` inside any(…) or all(…)"
            case .map:
                help = "look up a key (`[\"name\"]`) or compare every value with `[*]` inside any(…) or all(…)"
            case .int where op == .contains || op == .matches: help = "`\(op.rawValue)` works on strings"
            default: help = nil
            }
            throw SyntaxError(
                RulesDiagnosticID.operatorNotSupported,
                "operator `\(op.rawValue)` is not supported for \(type)", at: range, help: help)
        }
        if op == .matches, options.plan < .business {
            findings.append(
                SyntaxError(
                    RulesDiagnosticID.regexNeedsPlan,
                    "the `matches` operator needs the business plan or higher (zone plan: \(options.plan.rawValue))",
                    at: range, help: "use `contains`, `wildcard`, `starts_with()` or `ends_with()` instead"))
        }
    }

    private mutating func parseRightSide(
        _ op: ComparisonOperator, for value: ValueExpression, opRange: Range<Int>
    ) throws -> ComparisonValue {
        let start = lexer.position
        if lexer.isAtEnd {
            throw SyntaxError(
                RulesDiagnosticID.expectedExpression, "expected a value after `\(op.rawValue)`", at: opRange)
        }
        if op == .isIn {
            if lexer.peek() == UInt8(ascii: "$") { return try parseListReference(for: value.type) }
            guard lexer.peek() == UInt8(ascii: "{") else {
                throw SyntaxError(
                    RulesDiagnosticID.membershipOperand, "`in` needs an inline set `{…}` or a list `$name`",
                    at: start..<min(lexer.end, start + 1))
            }
            return try parseSet(of: value.type)
        }
        if lexer.peek() == UInt8(ascii: "{") || lexer.peek() == UInt8(ascii: "$") {
            throw SyntaxError(
                RulesDiagnosticID.membershipOperand, "sets and lists are used with `in`, not `\(op.rawValue)`",
                at: opRange, fixIt: (opRange, "in"))
        }
        switch value.type {
        case .bytes:
            guard lexer.atStringLiteral() else {
                throw SyntaxError(
                    RulesDiagnosticID.rhsTypeMismatch,
                    "expected a string literal to compare with \(value.type)",
                    at: start..<min(lexer.end, start + 1), help: "quote the value: \"…\"")
            }
            let token = try lexer.scanString(regex: op == .matches)
            switch op {
            case .matches: return .regex(try compileRegex(token))
            case .wildcard, .strictWildcard:
                switch WildcardPattern.compile(token.bytes, caseInsensitive: op == .wildcard) {
                case .success(let pattern): return .wildcard(pattern)
                case .failure(let problem):
                    throw SyntaxError(
                        RulesDiagnosticID.invalidWildcard, problem.message,
                        at: token.sourceRange(offset: problem.offset, length: 1),
                        help: "escape a literal star as `\\*` and a backslash as `\\\\`")
                }
            default: return .bytes(token.bytes)
            }
        case .int:
            guard Lexer.startsNumber(lexer.peek()) else {
                throw SyntaxError(
                    RulesDiagnosticID.rhsTypeMismatch, "expected an integer to compare with Int",
                    at: start..<min(lexer.end, start + 1))
            }
            let (number, _) = try lexer.scanInteger()
            if lexer.startsWith("..") {
                throw SyntaxError(
                    RulesDiagnosticID.setOnlyLiteral, "a range is allowed only inside a set `{…}`",
                    at: start..<lexer.position, help: "write `in {a..b}`")
            }
            return .int(number)
        default:
            let element = try parseAddressElement()
            guard element.range.lower == element.range.upper, !element.isNetwork else {
                throw SyntaxError(
                    RulesDiagnosticID.setOnlyLiteral, "a CIDR or range is allowed only inside a set `{…}`",
                    at: element.source, help: "write `\(value.plainField?.name ?? "ip.src") in {…}`",
                    fixIt: (
                        opRange.lowerBound..<element.source.upperBound,
                        "in {\(String(decoding: lexer.bytes[element.source], as: UTF8.self))}"
                    ))
            }
            return .ip(element.range.lower)
        }
    }

    private func compileRegex(_ token: StringToken) throws -> RegexOperand {
        switch CompiledRegex.compile(token.bytes) {
        case .success(let compiled):
            return RegexOperand(pattern: token.bytes, compiled: compiled)
        case .failure(let error):
            // The engine's own id (E0650–E0669) names the problem more precisely than the generic E0626.
            throw SyntaxError(
                error.id.isEmpty ? RulesDiagnosticID.invalidRegex : error.id,
                "invalid regular expression: \(error.message)",
                at: token.sourceRange(offset: error.byteOffset, length: error.length), help: error.help)
        }
    }

    private mutating func parseListReference(for type: RuleType) throws -> ComparisonValue {
        let start = lexer.position
        lexer.advance()
        let nameStart = lexer.position
        while let byte = lexer.peek(), (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        {
            lexer.advance()
        }
        let name = String(decoding: lexer.bytes[nameStart..<lexer.position], as: UTF8.self)
        if let byte = lexer.peek(), Lexer.isWordByte(byte) || byte == UInt8(ascii: ".") || name.isEmpty {
            throw SyntaxError(
                RulesDiagnosticID.unexpectedCharacter,
                "list names use lowercase letters, digits and `_` only", at: start..<min(lexer.end, lexer.position + 1))
        }
        let range = start..<lexer.position
        guard let list = options.lists[name] else {
            var error = SyntaxError(RulesDiagnosticID.unknownList, "unknown list `$\(name)`", at: range)
            if let suggestion = bestSuggestion(for: name, among: options.lists.keys.sorted()) {
                error.help = "did you mean `$\(suggestion)`?"
                error.fixIt = (range, "$" + suggestion)
            } else if options.lists.isEmpty {
                error.help = "no lists are defined"
            }
            throw error
        }
        guard list.elementType == type else {
            throw SyntaxError(
                RulesDiagnosticID.listTypeMismatch,
                "list `$\(name)` holds \(list.elementType) items but the field is \(type)", at: range)
        }
        return .list(name, list)
    }

    private mutating func parseSet(of type: RuleType) throws -> ComparisonValue {
        let open = lexer.position
        lexer.advance()
        var strings: [[UInt8]] = []
        var integers: [ClosedRange<Int64>] = []
        var addresses: [IPRange] = []
        while true {
            try lexer.skipWhitespace()
            guard let byte = lexer.peek() else {
                throw SyntaxError(
                    RulesDiagnosticID.unterminatedSet, "expected `}` to close the set", at: open..<(open + 1))
            }
            if byte == UInt8(ascii: "}") {
                lexer.advance()
                break
            }
            if byte == UInt8(ascii: ",") {
                let at = lexer.position
                throw SyntaxError(
                    RulesDiagnosticID.commaInSet, "set elements are separated by spaces, not commas",
                    at: at..<(at + 1), fixIt: (at..<(at + 1), " "))
            }
            let elementStart = lexer.position
            switch type {
            case .bytes:
                guard lexer.atStringLiteral() else { throw setElementError(type, at: elementStart) }
                strings.append(try lexer.scanString(regex: false).bytes)
            case .int:
                guard Lexer.startsNumber(byte) else { throw setElementError(type, at: elementStart) }
                let (lower, _) = try lexer.scanInteger()
                var upper = lower
                if lexer.consume("..") { upper = try lexer.scanInteger().value }
                guard lower <= upper else {
                    throw SyntaxError(
                        RulesDiagnosticID.invalidRange, "the range \(lower)..\(upper) is reversed",
                        at: elementStart..<lexer.position)
                }
                integers.append(lower...upper)
            default:
                guard ASCII.hexDigitValue(byte) != nil || byte == UInt8(ascii: ":") else {
                    throw setElementError(type, at: elementStart)
                }
                addresses.append(try parseAddressElement().range)
            }
            guard let after = lexer.peek(),
                after == 0x20 || after == 0x0A || after == 0x0D || after == 0x09
                    || after == UInt8(ascii: "}") || after == UInt8(ascii: ",")
            else {
                if lexer.isAtEnd {
                    throw SyntaxError(
                        RulesDiagnosticID.unterminatedSet, "expected `}` to close the set", at: open..<(open + 1))
                }
                throw SyntaxError(
                    RulesDiagnosticID.unexpectedCharacter, "unexpected character in a set",
                    at: lexer.position..<(lexer.position + 1), help: "separate set elements with spaces")
            }
        }
        switch type {
        case .bytes: return .bytesSet(strings)
        case .int: return .intSet(integers)
        default: return .ipSet(addresses)
        }
    }

    private func setElementError(_ type: RuleType, at offset: Int) -> SyntaxError {
        let expected =
            switch type {
            case .bytes: "string literals"
            case .int: "integers or integer ranges"
            default: "IP addresses, CIDR networks or IP ranges"
            }
        return SyntaxError(
            RulesDiagnosticID.setElementType, "a set compared with \(type) holds \(expected)",
            at: offset..<min(lexer.end, offset + 1))
    }

    /// An IP literal as Cloudflare reads one: a dotted-quad part with a leading zero is decimal (`1.1.1.01` is
    /// `1.1.1.1`; `docs/cloudflare-semantics.md`, "Comparing IP addresses").
    private static func address(_ text: [UInt8]) -> IPAddress? {
        text.withUnsafeBytes { IPAddress.parse($0, leadingZeros: .decimal) }
    }

    /// An address, `address/prefix` or `address..address`, validated (host bits, prefix, family, order).
    private mutating func parseAddressElement() throws -> (range: IPRange, isNetwork: Bool, source: Range<Int>) {
        let start = lexer.position
        let run = lexer.scanAddressRun()
        let text = Array(lexer.bytes[run])
        if let dots = text.indices.first(where: { $0 + 1 < text.count && text[$0] == 0x2E && text[$0 + 1] == 0x2E }) {
            let lowerBytes = Array(text[..<dots])
            let upperBytes = Array(text[(dots + 2)...])
            guard let lower = Self.address(lowerBytes) else {
                throw invalidAddress(run.lowerBound..<(run.lowerBound + dots))
            }
            guard let upper = Self.address(upperBytes) else {
                throw invalidAddress((run.lowerBound + dots + 2)..<run.upperBound)
            }
            guard let range = IPRange(lower: lower, upper: upper) else {
                throw SyntaxError(
                    RulesDiagnosticID.invalidRange,
                    lower.family != upper.family
                        ? "a range cannot mix IPv4 and IPv6"
                        : "the range \(lower)..\(upper) is reversed", at: run)
            }
            return (range, false, run)
        }
        guard let address = Self.address(text) else { throw invalidAddress(run.isEmpty ? start..<(start + 1) : run) }
        guard lexer.consume("/") else { return (IPRange(single: address), false, run) }
        let prefixStart = lexer.position
        while let digit = lexer.peek(), digit >= 0x30, digit <= 0x39 { lexer.advance() }
        let source = start..<lexer.position
        guard let prefix = Int(String(decoding: lexer.bytes[prefixStart..<lexer.position], as: UTF8.self)),
            prefix <= address.family.bitWidth
        else {
            throw SyntaxError(
                RulesDiagnosticID.invalidPrefixLength,
                "the prefix length must be 0–\(address.family.bitWidth) for an IPv\(address.family == .v4 ? 4 : 6) "
                    + "network",
                at: (prefixStart - 1)..<max(lexer.position, prefixStart))
        }
        guard let network = IPRange(network: address, prefix: prefix) else {
            let masked = address.masked(toPrefix: prefix)
            throw SyntaxError(
                RulesDiagnosticID.cidrHostBitsSet,
                "\(address)/\(prefix) has host bits set", at: source,
                help: "the network address is \(masked)/\(prefix)", fixIt: (source, "\(masked)/\(prefix)"))
        }
        return (network, true, source)
    }

    private func invalidAddress(_ range: Range<Int>) -> SyntaxError {
        SyntaxError(
            RulesDiagnosticID.invalidIPAddress,
            "`\(String(decoding: lexer.bytes[range.clamped(to: 0..<lexer.bytes.count)], as: UTF8.self))` is not a "
                + "valid IP address",
            at: range)
    }
}
