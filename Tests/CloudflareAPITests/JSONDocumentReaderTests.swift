import EdgeCore
import Testing

@testable import CloudflareAPI

private func read(_ text: String) throws(JSONDocumentReader.SyntaxError) -> JSONValue {
    try JSONDocumentReader.read(Array(text.utf8))
}

@Test func documentsReadWithMembersInOrder() throws {
    let value = try read(#"{"b": 1, "a": [true, null, -2.5, "x\u00e9\ud83d\ude00"], "c": {}}"#)
    #expect(value.objectMembers?.map(\.0) == ["b", "a", "c"])
    #expect(value["b"]?.integerValue == 1)
    #expect(value["a"] == .array([.bool(true), .null, .double(-2.5), .string("xé😀")]))
    #expect(value["c"] == .object([]))
    #expect(try read(" 12e2 ") == .int(1200))
    #expect(try read("1e-400") == .int(0))
    #expect(try read("12345678901234567890") == .double(1.234_567_890_123_456_7e19))
}

/// A large integral double prints in exponent form and reads back as the same double, not as an integer (a
/// fuzzer finding: `555555555500023555.55` printed as `5.5555555550002355e+17` came back as `.int`).
@Test(arguments: ["555555555500023555.55", "55000001830253335.5", "1e18", "-2.5e17", "1000000000000000000.0", "2.5e15"])
func largeIntegralDoublesReadBackFromTheirCompactForm(text: String) throws {
    let value = try read(text)
    guard case .double = value else { Issue.record("\(text) read as \(value)"); return }
    #expect(try read(value.compact) == value)
}

@Test func numbersPastWhatADoubleHoldsAreErrors() {
    #expect(throws: JSONDocumentReader.SyntaxError.self) { try read("55e555555") }
    #expect(throws: JSONDocumentReader.SyntaxError.self) { try read("[-1e400]") }
}

@Test(arguments: [
    ("{\n  \"a\": }", 2, 8, "expected a value"),
    ("[1, 2] x", 1, 8, "expected the end of the document"),
    ("", 1, 1, "the document is empty"),
    ("{\"a\" 1}", 1, 6, "':' after the key"),
    ("[1,\n2,\n", 3, 1, "ends where"),
])
func malformedDocumentsAreLocated(text: String, line: Int, column: Int, reason: String) {
    #expect {
        try read(text)
    } throws: { error in
        guard let error = error as? JSONDocumentReader.SyntaxError else { return false }
        return error.line == line && error.column == column && error.reason.contains(reason)
    }
}

@Test func nestingDeeperThanTheLimitIsAnError() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(throws: JSONDocumentReader.SyntaxError.self) { try read(deep) }
    let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(throws: Never.self) { try read(allowed) }
}

@Test func stringsMustBeUTF8() {
    #expect {
        try JSONDocumentReader.read([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])
    } throws: { error in
        (error as? JSONDocumentReader.SyntaxError)?.reason.contains("UTF-8") ?? false
    }
}
