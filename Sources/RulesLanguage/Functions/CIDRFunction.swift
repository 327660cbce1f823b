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
        signature: FunctionSignature([.nonLiteral([.ip]), ipv4PrefixLength, ipv6PrefixLength], returns: .ip),
        compile: { input in
            let ipv4Prefix = Int(input.literalInt(1) ?? 32)
            return networkAddress(input, ipv4Prefix: ipv4Prefix, ipv6Prefix: Int(input.literalInt(2) ?? 128))
        })

    /// The IPv4 prefix length argument of `cidr`.
    static let ipv4PrefixLength = FunctionSignature.Parameter.boundedLiteralInteger(
        1...32, otherwise: "the IPv4 prefix length must be 1–32")

    /// The IPv6 prefix length argument of `cidr` and `cidr6`.
    static let ipv6PrefixLength = FunctionSignature.Parameter.boundedLiteralInteger(
        1...128, otherwise: "the IPv6 prefix length must be 1–128")

    /// Shared compiler of `cidr` and `cidr6`: the first argument's network address, IPv4 addresses masked to
    /// `ipv4Prefix` (unchanged when nil) and IPv6 addresses to `ipv6Prefix`.
    static func networkAddress(_ input: FunctionCompilation, ipv4Prefix: Int?, ipv6Prefix: Int) -> CompiledValue {
        let source = input.compiled[0].asIP
        return .ip { context in
            guard let address = source(context) else { return nil }
            if address.family == .v4 { return ipv4Prefix.map { address.masked(toPrefix: $0) } ?? address }
            return address.masked(toPrefix: ipv6Prefix)
        }
    }
}
