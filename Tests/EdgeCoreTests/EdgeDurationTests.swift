import Testing

@testable import EdgeCore

@Test func durationParsesUnitsAndSums() throws {
    #expect(try EdgeDuration.parse("10s").get().milliseconds == 10_000)
    #expect(try EdgeDuration.parse("1h30m").get().description == "1h30m")
    #expect(EdgeDuration.parse("10").failureValue == .malformed)
    #expect(EdgeDuration.parse("10y").failureValue == .unknownUnit("y"))
    #expect(editDistance("vresion", "version") == 1)
}
