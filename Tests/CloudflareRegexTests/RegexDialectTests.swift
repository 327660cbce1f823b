import Testing

@testable import CloudflareRegex

/// One rejected pattern with the error it must produce.
struct RejectedRegex: CustomTestStringConvertible, Sendable {
    let pattern: String
    let id: String
    let offset: Int
    let length: Int
    var testDescription: String { pattern }
}

private func rejected(_ pattern: String, _ id: String, at offset: Int, _ length: Int) -> RejectedRegex {
    RejectedRegex(pattern: pattern, id: id, offset: offset, length: length)
}

private let rejectedPatterns: [RejectedRegex] = [
    // Look-around.
    rejected(#"a(?=b)"#, "E0650", at: 1, 3),
    rejected(#"a(?!b)"#, "E0650", at: 1, 3),
    rejected(#"(?<=a)b"#, "E0650", at: 0, 4),
    rejected(#"(?<!a)b"#, "E0650", at: 0, 4),
    rejected(#"x(*pla:a)"#, "E0650", at: 1, 8),
    // Backreferences.
    rejected(#"(a)\1"#, "E0651", at: 3, 2),
    rejected(#"\0"#, "E0651", at: 0, 2),
    rejected(#"(?<n>a)\k<n>"#, "E0651", at: 7, 5),
    rejected(#"(?P<n>a)(?P=n)"#, "E0651", at: 8, 6),
    rejected(#"(a)\g{1}"#, "E0651", at: 3, 5),
    rejected(#"(a)\g-1"#, "E0651", at: 3, 4),
    // Possessive quantifiers.
    rejected(#"a++"#, "E0652", at: 1, 2),
    rejected(#"xa*+"#, "E0652", at: 2, 2),
    rejected(#"a?+"#, "E0652", at: 1, 2),
    rejected(#"a{2}+"#, "E0652", at: 1, 4),
    // Atomic groups, \K, recursion, callouts, conditionals.
    rejected(#"(?>ab)"#, "E0653", at: 0, 3),
    rejected(#"ab\Kc"#, "E0654", at: 2, 2),
    rejected(#"(?R)"#, "E0655", at: 0, 4),
    rejected(#"(a)(?1)"#, "E0655", at: 3, 4),
    rejected(#"(?-1)"#, "E0655", at: 0, 5),
    rejected(#"(?+1)"#, "E0655", at: 0, 5),
    rejected(#"(?&n)"#, "E0655", at: 0, 5),
    rejected(#"(?P>n)"#, "E0655", at: 0, 6),
    rejected(#"(?C1)a"#, "E0656", at: 0, 5),
    rejected(#"(*SKIP)a"#, "E0656", at: 0, 7),
    rejected(#"(?(1)a|b)"#, "E0657", at: 0, 3),
    // PCRE-only forms.
    rejected(#"a{,3}"#, "E0658", at: 1, 4),
    rejected(#"\Qa.b\E"#, "E0659", at: 0, 7),
    rejected(#"x\Qa.b"#, "E0659", at: 1, 5),
    rejected(#"x\Z"#, "E0660", at: 1, 2),
    rejected(#"\Gx"#, "E0660", at: 0, 2),
    rejected(#"a\hb"#, "E0660", at: 1, 2),
    rejected(#"\R"#, "E0660", at: 0, 2),
    rejected(#"\N"#, "E0660", at: 0, 2),
    rejected(#"\e"#, "E0660", at: 0, 2),
    rejected(#"\cA"#, "E0660", at: 0, 2),
    rejected(#"\o{101}"#, "E0660", at: 0, 2),
    rejected(#"(?#c)a"#, "E0660", at: 0, 5),
    rejected(#"(?|a)"#, "E0660", at: 0, 3),
    rejected(#"(?'n'a)"#, "E0660", at: 0, 3),
    rejected(#"(?^i)a"#, "E0660", at: 0, 3),
    // Unbalanced groups and classes.
    rejected(#"(ab"#, "E0661", at: 0, 1),
    rejected(#"a(b(c)"#, "E0661", at: 1, 1),
    rejected(#"ab)"#, "E0661", at: 2, 1),
    rejected(#"(?i"#, "E0661", at: 0, 1),
    rejected(#"[ab"#, "E0662", at: 0, 1),
    rejected(#"[a[b]"#, "E0662", at: 0, 1),
    rejected(#"[z-a]"#, "E0662", at: 1, 3),
    rejected(#"[\d-z]"#, "E0662", at: 1, 2),
    rejected(#"[a-\w]"#, "E0662", at: 3, 2),
    rejected(#"[\b]"#, "E0662", at: 1, 2),
    // Bad repetition.
    rejected(#"*a"#, "E0663", at: 0, 1),
    rejected(#"a|*"#, "E0663", at: 2, 1),
    rejected(#"(?i)*"#, "E0663", at: 4, 1),
    rejected(#"(+a)"#, "E0663", at: 1, 1),
    rejected(#"{2}"#, "E0663", at: 0, 1),
    rejected(#"a{3,2}"#, "E0663", at: 1, 5),
    rejected(#"a{"#, "E0663", at: 1, 1),
    rejected(#"a{x}"#, "E0663", at: 1, 1),
    rejected(#"a{1,x}"#, "E0663", at: 1, 3),
    rejected(#"a{99999999999}"#, "E0663", at: 2, 10),
    // Escapes.
    rejected(#"\y"#, "E0664", at: 0, 2),
    rejected(#"a\"#, "E0664", at: 1, 1),
    rejected(#"\xZZ"#, "E0664", at: 2, 1),
    rejected(#"\x4"#, "E0664", at: 0, 3),
    rejected(#"\x{110000}"#, "E0664", at: 0, 10),
    rejected(#"\x{D800}"#, "E0664", at: 0, 8),
    rejected(#"\x{}"#, "E0664", at: 0, 4),
    rejected(#"\b{foo}"#, "E0664", at: 3, 3),
    rejected(#"\é"#, "E0664", at: 0, 3),
    // Size and nesting limits.
    rejected(#".{4079,65535}"#, "E0665", at: 0, 13),
    rejected(#"x(?:a{1000}){1000}"#, "E0665", at: 1, 17),
    rejected(#"a{5}b{100001}"#, "E0665", at: 4, 9),
    rejected(String(repeating: "(", count: 300) + String(repeating: ")", count: 300), "E0665", at: 250, 1),
    // Unicode mode.
    rejected(#"\pL"#, "E0666", at: 0, 3),
    rejected(#"a\p{Greek}"#, "E0666", at: 1, 9),
    rejected(#"[é]"#, "E0666", at: 1, 2),
    rejected(#"[\x{e9}]"#, "E0666", at: 1, 6),
    rejected(#"(?u:\pL)\pL"#, "E0666", at: 8, 3),
    rejected(#"(?u)\p{Klingon}"#, "E0667", at: 4, 11),
    rejected(#"(?u)\p{Age=3.0}"#, "E0667", at: 4, 11),
    rejected(#"(?u)\pQ"#, "E0667", at: 4, 3),
    rejected(#"(?u)\p{Xan}"#, "E0667", at: 4, 7),
    // Flags.
    rejected(#"(?z)"#, "E0668", at: 2, 1),
    rejected(#"(?n:a)"#, "E0668", at: 2, 1),
    rejected(#"(?ii)"#, "E0668", at: 3, 1),
    rejected(#"(?i-)"#, "E0668", at: 3, 1),
    rejected(#"(?-i-s)"#, "E0668", at: 4, 1),
    rejected(#"(?)"#, "E0668", at: 0, 3),
    // Group names.
    rejected(#"(?P<>a)"#, "E0669", at: 4, 1),
    rejected(#"(?P<1a>a)"#, "E0669", at: 4, 1),
    rejected(#"(?<a-b>x)"#, "E0669", at: 4, 1),
    rejected(#"(?P<n>a)(?P<n>b)"#, "E0669", at: 12, 1),
    rejected(#"(?P<n"#, "E0669", at: 4, 1),
]

@Test(arguments: rejectedPatterns)
func rejectedConstructIsLocated(_ case_: RejectedRegex) throws {
    let error = try #require(RegexTestSupport.error(case_.pattern))
    #expect(error.id == case_.id, "\(error.message)")
    #expect(error.byteOffset == case_.offset, "\(error.message)")
    #expect(error.length == case_.length, "\(error.message)")
    #expect(!error.message.isEmpty)
}

@Test func pcreHabitsGetHelp() throws {
    #expect(try #require(RegexTestSupport.error(#"a(?=b)"#)).message.contains("look-ahead"))
    #expect(try #require(RegexTestSupport.error(#"(?<=a)b"#)).message.contains("look-behind"))
    #expect(try #require(RegexTestSupport.error(#"(?R)"#)).help?.contains("CRLF") == true)
    #expect(try #require(RegexTestSupport.error(#"\0"#)).help?.contains("\\x00") == true)
    #expect(try #require(RegexTestSupport.error(#"a{,3}"#)).help?.contains("{0,n}") == true)
    #expect(try #require(RegexTestSupport.error(#"\pL"#)).help?.contains("(?u)") == true)
    #expect(try #require(RegexTestSupport.error(#"[\b]"#)).help?.contains("\\x08") == true)
    #expect(try #require(RegexTestSupport.error(#"a{b}"#)).help?.contains("\\{") == true)
}

@Test func errorOffsetsAreBytesNotCharacters() throws {
    let error = try #require(RegexTestSupport.error("é€(?=x)"))
    #expect(error.byteOffset == 5)
    #expect(error.length == 3)
}

@Test func invalidUTF8PatternIsRejected() {
    guard case let .failure(error) = CompiledRegex.compile([0x61, 0xFF, 0x62]) else {
        Issue.record("a pattern with a 0xFF byte compiled")
        return
    }
    #expect(error.id == "E0664")
    #expect(error.byteOffset == 1)
}

/// Syntax the Rust dialect accepts; every one must compile.
private let acceptedPatterns: [String] = [
    #"[[:alpha:]]"#, #"[[:^digit:]x]"#, #"[a-z&&[^aeiou]]"#, #"[\w--\d]"#, #"[a-c~~b-d]"#, #"[[a-c][x-z]]"#,
    #"\d\w\s\D\W\S\b\B"#, #"\A\z"#, #"^$"#, #"(?imsxuRU)a(?-imsxuRU)b"#, #"(?i-sm:a)"#, #"(?i:a)b"#, #"(?-u:\xFF)"#,
    #"a*?"#, #"a+?"#, #"a??"#, #"a{2,3}?"#, #"a{2,}"#, #"a{ 2 , 3 }"#, #"a**"#, #"a{2}{3}"#, #"\b{2}"#, #"^*"#,
    #"(?:a)"#, #"(?P<n>a)"#, #"(?<n_1.x[0]>a)"#, #"()"#, #"a|"#, #"|"#, "",
    #"\x{41}"#, #"\x41"#, #"\u0041"#, #"\u{41}"#, #"\U00000041"#, #"\U{41}"#, #"\xFF"#, #"\x{10FFFF}"#,
    #"\a\f\t\n\r\v"#, #"\-\~\&\#\ \%\/\""#, "]", "}", #"[]a]"#, #"[^]a]"#, #"[-a]"#, #"[a-]"#, #"[\[\]]"#, #"[+--]"#,
    #"\<word\>"#, #"\b{start}a\b{end}"#, #"\b{start-half}a\b{end-half}"#,
    #"(?x) a b # comment"# + "\n c", #"(?x)[a b]"#, #"(?x)a{ 2 }"#, #"(?R:a)"#, #"(?iR)a"#,
    #"(?u)\pL"#, #"(?u)\PL"#, #"(?u)\p{Greek}"#, #"(?u)\p{gc=Lu}"#, #"(?u)\p{General_Category:Letter}"#,
    #"(?u)\p{sc=Greek}"#,
    #"(?u)\p{scx=Greek}"#, #"(?u)\p{Alphabetic}"#, #"(?u)\p{White_Space}"#, #"(?u)\p{Any}"#, #"(?u)\p{ASCII}"#,
    #"(?u)\p{Assigned}"#,
    #"(?u)\p{isGreek}"#, #"(?u)\p{gc!=Lu}"#, #"(?u)[\p{Greek}&&\p{Lu}]"#, #"(?u)[é]"#, #"(?u)\p{Hangul}+"#,
    #".{4079}"#, #"[a-z]{1,1000}"#, #"(?u)\w{500}"#, #"(?i)Mozilla/\d+\.\d+"#, #"^/api/v[0-9]+/users/[^/]+$"#,
    #"\.(php|asp|aspx|jsp)$"#,
]

@Test(arguments: acceptedPatterns)
func rustSyntaxCompiles(_ pattern: String) {
    let error = RegexTestSupport.error(pattern)
    #expect(error == nil, "\(error?.id ?? "") \(error?.message ?? "") at \(error?.byteOffset ?? -1)")
}
