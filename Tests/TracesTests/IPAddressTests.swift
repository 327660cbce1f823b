import Testing
@testable import Traces

@Test func ipv4ParsesAndPrintsCanonically() {
    #expect(IPAddress("203.0.113.7")?.description == "203.0.113.7")
    #expect(IPAddress("203.0.113.7")?.isIPv4 == true)
    #expect(IPAddress("0.0.0.0") == IPAddress.unspecifiedIPv4)
    for bad in ["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "", "a.b.c.d", "1.2.3.4 "] {
        #expect(IPAddress(bad) == nil, "\(bad)")
    }
}

@Test func ipv6ParsesCompressionAndEmbeddedIPv4() {
    #expect(IPAddress("2001:db8::1")?.description == "2001:db8::1")
    #expect(IPAddress("2001:0DB8:0000:0000:0000:0000:0000:0001")?.description == "2001:db8::1")
    #expect(IPAddress("::")?.description == "::")
    #expect(IPAddress("::ffff:1.2.3.4")?.low == 0x0000_FFFF_0102_0304)
    #expect(IPAddress("::ffff:1.2.3.4") != IPAddress("1.2.3.4"))
    #expect(IPAddress("fe80::1%eth0")?.description == "fe80::1")
    #expect(IPAddress("1:0:0:2:0:0:0:3")?.description == "1:0:0:2::3")
    for bad in ["1::2::3", ":1:2", "1:2:3:4:5:6:7:8:9", "12345::", "1:"] {
        #expect(IPAddress(bad) == nil, "\(bad)")
    }
}
