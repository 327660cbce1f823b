import EdgeCore
import EdgeWire
import Testing

@testable import Traces

/// The shortcuts of the native parser (expected keys confirmed by word compares, digits read eight at a time,
/// one-pass IPv4, the reusable header list) give exactly what the general way gives.

/// Reads `text` (one number) with a cursor whose line ends right after it.
private func digitRun(_ text: String) -> (value: Int64, length: Int) {
    let storage = TraceStorage(copying: Array(text.utf8))
    let cursor = JSONCursor(base: storage.base, start: 0, end: text.utf8.count)
    let (value, end) = cursor.digitRun(from: 0)
    return (value, end)
}

@Test func digitRunsOfEveryLengthUpTo18AreRead() {
    var digits = ""
    for length in 1...18 {
        digits += String(length % 10)
        let run = digitRun(digits)
        #expect(run.length == length && run.value == Int64(digits), "\(digits)")
        // The same digits followed by a non-digit, wherever the eight-byte window falls.
        for stop in ["x", ".", "/", ":", "\"", " "] {
            let stopped = digitRun(digits + stop + "12345678")
            #expect(stopped.length == length && stopped.value == Int64(digits), "\(digits)\(stop)")
        }
    }
    #expect(digitRun("1234567890123456789").length == 18)  // stops after 18 digits
    #expect(digitRun("99999999999999999999").value == 999_999_999_999_999_999)
    #expect(digitRun("x1234567").length == 0)
}

@Test func digitRunsStopAtEveryNonDigitByteInAWord() {
    let digits = Array("1234567812345678".utf8)
    for position in 0..<8 {
        for byte: UInt8 in [0x2F, 0x3A, 0x3F, 0x40, 0x00, 0x20, 0xFA, 0xFF, 0xB0, 0xB9] {
            var bytes = digits
            bytes[position] = byte
            let storage = TraceStorage(copying: bytes)
            let run = JSONCursor(base: storage.base, start: 0, end: bytes.count).digitRun(from: 0)
            #expect(run.end == position, "byte \(byte) at \(position)")
            #expect(
                run.value == (position == 0 ? 0 : Int64(String(decoding: digits[..<position], as: UTF8.self))),
                "byte \(byte) at \(position)")
        }
    }
    for text in ["00000000", "99999999", "12345678", "00000001", "10000000"] {
        #expect(digitRun(text + "x") == (Int64(text)!, 8))
    }
}

@Test func integersOfManyLengthsAndTheirOverflowReadAsBefore() throws {
    let good = [
        "7", "1234567", "12345678", "123456789", "1234567890123456", "123456789012345678",
        "1234567890123456789", "9223372036854775807", "9223372036854775808", "12345678.0", "123456789e2",
        "-12345678",
    ]
    for text in good {
        let record = try #require(try readAll(#"{"asn":\#(text),"path":"/p"}"#).records.first, "\(text)")
        let expected: Int? =
            switch text {
            case "12345678.0": 12_345_678
            case "123456789e2": 12_345_678_900
            // Digits past what fits in 63 bits are dropped into the exponent (documented on `JSONCursor.number`).
            case "9223372036854775807", "9223372036854775808": 9_223_372_036_854_775_800
            default: Int(text)
            }
        #expect(record.asn == expected && record.string(record.path) == "/p", "\(text)")
    }
    for text in ["12345678901234567890", "99999999999999999999", "12345678.5", "123456789012345678901234"] {
        let (records, reader) = try readAll(#"{"asn":\#(text)}"#)
        #expect(records.isEmpty, "\(text)")
        #expect(
            diagnostics(reader, TraceDiagnosticID.malformedLine).first?.message
                == "asn must be an integer that fits in 64 bits; line skipped", "\(text)")
    }
    // A number at the very end of the line (no closing brace): the line is malformed, at the right column.
    let (_, reader) = try readAll(#"{"asn":123456789"#, format: .native)
    #expect(diagnostics(reader, TraceDiagnosticID.malformedLine).first?.range.start.column == 17)
}

@Test func epochTimestampsOfManyLengthsReadAsBefore() throws {
    let cases: [(String, Int64?)] = [
        ("17662248", 17_662_248_000), ("1766224800", 1_766_224_800_000), ("176622480012", 176_622_480_012),
        ("1766224800123", 1_766_224_800_123), ("1766224800123456", 1_766_224_800_123),
        ("176622480012345678", 176_622_480_012), ("1766224800123456789", 1_766_224_800_123),
        ("1766224800123.5", 1_766_224_800_123), ("null", nil),
    ]
    for (text, expected) in cases {
        let record = try #require(try readAll(#"{"ts":\#(text),"path":"/p"}"#).records.first, "\(text)")
        #expect(record.timestampMs == expected && record.string(record.path) == "/p", "\(text)")
    }
}

@Test func expectedKeysAreConfirmedOnlyWhenTheyAreExactlyThere() throws {
    let text = """
        {"ts":1,"ip":"1.2.3.4","path":"/a","status":200}
        {"ts":2,"ip":"1.2.3.5","path":"/b","status":201}
        {"path":"/c","ts":3,"status":202}
        {"ts":4,"p\\u0061th":"/d","status":203}
        { "ts" : 5 , "path":"/e"}
        {"ts":6,"path2":"/x","path":"/f"}
        {"ts":7,"pat":"/x","paths":"/y","path":"/g"}
        {"ts":8,"bot":true,"bot_score":9,"path":"/h"}
        {"ts":9,"bot_score":10,"bot":false,"path":"/i"}
        {"ts":10,"path":"/j","edge":{"status":403},"status":204}
        {"ts":11}
        {"ts":12,"path":"/k"
        {"path":"/l"}
        """
    let (records, reader) = try readAll(text, format: .native)
    #expect(records.map(\.timestampMs) == (1...11).map { Int64($0) * 1000 } + [nil])  // epoch seconds
    #expect(
        records.map { $0.string($0.path) } == ["/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h", "/i", "/j", nil, "/l"])
    #expect(records.map(\.status) == [200, 201, 202, 203, nil, nil, nil, nil, nil, 204, nil, nil])
    #expect(records[1].ip == IPAddress.parse("1.2.3.5"))
    #expect(records[7].bot == true && records[7].botScore == 9 && records[8].bot == false && records[8].botScore == 10)
    #expect(records[9].outcome?.status == 403)
    let unknown = diagnostics(reader, TraceDiagnosticID.ignoredValue).map(\.message)
    #expect(unknown.count == 3 && unknown.allSatisfy { $0.contains("did you mean 'path'") })
    let malformed = diagnostics(reader, TraceDiagnosticID.malformedLine)
    #expect(malformed.map(\.range.start.line) == [12])
}

@Test func escapesAtEveryPositionOfAWordAreDecoded() throws {
    for offset in 0..<40 {  // across the first word and two sixteen-byte blocks
        let prefix = String(repeating: "a", count: offset)
        let line = #"{"path":"\#(prefix)\"q\\\u0041z","host":"h"}"#
        let record = try #require(try readAll(line).records.first)
        #expect(record.string(record.path) == prefix + "\"q\\Az" && record.string(record.host) == "h", "\(offset)")
    }
}

@Test func ipv4EdgeValuesParseAsBefore() {
    let good: [(String, UInt32)] = [
        ("255.255.255.255", 0xFFFF_FFFF), ("0.0.0.0", 0), ("1.2.3.4", 0x0102_0304), ("10.0.0.1", 0x0A00_0001),
        ("100.100.100.100", 0x6464_6464), ("199.250.249.9", 0xC7FA_F909),
    ]
    for (text, bits) in good { #expect(IPAddress.parse(text) == IPAddress(v4: bits), "\(text)") }
    let bad = [
        "1.2.3", "01.2.3.4", "1.02.3.4", "1.2.3.04", "1.2.00.4", "256.1.1.1", "1.2.3.256", "1.2.3.4.",
        ".1.2.3.4", "1234.1.1.1", "1.2.3.4x", "1.2.3.1000", "1 .2.3.4", "1.2.3.-4", "1.2.3.4/8",
    ]
    for text in bad { #expect(IPAddress.parse(text) == nil, "\(text)") }
    #expect(IPAddress.parse("::ffff:255.255.255.255")?.low == 0x0000_FFFF_FFFF_FFFF)
    #expect(IPAddress.parse("::ffff:1.2.3") == nil && IPAddress.parse("::ffff:01.2.3.4") == nil)
}

@Test func headerListsOfAnySizeAreKeptPerRecord() throws {
    let many = (0..<70).map { #""h\#($0)":"v\#($0)""# }.joined(separator: ",")
    let text = """
        {"path":"/none"}
        {"path":"/one","headers":{"User-Agent":"ua-1"}}
        {"path":"/many","headers":{\(many)}}
        {"path":"/three","ua":"short","headers":{"user-agent":"long","REFERER":["r1","r2"],"Cookie":"c=1"}}
        {"path":"/empty","headers":{}}
        """
    let records = try readAll(text).records
    #expect(records.map(\.headers.count) == [0, 1, 70, 4, 0])
    #expect(records[1].string(records[1].userAgent) == "ua-1")
    #expect(records[2].headerValues(named: "h69") == ["v69"] && records[2].headerValues(named: "h0") == ["v0"])
    let three = records[3]
    #expect(three.string(three.userAgent) == "short" && three.string(three.referer) == "r1")
    #expect(three.string(three.cookie) == "c=1" && three.headerValues(named: "referer") == ["r1", "r2"])
    #expect(records[1].headerValues(named: "user-agent") == ["ua-1"])  // not overwritten by later lines
}

@Test func upperCasingTouchesOnlyTheSliceAndOnlyASCIILetters() throws {
    let line = #"{"country":"sg","colo":"s\u00e9n","path":"/abc","host":"h"}"#
    let record = try #require(try readAll(line).records.first)
    #expect(record.string(record.country) == "SG" && record.string(record.colo) == "S\u{E9}N")
    #expect(record.string(record.path) == "/abc" && record.string(record.host) == "h")
}
