import Testing

@testable import RulesLanguage

private func string(_ document: String, _ path: [JSONPathLookup.Step]) -> String? {
    JSONPathLookup.string(in: Array(document.utf8), path: path).map { String(decoding: $0, as: UTF8.self) }
}

private func integer(_ document: String, _ path: [JSONPathLookup.Step]) -> Int64? {
    JSONPathLookup.integer(in: Array(document.utf8), path: path)
}

private func key(_ name: String) -> JSONPathLookup.Step { .key(Array(name.utf8)) }

@Test func lookupsFollowKeysAndIndexesThroughSpacesAndEscapes() {
    let document = #" { "a" : [ 1 , { "b\u0063" : "x\"y\u00e9\ud83d\ude00" } ] , "n" : -42 } "#
    #expect(string(document, [key("a"), .index(1), key("bc")]) == "x\"yé😀")
    #expect(integer(document, [key("n")]) == -42)
    #expect(string(document, [key("a"), .index(2)]) == nil)
    #expect(string(document, [key("missing")]) == nil)
    #expect(string(document, [.index(0)]) == nil)
    #expect(string(#""top""#, []) == "top")
}

@Test func integersAreWholeJSONIntegersThatFit() {
    #expect(integer(#"{"a":9223372036854775807}"#, [key("a")]) == .max)
    #expect(integer(#"{"a":-9223372036854775808}"#, [key("a")]) == .min)
    #expect(integer(#"{"a":9223372036854775808}"#, [key("a")]) == nil)
    #expect(integer(#"{"a":42.0}"#, [key("a")]) == nil)
    #expect(integer(#"{"a":1e3}"#, [key("a")]) == nil)
    #expect(integer(#"{"a":"42"}"#, [key("a")]) == nil)
    #expect(integer(#"{"a":-}"#, [key("a")]) == nil)
}

/// The lookup used to keep its own lenient reader; on the shared cursor it reads JSON as the trace reader does.
/// Where the two disagreed, malformed input on the path is a missing value and lone surrogates become U+FFFD.
@Test func lookupsReadJSONAsTheTraceReaderDoes() {
    // An unknown escape was kept as its letter; JSON has no such escape, so the value is missing.
    #expect(string(#"{"a":"x\qy"}"#, [key("a")]) == nil)
    // A malformed literal before the key was skipped as a run of bytes; now the document is malformed there.
    #expect(integer(#"{"a":tru,"b":1}"#, [key("b")]) == nil)
    // A high surrogate followed by an escape that is not a low one made the value missing; now it is U+FFFD.
    #expect(string(#"{"a":"\ud800\u0041"}"#, [key("a")]) == "\u{FFFD}A")
    // Values skipped on the way nest at most 64 deep (was 128).
    let deep = #"{"a":"# + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + #","b":2}"#
    #expect(integer(deep, [key("b")]) == nil)
    let shallow = #"{"a":"# + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + #","b":2}"#
    #expect(integer(shallow, [key("b")]) == 2)
}
