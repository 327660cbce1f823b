import EdgeWire

/// A seeded generator of valid expressions in varied spellings (English and C-like operators, quoted, escaped
/// and raw strings, hex/octal/decimal integers, IPv4/IPv6, sets, functions, index chains, extra whitespace),
/// for round-trip property tests.
struct ExpressionGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(state: seed) }

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    private mutating func space() -> String { pick([" ", " ", " ", "  ", "\n", " \r\n "]) }

    mutating func expression(depth: Int = 0) -> String {
        if depth > 3 || chance(35) { return comparison() }
        switch below(4) {
        case 0: return "(" + expression(depth: depth + 1) + ")"
        case 1: return pick(["not ", "!", "! "]) + operand(depth: depth + 1)
        default:
            let op = pick(["and", "&&", "or", "||", "xor", "^^"])
            let count = 2 + below(3)
            return (0..<count).map { _ in operand(depth: depth + 1) }.joined(separator: space() + op + space())
        }
    }

    private mutating func operand(depth: Int) -> String {
        chance(50) ? "(" + expression(depth: depth) + ")" : comparison()
    }

    private mutating func string() -> String {
        let words = ["admin", "/api/", "a\"b", "c\\d", "sqlmap", "ünï", "x y", "", "#", "\"#", "KP"]
        let word = pick(words)
        switch below(3) {
        case 0:
            var text = "\""
            for scalar in word.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "a": text += pick(["a", "\\x61", "\\141"])
                default: text.unicodeScalars.append(scalar)
                }
            }
            return text + "\""
        case 1 where !word.contains("\""):
            return "r\"" + word + "\""
        default:
            return "r##\"" + word + "\"##"
        }
    }

    private mutating func integer(_ value: Int64) -> String {
        guard value > 0 else { return String(value) }
        switch below(3) {
        case 0: return "0x" + String(value, radix: 16)
        case 1: return "0" + String(value, radix: 8)
        default: return String(value)
        }
    }

    private mutating func address() -> String {
        pick(["203.0.113.7", "10.0.0.1", "2001:db8::1", "::1", "0:0:0:0:0:ffff:c0a8:1", "192.168.001.001"])
    }

    private mutating func network() -> String {
        pick([
            "10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32", "1.2.3.4", "10.0.0.1..10.0.0.9", "::1..::5", "0.0.0.0/0",
        ])
    }

    private mutating func bytesValue() -> String {
        switch below(6) {
        case 0: return "lower(" + pick(["http.user_agent", "http.host"]) + ")"
        case 1: return "http.request.headers[" + pick(["\"accept\"", "r\"x-token\""]) + "][0]"
        case 2: return "substring(http.host, " + integer(Int64(below(5))) + ", -1)"
        case 3: return "url_decode(http.request.uri.query, \"r\")"
        case 4: return "concat(http.host, " + string() + ")"
        default:
            return pick([
                "http.host", "http.user_agent", "http.request.uri.path", "http.request.method",
                "ip.src.country", "raw.http.request.uri", "http.request.uri.path.extension",
            ])
        }
    }

    private mutating func comparison() -> String {
        let s = space()
        switch below(12) {
        case 0: return bytesValue() + s + pick(["eq", "==", "ne", "!=", "contains", "lt", ">="]) + s + string()
        case 1:
            return bytesValue() + s + pick(["matches", "~"]) + s
                + pick([#""^/api/\d+""#, #"r"a\.b""#, #""[a\"]+""#, #""x|y""#])
        case 2:
            return bytesValue() + s + pick(["wildcard", "strict wildcard"]) + s
                + pick([#""*.example.com""#, #"r"/a/*\*""#, #""*""#])
        case 3: return bytesValue() + " in {" + (0..<below(4)).map { _ in string() }.joined(separator: space()) + "}"
        case 4:
            return "ip.src.asnum" + s + pick(["eq", "<", "le", ">", "ge", "!="]) + s + integer(Int64(below(70000)) - 5)
        case 5: return "ip.src.asnum in {" + integer(13335) + " " + integer(1) + ".." + integer(99) + "}"
        case 6: return "ip.src" + s + pick(["eq", "==", "ne"]) + s + address()
        case 7: return "ip.src in {" + (0..<(1 + below(3))).map { _ in network() }.joined(separator: " ") + "}"
        case 8: return pick(["ssl", "true", "false", "cf.client.bot"])
        case 9: return "any(http.request.headers.names[*]" + s + pick(["eq", "contains"]) + s + string() + ")"
        case 10: return pick(["starts_with", "ends_with"]) + "(" + bytesValue() + "," + s + string() + ")"
        default:
            return "len(" + pick(["http.host", "http.request.uri.args[\"id\"]", "http.request.headers"]) + ")" + s
                + pick(["ge", "lt"]) + s + integer(Int64(below(20)))
        }
    }
}
