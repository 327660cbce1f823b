import Testing

@testable import Traces

/// A line that sets every field of the native format.
private let everyField =
    #"{"ts":1766224800123,"ip":"2001:db8::7","method":"GET","scheme":"http","host":"a.example","path":"/p","#
    + #""query":"q=1","ua":"UA","referer":"https://r/","cookie":"c=1","country":"sg","asn":13335,"colo":"sin","#
    + #""ssl":false,"port":8080,"version":"HTTP/2","bot":true,"bot_score":12,"threat_score":3,"continent":"AS","#
    + #""city":"Singapore","region_code":"01","verified_bot_category":"Search Engine Crawler","waf_score":42,"#
    + #""ray_id":"8f1a","solved_challenge":true,"headers":{"Accept":"*/*"},"status":200,"#
    + #""cache_control":"max-age=60","expires":"x","etag":"\"v1\"","last_modified":"y","age":12,"set_cookie":"id=1","#
    + #""content_type":"text/html","bytes":1532,"origin_ms":38,"edge":{"action":"block","rule":"r1","cache":"hit","#
    + #""status":403}}"#

@Test func aRecordReadIntoAUsedPlaceKeepsNothingOfTheOldOne() throws {
    let reader = TraceReader(
        bytes: Array((everyField + "\n{\"path\":\"/only\"}\n").utf8), name: "reuse", format: .native)
    var record = TraceRecord()
    #expect(try reader.next(into: &record))
    #expect(record.status == 200 && record.outcome?.status == 403 && record.ip != nil && record.headers.count == 1)
    #expect(record.string(record.city) == "Singapore" && record.wafScore == 42)
    #expect(try reader.next(into: &record))
    // Every field of the second line's record is as if it had been read fresh.
    let fresh = try #require(try readAll(#"{"path":"/only"}"#, format: .native).records.first)
    #expect(record.line == 2)
    #expect(record.string(record.path) == "/only")
    for (name, value) in [
        ("method", record.method), ("scheme", record.scheme), ("host", record.host), ("query", record.query),
        ("userAgent", record.userAgent), ("referer", record.referer), ("cookie", record.cookie),
        ("country", record.country), ("colo", record.colo), ("version", record.version),
        ("cacheControl", record.cacheControl), ("expires", record.expires), ("etag", record.etag),
        ("lastModified", record.lastModified), ("setCookie", record.setCookie), ("contentType", record.contentType),
        ("continent", record.continent), ("city", record.city), ("regionCode", record.regionCode),
        ("verifiedBotCategory", record.verifiedBotCategory), ("rayID", record.rayID),
    ] {
        #expect(value.isAbsent, "\(name)")
    }
    #expect(record.timestampMs == fresh.timestampMs && record.timestampMs == nil)
    #expect(record.ip == nil && record.asn == nil && record.ssl == nil && record.port == nil)
    #expect(record.bot == nil && record.botScore == nil && record.threatScore == nil && record.solvedChallenge == nil)
    #expect(record.status == nil && record.age == nil && record.bytes == nil && record.originMs == nil)
    #expect(record.wafScore == nil)
    #expect(record.outcome == nil)
    #expect(record.headers.count == 0 && !record.userAgentIsShorthand)
    #expect(!(try reader.next(into: &record)))
}
