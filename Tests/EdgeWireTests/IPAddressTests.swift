import EdgeWire
import Testing

@Test func ipv4ParsesAndPrintsCanonically() {
    #expect(IPAddress.parse("203.0.113.7")?.description == "203.0.113.7")
    #expect(IPAddress.parse("203.0.113.7")?.family == .v4)
    #expect(IPAddress.parse("0.0.0.0") == IPAddress.zeroV4)
    for bad in ["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "", "a.b.c.d", "1.2.3.4 "] {
        #expect(IPAddress.parse(bad) == nil, "\(bad)")
    }
}

@Test func ipv6ParsesCompressionAndEmbeddedIPv4() {
    #expect(IPAddress.parse("2001:db8::1")?.description == "2001:db8::1")
    #expect(IPAddress.parse("2001:0DB8:0000:0000:0000:0000:0000:0001")?.description == "2001:db8::1")
    #expect(IPAddress.parse("2001:0db8:0000:0000:0001:0000:0000:0001")?.description == "2001:db8::1:0:0:1")
    #expect(IPAddress.parse("::")?.description == "::")
    #expect(IPAddress.parse("::ffff:1.2.3.4")?.low == 0x0000_FFFF_0102_0304)
    #expect(IPAddress.parse("::ffff:192.168.0.1")?.description == "::ffff:c0a8:1")
    #expect(IPAddress.parse("::ffff:1.2.3.4") != IPAddress.parse("1.2.3.4"))
    #expect(IPAddress.parse("1:0:0:2:0:0:0:3")?.description == "1:0:0:2::3")
    for bad in ["1::2::3", ":1:2", "1:2:3:4:5:6:7:8:9", "12345::", "1:"] {
        #expect(IPAddress.parse(bad) == nil, "\(bad)")
    }
}

/// The forms on which the trace reader's and the Rules language's parsers disagreed before both became this one.
@Test func zoneIdsWhiteSpaceAndLongGroupsAreRefused() {
    for bad in [
        "fe80::1%eth0", "fe80::1%25eth0",  // a zone id names a link of one host, never a client at the edge
        " 1.2.3.4", "1.2.3.4\n", " ::1",  // white space is the caller's to trim
        "00001::", "1:2:3:4:5:6:7:00008",  // more than four hex digits in a group
    ] {
        #expect(IPAddress.parse(bad) == nil, "\(bad)")
        #expect(IPAddress.parse(bad, leadingZeros: .decimal) == nil, "\(bad)")
    }
    // Up to four hex digits with leading zeros are plain IPv6 (RFC 4291 §2.2), not ambiguous.
    #expect(IPAddress.parse("0001:0db8::0001") == IPAddress(v6High: 0x0001_0DB8_0000_0000, low: 1))
}

@Test func leadingZerosInADottedQuadAreRefusedUnlessReadAsDecimal() {
    for text in ["1.1.1.01", "001.2.3.4", "1.02.3.4", "192.168.001.001", "::ffff:01.2.3.4"] {
        #expect(IPAddress.parse(text) == nil, "\(text)")
    }
    #expect(IPAddress.parse("1.1.1.01", leadingZeros: .decimal) == IPAddress.parse("1.1.1.1"))
    #expect(IPAddress.parse("192.168.001.001", leadingZeros: .decimal) == IPAddress.parse("192.168.1.1"))
    #expect(IPAddress.parse("::ffff:01.2.3.4", leadingZeros: .decimal) == IPAddress.parse("::ffff:1.2.3.4"))
    #expect(IPAddress.parse("000.0.0.0", leadingZeros: .decimal) == IPAddress.zeroV4)
    for text in ["0001.2.3.4", "1.2.3.0256", "1.2.3.256"] {
        #expect(IPAddress.parse(text, leadingZeros: .decimal) == nil, "\(text)")
    }
    #expect(IPAddress.parse("0.0.0.0") == IPAddress(v4: 0))
    #expect(IPAddress.parse("10.0.0.1") == IPAddress(v4: 0x0A00_0001))
}

@Test func addressesOrderIPv4BeforeIPv6AndMaskToPrefixes() throws {
    let v4 = try #require(IPAddress.parse("255.255.255.255"))
    let v6 = try #require(IPAddress.parse("::"))
    #expect(v4 < v6 && !(v6 < v4))
    #expect(IPAddress(v4: 0x0A01_0203).masked(toPrefix: 8) == IPAddress(v4: 0x0A00_0000))
    #expect(IPAddress(v4: 0x0A00_0000).filled(fromPrefix: 8) == IPAddress(v4: 0x0AFF_FFFF))
    let network = try #require(IPAddress.parse("2001:db8::"))
    #expect(network.filled(fromPrefix: 32).description == "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")
    #expect(try #require(IPAddress.parse("2001:db8:1::5")).masked(toPrefix: 32) == network)
}
