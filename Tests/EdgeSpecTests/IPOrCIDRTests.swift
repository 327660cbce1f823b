import Testing

@testable import EdgeSpec

/// Spec IP lists and Redis bind addresses accept what Cloudflare's IP lists accept: one address or a CIDR block
/// whose host bits are clear.
@Suite struct IPOrCIDRTests {
    @Test(arguments: [
        "203.0.113.7", "198.51.100.0/24", "0.0.0.0/0", "2001:db8::1", "2001:db8::/32", "::/0",
        "::ffff:192.0.2.1",
    ])
    func addressesAndBlocksAreAccepted(_ text: String) {
        #expect(TextValidators.ipOrCIDR(text) == nil)
    }

    @Test(arguments: ["1.1.1.01", "256.1.1.1", "1.2.3", "fe80::1%eth0", " 1.2.3.4", "example.com", "1.2.3.4/24/1"])
    func malformedAddressesAreRefused(_ text: String) {
        #expect(TextValidators.ipOrCIDR(text)?.message == "'\(text)' is not an IP address or CIDR block")
    }

    @Test func prefixesOutsideTheFamilyAreRefused() {
        #expect(TextValidators.ipOrCIDR("10.0.0.0/33")?.help == "the prefix is 0…32")
        #expect(TextValidators.ipOrCIDR("2001:db8::/129")?.help == "the prefix is 0…128")
    }

    @Test func hostBitsSetNameTheNetworkAddress() {
        #expect(TextValidators.ipOrCIDR("198.51.100.7/24")?.help == "write the network address: 198.51.100.0/24")
        #expect(TextValidators.ipOrCIDR("2001:db8:0:0:1::/32")?.help == "write the network address: 2001:db8::/32")
        #expect(
            TextValidators.ipOrCIDR("2001:db8:1:0:0:0:0:1/64")?.help == "write the network address: 2001:db8:1::/64")
    }
}
