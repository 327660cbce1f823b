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
        signature: FunctionSignature([.nonLiteral([.ip]), ipv6PrefixLength], returns: .ip),
        compile: { input in networkAddress(input, ipv4Prefix: nil, ipv6Prefix: Int(input.literalInt(1) ?? 128)) })
}
