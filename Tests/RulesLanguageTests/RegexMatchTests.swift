import Testing
@testable import RulesLanguage

private func m(_ pattern: String, _ subject: String) -> Bool? { RegexTestSupport.matches(pattern, subject) }

@Test func smoke() {
    #expect(m("abc", "xxabcxx") == true)
    #expect(m("a.c", "abc") == true)
    #expect(m("^a+$", "aaa") == true)
    #expect(m("(a+)+$", "aaa!") == false)
    #expect(m("(?u)\\p{Greek}+", "xαβ") == true)
    #expect(m("(?u)\\p{Hangul}", "한") == true)
    #expect(m("(?iu)k", "\u{212A}") == true)
}
