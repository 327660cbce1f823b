import EdgeWire
import Testing

@Test func asciiCaseChangesOnlyLetters() {
    let text = Array("AZaz09@[`{É\u{7F}".utf8)
    #expect(String(decoding: text.map(ASCII.lowercased), as: UTF8.self) == "azaz09@[`{É\u{7F}")
    #expect(String(decoding: text.map(ASCII.uppercased), as: UTF8.self) == "AZAZ09@[`{É\u{7F}")
    for byte in UInt8.min...UInt8.max where byte >= 0x80 {
        #expect(ASCII.lowercased(byte) == byte && ASCII.uppercased(byte) == byte)
    }
    #expect(ASCII.hexDigitValue(UInt8(ascii: "f")) == 15 && ASCII.hexDigitValue(UInt8(ascii: "F")) == 15)
    #expect(ASCII.hexDigitValue(UInt8(ascii: "g")) == nil && ASCII.hexDigitValue(UInt8(ascii: "/")) == nil)
}

@Test func asciiEqualsComparesWholeTexts() {
    func equals(_ text: String, _ expected: StaticString) -> Bool {
        var copy = text
        return copy.withUTF8 { ASCII.equals(UnsafeRawBufferPointer($0), expected) }
    }
    #expect(equals("block", "block") && equals("", ""))
    #expect(!equals("blocks", "block") && !equals("Block", "block") && !equals("bloc", "block"))
}

@Test func utf8ValidationRefusesOverlongsSurrogatesAndTruncation() {
    #expect(UTF8Validation.firstInvalidOffset(Array("aé€😀".utf8)) == nil)
    #expect(UTF8Validation.decodeScalar(Array("😀".utf8), at: 0)?.value == 0x1F600)
    let cases: [([UInt8], Int)] = [
        ([0x61, 0xC0, 0x80], 1),  // overlong two-byte NUL
        ([0xE0, 0x80, 0x80], 0),  // overlong three-byte
        ([0xED, 0xA0, 0x80], 0),  // surrogate U+D800
        ([0xF0, 0x80, 0x80, 0x80], 0),  // overlong four-byte
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0x61, 0x62, 0xE2, 0x82], 2),  // truncated
        ([0x80], 0),  // lone continuation
        ([0xFF], 0),
    ]
    for (bytes, offset) in cases { #expect(UTF8Validation.firstInvalidOffset(bytes) == offset, "\(bytes)") }
    #expect(UTF8Validation.decodeScalar([0x61], at: 1) == nil)
}

@Test func edgeActionsReadTheirWireNames() {
    for action in EdgeAction.allCases {
        var name = action.rawValue
        #expect(name.withUTF8 { EdgeAction.parse(UnsafeRawBufferPointer($0)) } == action)
    }
    for other in ["", "Block", "managedChallenge", "skip", "logs"] {
        var name = other
        #expect(name.withUTF8 { EdgeAction.parse(UnsafeRawBufferPointer($0)) } == nil, "\(other)")
    }
    #expect(
        EdgeAction.allCases.map(\.rawValue) == [
            "allow", "block", "challenge", "managed_challenge", "js_challenge", "log",
        ])
    #expect(EdgeAction.allCases.filter(\.terminates) == [.block, .challenge, .managedChallenge, .jsChallenge])
    #expect(
        CacheStatus.allCases.map(\.rawValue)
            == ["HIT", "MISS", "EXPIRED", "STALE", "REVALIDATED", "UPDATING", "BYPASS", "DYNAMIC", "UNKNOWN"])
}

@Test func decimalDigitsReadsOnlyDigitsInItsRange() {
    func digits(_ text: String, _ start: Int, _ count: Int) -> Int? {
        Array(text.utf8).withUnsafeBytes { ASCII.decimalDigits($0, from: start, count: count) }
    }
    #expect(digits("2025-12-20", 0, 4) == 2025)
    #expect(digits("2025-12-20", 5, 2) == 12)
    #expect(digits("2025-12-20", 3, 2) == nil)  // "5-": a separator is not a digit
    #expect(digits("x09", 1, 2) == 9)
    #expect(digits("/:", 0, 1) == nil && digits(":", 0, 1) == nil)  // the bytes either side of 0-9
}
