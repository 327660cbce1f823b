import Dispatch
import Testing

@testable import CloudflareRegex

private func m(_ pattern: String, _ subject: String) -> Bool? { RegexTestSupport.matches(pattern, subject) }
private func m(_ pattern: String, bytes subject: [UInt8]) -> Bool? { RegexTestSupport.matches(pattern, subject) }

@Test func searchIsUnanchored() {
    #expect(m("abc", "xxabcxx") == true)
    #expect(m("abd", "xxabcxx") == false)
    #expect(m("^abc", "xabc") == false)
    #expect(m("abc$", "abcx") == false)
    #expect(m("", "anything") == true)
    #expect(m("", "") == true)
    #expect(m("a|", "zzz") == true)
}

@Test func dollarDoesNotMatchBeforeTrailingNewline() {
    #expect(m("abc$", "abc") == true)
    #expect(m("abc$", "abc\n") == false)
    #expect(m(#"abc\z"#, "abc\n") == false)
    #expect(m("(?m)abc$", "abc\n") == true)
    #expect(m("(?m)^def", "abc\ndef") == true)
    #expect(m("^def", "abc\ndef") == false)
    #expect(m("(?m)^$", "abc\n") == true)
    #expect(m("(?m)b$", "b\r\n") == false)
    #expect(m("(?mR)b$", "b\r\n") == true)
    #expect(m("(?mR)^c", "a\rc") == true)
    #expect(m("(?mR)^$", "a\r\nb") == false)
}

@Test func caseInsensitivityIsASCIIOnlyWithoutUnicodeMode() {
    #expect(m("(?i)mozilla", "MoZiLLa/5.0") == true)
    #expect(m("(?i)k", "\u{212A}") == false)
    #expect(m("(?iu)k", "\u{212A}") == true)
    #expect(m("(?i)é", "É") == false)
    #expect(m("(?iu)é", "É") == true)
    #expect(m("(?i)[a-c]", "B") == true)
    #expect(m("(?i)[^a]", "A") == false)
    #expect(m("(?i:a)b", "AB") == false)
    #expect(m("(?i:a)b", "Ab") == true)
    #expect(m("a(?i)b|c", "C") == true)
    #expect(m("(?iu)σ", "ς") == true)
    #expect(m("(?iu)s", "ſ") == true)
}

@Test func dotAndNewline() {
    #expect(m("a.b", "a\nb") == false)
    #expect(m("(?s)a.b", "a\nb") == true)
    #expect(m("a.b", bytes: [0x61, 0xFF, 0x62]) == true)
    #expect(m("a.b", "a\rb") == true)
    #expect(m("(?R:a.b)", "a\rb") == false)
    #expect(m("a.b", "aéb") == false)
    #expect(m("a..b", "aéb") == true)
    #expect(m("(?u)a.b", "aéb") == true)
    #expect(m("(?u)a.b", bytes: [0x61, 0xFF, 0x62]) == false)
    #expect(m("(?u)a.b", bytes: [0x61, 0xC3, 0x62]) == false)
}

@Test func nonUTF8SubjectBytes() {
    #expect(m(#"\xFF"#, bytes: [0x00, 0xFF]) == true)
    #expect(m(#"[\x80-\xFF]"#, bytes: [0x41, 0x90]) == true)
    #expect(m(#"(?u)\xFF"#, bytes: [0xFF]) == false)
    #expect(m(#"(?u)\xFF"#, "ÿ") == true)
    #expect(m(#"\W"#, bytes: [0xE9]) == true)
    #expect(m(#"[^a]"#, bytes: [0x80]) == true)
    #expect(m("é", bytes: [0xC3, 0xA9]) == true)
    #expect(m(#"(?u)\w"#, bytes: [0xC3, 0x28]) == false)
    #expect(m(#"(?u)[^a](?-u:\xFF)"#, bytes: [0x62, 0xFF]) == true)
    #expect(m(#"(?u)[^a](?-u:\xFF)"#, bytes: [0xFF, 0xFF]) == false)
    #expect(m(#"\x{e9}"#, "é") == true)
}

@Test func perlClassesAndWordBoundaries() {
    #expect(m(#"\d"#, "٣") == false)
    #expect(m(#"(?u)\d"#, "٣") == true)
    #expect(m(#"^\w+$"#, "héllo") == false)
    #expect(m(#"(?u)^\w+$"#, "héllo") == true)
    #expect(m(#"\s"#, "\u{00A0}") == false)
    #expect(m(#"(?u)\s"#, "\u{00A0}") == true)
    #expect(m(#"caf\b"#, "café") == true)
    #expect(m(#"(?u)caf\b"#, "café") == false)
    #expect(m(#"\bcat\b"#, "a cat!") == true)
    #expect(m(#"\bcat\b"#, "concat") == false)
    #expect(m(#"\Bcat"#, "concat") == true)
    #expect(m(#"\<cat"#, "a cat") == true)
    #expect(m(#"cat\>"#, "cats") == false)
    #expect(m(#"\b{start-half}cat"#, "-cat") == true)
    #expect(m(#"cat\b{end-half}"#, "cat_") == false)
}

@Test func classesCountsAndAlternations() {
    #expect(m("[[:alpha:]]+[[:digit:]]", "abc1") == true)
    #expect(m("^[a-z&&[^aeiou]]+$", "bcd") == true)
    #expect(m("^[a-z&&[^aeiou]]+$", "bad") == false)
    #expect(m(#"^[\w--\d]+$"#, "ab_c") == true)
    #expect(m(#"^[\w--\d]+$"#, "ab1") == false)
    #expect(m("^[a-c~~b-d]+$", "ad") == true)
    #expect(m("^[a-c~~b-d]+$", "b") == false)
    #expect(m("^[+--]$", "+") == true)
    #expect(m("^[+--]$", ",") == false)
    #expect(m("^a{3}$", "aaa") == true)
    #expect(m("^a{3}$", "aaaa") == false)
    #expect(m("^a{2,}$", "aaaaa") == true)
    #expect(m("^(?:ab){1,2}$", "ababab") == false)
    #expect(m(#"\.(php|asp)$"#, "/index.php") == true)
    #expect(m("(?x) a b # comment\n c", "abc") == true)
    #expect(m("(?u)^\\p{Greek}+$", "αβγ") == true)
    #expect(m("(?u)\\p{Hangul}", "안녕") == true)
    #expect(m("(?u)^[\\p{Greek}&&\\p{Lu}]$", "Α") == true)
    #expect(m("(?u)^[\\p{Greek}&&\\p{Lu}]$", "α") == false)
    #expect(m("(?u)^\\P{L}$", "1") == true)
    #expect(m("(?u)^\\p{gc!=Lu}$", "a") == true)
}

@Test func literalPatternsSkipTheRegexEngines() throws {
    for pattern in ["curl", "bot|crawl|spider", #"wp-login\.php"#, "(?:a|bc)", "(?i)123"] {
        let regex = try #require(RegexTestSupport.compiled(pattern))
        guard case .literal = regex.engine else {
            Issue.record("\(pattern) does not use the literal search")
            continue
        }
    }
    for pattern in ["(?i)bot", "^curl", "a.c", "bot$"] {
        let regex = try #require(RegexTestSupport.compiled(pattern))
        if case .literal = regex.engine { Issue.record("\(pattern) must not use the literal search") }
    }
    #expect(m("bot|crawl|spider", "Mozilla/5.0 (compatible; Googlebot/2.1)") == true)
    #expect(m("bot|crawl|spider", "Mozilla/5.0 (Windows NT 10.0)") == false)
    #expect(m("crawler", "a crawl") == false)
}

/// `(a+)+$` makes PCRE2 backtrack exponentially; the answer must come from the Pike VM, quickly.
@Test func catastrophicBacktrackingFallsBackToLinearTime() throws {
    let regex = try #require(RegexTestSupport.compiled("(a+)+$"))
    guard case let .pcre2(matcher) = regex.engine else {
        Issue.record("(a+)+$ should run through PCRE2 first")
        return
    }
    let failing = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + [UInt8(ascii: "!")]
    let passing = [UInt8](repeating: UInt8(ascii: "a"), count: 100_000)
    #expect(failing.withUnsafeBufferPointer { matcher.search($0) } == .gaveUp)
    let clock = ContinuousClock()
    var failingAnswer = true
    var passingAnswer = false
    let elapsed = clock.measure {
        failingAnswer = regex.isMatch(failing)
        passingAnswer = regex.isMatch(passing)
    }
    #expect(failingAnswer == false)
    #expect(passingAnswer == true)
    #expect(elapsed < .seconds(2))
}

@Test func concurrentCallersGetConsistentAnswers() throws {
    let regex = try #require(RegexTestSupport.compiled(#"(?i)(?:googlebot|bingbot)/\d+\.\d+"#))
    let subjects: [[UInt8]] = (0..<64).map { index in
        Array(
            (index % 2 == 0 ? "Mozilla/5.0 (compatible; Googlebot/2.\(index))" : "Mozilla/5.0 (X11; Linux \(index))")
                .utf8)
    }
    let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: subjects.count * 50)
    defer { results.deallocate() }
    let base = results.baseAddress.map { Int(bitPattern: $0) } ?? 0
    DispatchQueue.concurrentPerform(iterations: subjects.count * 50) { iteration in
        let pointer = UnsafeMutablePointer<Bool>(bitPattern: base)
        pointer?[iteration] = regex.isMatch(subjects[iteration % subjects.count])
    }
    for iteration in 0..<(subjects.count * 50) {
        #expect(results[iteration] == (iteration % subjects.count % 2 == 0))
    }
}
