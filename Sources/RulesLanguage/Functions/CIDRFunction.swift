/// `cidr`
///
/// Description: the network address of an IP: the first `v4bits` bits of an IPv4 address or `v6bits` bits of an
/// IPv6 address are kept, the rest cleared.
/// Arguments: an Ip field or expression (not a literal), an integer literal 1–32, an integer literal 1–128.
/// Returns: Ip; missing when the address is missing.
/// Availability: custom rules and rate limiting rules only.
/// Example: `cidr(ip.src, 24, 48) eq 203.0.113.0`
extension FunctionDefinition {
    static let cidr = FunctionDefinition(
        name: "cidr", summary: "Network address of an IP for given IPv4 and IPv6 prefix lengths.",
        contexts: [.custom, .rateLimit, .counting],
        check: { checker in
            try checker.arity(3...3)
            try checker.require(0, [.ip])
            try checker.requireNonLiteral(0)
            let v4 = try checker.requireLiteralInt(1)
            guard (1...32).contains(v4) else { throw checker.invalidOption(1, "the IPv4 prefix length must be 1–32") }
            let v6 = try checker.requireLiteralInt(2)
            guard (1...128).contains(v6) else { throw checker.invalidOption(2, "the IPv6 prefix length must be 1–128") }
            return .ip
        },
        compile: { input in
            let source = input.compiled[0].asIP
            let v4 = Int(input.literalInt(1) ?? 32)
            let v6 = Int(input.literalInt(2) ?? 128)
            return .ip { context in
                source(context).map { $0.masked(toPrefix: $0.family == .v4 ? v4 : v6) }
            }
        })
}
