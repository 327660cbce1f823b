import EdgeWire
import Testing

private func glob(_ pattern: String) -> StarGlob { StarGlob(starsIn: Array(pattern.utf8)) }

@Test func starsMatchAnyRunAndTheRestIsAnchored() {
    let cases: [(String, String, Bool)] = [
        ("/v1/*", "/v1/items/7", true), ("/v1/*", "/v1/", true), ("/v1/*", "/v2/items", false),
        ("/health", "/health", true), ("/health", "/healthz", false), ("*", "", true), ("", "", true), ("", "a", false),
        ("*.js", "/app.js", true), ("*.js", "/app.json", false), ("/a*b*c", "/aXbYc", true), ("/a*b*c", "/acb", false),
        ("a*a", "a", false), ("a*a", "aa", true), ("**", "anything", true), ("/a**b", "/ab", true),
    ]
    for (pattern, value, expected) in cases {
        #expect(glob(pattern).matches(Array(value.utf8)) == expected, "\(pattern) ~ \(value)")
    }
}

@Test func caseIsIgnoredOnlyWhenAsked() {
    let exact = StarGlob(pieces: [Array("/Admin".utf8), []], ignoresASCIICase: false)
    let folded = StarGlob(pieces: [Array("/Admin".utf8), []], ignoresASCIICase: true)
    #expect(exact.matches(Array("/Admin/x".utf8)) && !exact.matches(Array("/admin/x".utf8)))
    #expect(folded.matches(Array("/admin/x".utf8)) && folded.matches(Array("/ADMIN/x".utf8)))
    // A literal star (an escaped `\*` in the Rules language) is a piece byte, not a star.
    let literalStar = StarGlob(pieces: [Array("a*b".utf8)], ignoresASCIICase: false)
    #expect(literalStar.matches(Array("a*b".utf8)) && !literalStar.matches(Array("axb".utf8)))
}
