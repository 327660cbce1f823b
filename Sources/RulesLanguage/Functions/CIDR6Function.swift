/// `cidr6`
///
/// Description: the network address of an IPv6 address for a prefix length; IPv4 addresses are returned
/// unchanged.
/// Arguments: an Ip field or expression (not a literal), an integer literal 1–128.
/// Returns: Ip; missing when the address is missing.
/// Availability: custom rules and rate limiting rules only.
/// Example: `cidr6(ip.src, 64) eq 2001:db8::`
extension FunctionDefinition {
    static let cidr6 = FunctionDefinition(
        name: "cidr6", summary: "Network address of an IPv6 address; IPv4 unchanged.",
        contexts: [.custom, .rateLimit, .counting],
        check: { checker in
            try checker.arity(2...2)
            try checker.require(0, [.ip])
            try checker.requireNonLiteral(0)
            let v6 = try checker.requireLiteralInt(1)
            guard (1...128).contains(v6) else { throw checker.invalidOption(1, "the IPv6 prefix length must be 1–128") }
            return .ip
        },
        compile: { input in
            let source = input.compiled[0].asIP
            let v6 = Int(input.literalInt(1) ?? 128)
            return .ip { context in
                source(context).map { $0.family == .v4 ? $0 : $0.masked(toPrefix: v6) }
            }
        })
}
