/// A position-free, spelling-free rendering of an expression tree, e.g. `OR(CMP(http.host eq "a"), NOT(ssl))`.
/// Two expressions have the same tree exactly when their dumps are equal; tests use it to check precedence and
/// that canonical printing round-trips.
enum StructureDump {
    static func dump(_ expression: LogicalExpression) -> String {
        switch expression.kind {
        case .combination(let op, let items):
            return op.rawValue.uppercased() + "(" + items.map(dump).joined(separator: ", ") + ")"
        case .not(let operand):
            return "NOT(" + dump(operand) + ")"
        case .parenthesized(let inner):
            return "PAREN(" + dump(inner) + ")"
        case .comparison(let comparison):
            return "CMP(" + dump(comparison.lhs) + " " + comparison.op.rawValue + " " + dump(comparison.rhs) + ")"
        case .value(let value):
            return dump(value)
        }
    }

    static func dump(_ value: ValueExpression) -> String {
        var text: String
        switch value.base {
        case .field(let field): text = field.name
        case .constant(let flag): text = flag ? "TRUE" : "FALSE"
        case .string(let bytes): text = "BYTES\(bytes)"
        case .integer(let number): text = "INT(\(number))"
        case .call(let call):
            text =
                "CALL:" + call.function.name + "("
                + call.arguments.map { argument in
                    switch argument {
                    case .value(let value): dump(value)
                    case .logical(let logical): dump(logical)
                    }
                }.joined(separator: ", ") + ")"
        }
        for step in value.steps {
            switch step {
            case .element(let index): text += "[\(index)]"
            case .key(let key): text += "[KEY\(key)]"
            case .each: text += "[*]"
            }
        }
        return text + ":" + value.type.description
    }

    static func dump(_ rhs: ComparisonValue) -> String {
        switch rhs {
        case .bytes(let bytes): "BYTES\(bytes)"
        case .int(let value): "INT(\(value))"
        case .ip(let address): "IP(\(address))"
        case .regex(let regex): "REGEX\(regex.pattern)"
        case .wildcard(let pattern): "WILDCARD(\(pattern.caseInsensitive))\(pattern.source)"
        case .bytesSet(let items): "SET\(items)"
        case .intSet(let ranges): "INTSET\(ranges.map { [$0.lowerBound, $0.upperBound] })"
        case .ipSet(let ranges): "IPSET\(ranges.map { "\($0.lower)-\($0.upper)" })"
        case .list(let name, _): "LIST(\(name))"
        }
    }
}
