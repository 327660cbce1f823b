import EdgeWire
import Testing

private func rfc3339(_ text: String) -> Int64? {
    var copy = text
    return copy.withUTF8 { TraceTimestamp.parseRFC3339(UnsafeRawBufferPointer($0)) }
}

@Test func rfc3339HandlesFractionsAndOffsets() {
    #expect(rfc3339("1970-01-01T00:00:00Z") == 0)
    #expect(rfc3339("2025-12-20T10:00:00.123Z") == 1_766_224_800_123)
    #expect(rfc3339("2025-12-20T10:00:00.1Z") == 1_766_224_800_100)
    #expect(rfc3339("2025-12-20T10:00:00.123456789Z") == 1_766_224_800_123)
    #expect(rfc3339("2025-12-20T18:00:00+08:00") == 1_766_224_800_000)
    #expect(rfc3339("2025-12-20T03:00:00-07:00") == 1_766_224_800_000)
    #expect(rfc3339("2024-02-29T00:00:00Z") != nil)
    for bad in [
        "2023-02-29T00:00:00Z", "2025-12-20T10:00:00", "2025-12-20T25:00:00Z", "2025-12-20T10:00:00.Z",
        "2025-12-20T10:00:00+0800", "2025-13-01T00:00:00Z",
    ] {
        #expect(rfc3339(bad) == nil, "\(bad)")
    }
}

@Test func epochNumbersAreToldApartByMagnitude() {
    #expect(TraceTimestamp.epochMilliseconds(fromEpochNumber: 1_766_224_800) == 1_766_224_800_000)
    #expect(TraceTimestamp.epochMilliseconds(fromEpochNumber: 1_766_224_800_123) == 1_766_224_800_123)
    #expect(TraceTimestamp.epochMilliseconds(fromEpochNumber: 1_766_224_800_123_456) == 1_766_224_800_123)
    #expect(TraceTimestamp.epochMilliseconds(fromEpochNumber: 1_766_224_800_123_456_789) == 1_766_224_800_123)
    #expect(TraceTimestamp.epochMilliseconds(fromEpochNumber: 1_766_224_800_25, fractionDigits: 2) == 1_766_224_800_250)
}

@Test func formattingIsUTCWithMilliseconds() {
    #expect(TraceTimestamp.formatRFC3339(1_766_224_800_123) == "2025-12-20T10:00:00.123Z")
    #expect(TraceTimestamp.formatRFC3339(0) == "1970-01-01T00:00:00.000Z")
    #expect(TraceTimestamp.formatRFC3339(-1) == "1969-12-31T23:59:59.999Z")
    for value: Int64 in [951_782_400_000, 1_709_164_800_999, 4_102_444_800_000] {
        #expect(rfc3339(TraceTimestamp.formatRFC3339(value)) == value)
    }
}
