/// Prints the canonical text of an expression: English operators, single spaces, decimal integers, canonical
/// addresses and CIDRs, plain quoted strings when no escape is needed and raw strings when one would be, `\xHH`
/// escapes only for bytes a raw string cannot hold. The printed text parses back to the same tree.
enum CanonicalPrinter {
    /// How `$name` list references print.
    enum ListPrinting {
        /// As `$name` (the canonical form).
        case byName
        /// As the list's items inline (`{"a" "b"}`), except the lists named in `keep`, which stay `$name`.
        case inline(keep: Set<String>)
    }

    static func print(_ expression: LogicalExpression, lists: ListPrinting = .byName) -> String {
        switch expression.kind {
        case .combination(let op, let items):
            return items.map { print($0, lists: lists) }.joined(separator: " \(op.rawValue) ")
        case .not(let operand):
            return "not " + print(operand, lists: lists)
        case .parenthesized(let inner):
            return "(" + print(inner, lists: lists) + ")"
        case .comparison(let comparison):
            return print(comparison, lists: lists)
        case .value(let value):
            return print(value, lists: lists)
        }
    }

    static func print(_ comparison: Comparison, lists: ListPrinting = .byName) -> String {
        print(comparison.lhs, lists: lists) + " " + comparison.op.englishSpelling + " "
            + print(comparison.rhs, lists: lists)
    }

    static func print(_ rhs: ComparisonValue, lists: ListPrinting = .byName) -> String {
        switch rhs {
        case .bytes(let bytes): string(bytes)
        case .int(let value): String(value)
        case .ip(let address): address.description
        case .regex(let regex): regexString(regex.pattern)
        case .wildcard(let pattern): string(pattern.source)
        case .bytesSet(let items): "{" + items.map(string).joined(separator: " ") + "}"
        case .intSet(let ranges):
            "{"
                + ranges.map {
                    $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)..\($0.upperBound)"
                }
                .joined(separator: " ") + "}"
        case .ipSet(let ranges): "{" + ranges.map(\.description).joined(separator: " ") + "}"
        case .list(let name, let list):
            switch lists {
            case .inline(let keep) where !keep.contains(name): inline(list)
            default: "$" + name
            }
        }
    }

    /// A named list's items as an inline set.
    private static func inline(_ list: NamedList) -> String {
        switch list {
        case .strings(let items): "{" + items.map(string).joined(separator: " ") + "}"
        case .asns(let numbers): "{" + numbers.map(String.init).joined(separator: " ") + "}"
        case .ips(let ranges): "{" + ranges.map(\.description).joined(separator: " ") + "}"
        }
    }

    static func print(_ value: ValueExpression, lists: ListPrinting = .byName) -> String {
        var text: String
        switch value.base {
        case .field(let field): text = field.name
        case .constant(let flag): text = flag ? "true" : "false"
        case .string(let bytes): text = string(bytes)
        case .integer(let number): text = String(number)
        case .call(let call):
            let arguments = call.arguments.map { argument in
                switch argument {
                case .value(let value): print(value, lists: lists)
                case .logical(let logical): print(logical, lists: lists)
                }
            }
            text = call.function.name + "(" + arguments.joined(separator: ", ") + ")"
        }
        for step in value.steps {
            switch step {
            case .element(let index): text += "[\(index)]"
            case .key(let key): text += "[" + string(key) + "]"
            case .each: text += "[*]"
            }
        }
        return text
    }

    /// A string literal for `bytes` in a non-regex position.
    static func string(_ bytes: [UInt8]) -> String {
        let printable = isPrintableUTF8(bytes)
        let needsEscape = bytes.contains(UInt8(ascii: "\"")) || bytes.contains(UInt8(ascii: "\\"))
        if printable, !needsEscape { return "\"" + String(decoding: bytes, as: UTF8.self) + "\"" }
        if printable { return rawString(bytes) }
        var text = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text + "\""
    }

    /// A string literal for a regex pattern: the pattern text as written, raw when it has `\`, `"`, `[` or `]`
    /// (in a quoted regex those change how the literal is scanned).
    static func regexString(_ pattern: [UInt8]) -> String {
        let special: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]")]
        if pattern.contains(where: special.contains) { return rawString(pattern) }
        return "\"" + String(decoding: pattern, as: UTF8.self) + "\""
    }

    /// `r"…"` with the fewest `#` that keep the content from closing the string early.
    private static func rawString(_ bytes: [UInt8]) -> String {
        var hashes = 0
        if bytes.contains(UInt8(ascii: "\"")) {
            hashes = 1
            while containsQuote(followedBy: hashes, in: bytes) { hashes += 1 }
        }
        let fence = String(repeating: "#", count: hashes)
        return "r" + fence + "\"" + String(decoding: bytes, as: UTF8.self) + "\"" + fence
    }

    private static func containsQuote(followedBy hashes: Int, in bytes: [UInt8]) -> Bool {
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
            var count = 0
            while count < hashes, index + 1 + count < bytes.count, bytes[index + 1 + count] == UInt8(ascii: "#") {
                count += 1
            }
            if count == hashes { return true }
        }
        return false
    }

    /// Valid UTF-8 without control characters (other than none at all), so it can appear literally.
    private static func isPrintableUTF8(_ bytes: [UInt8]) -> Bool {
        for byte in bytes where byte < 0x20 || byte == 0x7F { return false }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
