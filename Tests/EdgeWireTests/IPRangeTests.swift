import EdgeWire
import Testing

@Test func rangesParseTheFormsOfANamedList() throws {
    #expect(IPRange.parse("10.0.0.0/8")?.description == "10.0.0.0/8")
    #expect(IPRange.parse("10.0.0.1..10.0.0.5")?.description == "10.0.0.1..10.0.0.5")
    #expect(IPRange.parse("2001:db8::/32")?.prefixLength == 32)
    #expect(IPRange.parse("203.0.113.7")?.description == "203.0.113.7")
    for bad in ["10.0.0.1/8", "10.0.0.0/33", "10.0.0.5..10.0.0.1", "10.0.0.1..::1", "10.0.0.01/32", "x/8"] {
        #expect(IPRange.parse(bad) == nil, "\(bad)")
    }
}

@Test func rangeSetsMergeAdjacentRangesAndKeepFamiliesApart() throws {
    let set = IPRangeSet(
        ["10.0.0.0/25", "10.0.0.128/25", "192.0.2.1..192.0.2.3", "2001:db8::/32"].compactMap(IPRange.parse))
    for inside in ["10.0.0.0", "10.0.0.200", "10.0.0.255", "192.0.2.2", "2001:db8:ffff::1"] {
        #expect(set.contains(try #require(IPAddress.parse(inside))), "\(inside)")
    }
    for outside in ["10.0.1.0", "9.255.255.255", "192.0.2.4", "::ffff:10.0.0.1", "2001:db9::"] {
        #expect(!set.contains(try #require(IPAddress.parse(outside))), "\(outside)")
    }
    let everything = IPRangeSet([try #require(IPRange.parse("::/0"))])
    #expect(everything.contains(try #require(IPAddress.parse("fe80::1"))))
    #expect(!everything.contains(IPAddress.zeroV4))
    #expect(!IPRangeSet([]).contains(IPAddress.zeroV4))
}
