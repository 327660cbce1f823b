import EdgeWire
import Testing

@testable import CloudflareRegex

/// A small deterministic generator (SplitMix64), so every run tests the same cases.
/// Random patterns and subjects over a small alphabet that includes newlines, CR, non-ASCII and invalid UTF-8.
struct RegexCaseGenerator {
    var random: SplitMix64

    private static let atoms = [
        "a", "b", "A", "1", " ", "_", "é", #"\n"#, #"\r"#, #"\xFF"#, #"\xE9"#, ".", "(?s:.)", "(?R:.)",
        "[ab]", "[^a]", "[a-c]", "[^a-z]", #"[\x80-\xFF]"#, "[[:upper:]]", "[a-z&&[^b]]", #"\d"#, #"\w"#, #"\W"#,
        #"\s"#, #"\S"#,
        "(?i:a)", "(?i:[^a])", "(?u:.)", "(?u:é)", "(?iu:é)", #"(?u:\w)"#, #"(?u:\W)"#, #"(?u:[^a])"#, #"(?u:\xFF)"#,
        "^", "$", #"\A"#, #"\z"#, #"\b"#, #"\B"#, #"\<"#, #"\>"#, #"\b{start-half}"#, #"\b{end-half}"#,
        "(?m:^)", "(?m:$)", "(?mR:^)", "(?mR:$)",
    ]
    private static let quantifiers = ["*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "*?", "+?"]
    private static let subjectTokens: [[UInt8]] = [
        [0x61], [0x62], [0x41], [0x31], [0x20], [0x5F], [0x0A], [0x0D], [0xC3, 0xA9], [0xFF], [0xE9], [0xC3], [0x63],
    ]

    mutating func pattern(depth: Int = 0) -> String {
        let items = Int.random(in: 1...3, using: &random)
        var branches: [String] = []
        for _ in 0..<(Int.random(in: 0...4, using: &random) == 0 ? 2 : 1) {
            var parts = ""
            for _ in 0..<items { parts += piece(depth: depth) }
            branches.append(parts)
        }
        return branches.joined(separator: "|")
    }

    private mutating func piece(depth: Int) -> String {
        var atom: String
        if depth < 2 && Int.random(in: 0...5, using: &random) == 0 {
            atom = "(?:" + pattern(depth: depth + 1) + ")"
        } else {
            atom = Self.atoms.randomElement(using: &random) ?? "a"
        }
        if Int.random(in: 0...2, using: &random) == 0 {
            atom =
                (atom.count > 1 && !atom.hasPrefix("(") ? "(?:\(atom))" : atom)
                + (Self.quantifiers.randomElement(using: &random) ?? "*")
        }
        return atom
    }

    mutating func subject() -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...10, using: &random) {
            bytes += Self.subjectTokens.randomElement(using: &random) ?? [0x61]
        }
        return bytes
    }
}

/// Hand-picked pairs where PCRE2's defaults differ from Cloudflare's dialect if the translation is careless.
private let handPicked: [(String, String)] = [
    ("abc$", "abc\n"), ("(?m)^$", "a\n"), ("(?mR)$", "a\r\n"), ("(?mR)^b", "\rb"),
    (#"\bé"#, " é"), (#"(?u)\bé"#, " é"), (#"\w+"#, "éé"), ("(?i)Σ", "σ"), ("(?iu)Σ", "ς"),
    (#"(?u)\p{Greek}"#, "abγ"), (".+", "\n\n"), ("(?s).+", "\n"),
    (#"[^\n]"#, "\n"), ("a{0}", ""), ("(a*)*b", "aaaa"), (#"(?u)."#, "\u{10FFFF}"),
    (#"(?u)[\x{800}-\x{FFFF}]"#, "\u{FFFF}"),
    (#"(?u)\W"#, "\u{00A0}"), (#"\x00"#, "\0"), (#"[\x00-\x08]"#, "\u{8}"), (#"\S"#, "\u{B}"), (#"\s"#, "\u{B}"),
]

@Test func pikeVMAndPCRE2AgreeOnGeneratedCases() throws {
    var generator = RegexCaseGenerator(random: SplitMix64(state: 0x5EED_CF))
    var compared = 0
    var patterns = 0
    while patterns < 400 {
        let pattern = generator.pattern()
        guard let regex = RegexTestSupport.compiled(pattern) else { continue }
        patterns += 1
        let matcher = RegexTestSupport.pcre2(for: regex)
        for _ in 0..<15 {
            let subject = generator.subject()
            let answers = RegexTestSupport.engineAnswers(regex, matcher, subject)
            #expect(regex.isMatch(subject) == answers.vm, "public answer differs from the VM: \(pattern) on \(subject)")
            guard let pcre2 = answers.pcre2 else { continue }
            compared += 1
            #expect(answers.vm == pcre2, "VM \(answers.vm) vs PCRE2 \(pcre2): \(pattern) on \(subject)")
        }
    }
    #expect(compared > 4000)
}

@Test func pikeVMAndPCRE2AgreeOnHandPickedCases() throws {
    for (pattern, subject) in handPicked {
        let regex = try #require(RegexTestSupport.compiled(pattern))
        let answers = RegexTestSupport.engineAnswers(regex, RegexTestSupport.pcre2(for: regex), Array(subject.utf8))
        if let pcre2 = answers.pcre2 {
            #expect(answers.vm == pcre2, "\(pattern) on \(subject.debugDescription)")
        } else if !pattern.contains(#"\b"#) {
            Issue.record("PCRE2 could not run \(pattern)")
        }
    }
}

@Test func unicodeClassesTranslateToExactUTF8Sequences() throws {
    var generator = SplitMix64(state: 42)
    for pattern in [
        #"(?u)\p{L}"#, #"(?u)\w"#, #"(?u)[^\n]"#, #"(?u)\p{Greek}"#, #"(?u)[\x{7F}-\x{801}\x{FFFF}-\x{10000}]"#,
    ] {
        let regex = try #require(RegexTestSupport.compiled(pattern))
        let matcher = RegexTestSupport.pcre2(for: regex)
        var subjects: [[UInt8]] = [
            [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        ]
        for _ in 0..<300 {
            let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
            if let scalar = Unicode.Scalar(value) { subjects.append(Array(String(scalar).utf8)) }
        }
        for subject in subjects {
            let answers = RegexTestSupport.engineAnswers(regex, matcher, subject)
            let pcre2 = try #require(answers.pcre2 as Bool?)
            #expect(answers.vm == pcre2, "\(pattern) on \(subject)")
        }
    }
}

/// Random strings of regex metacharacters: compiling never traps, and whatever compiles still agrees across engines.
@Test func tokenSoupNeverCrashesAndStillAgrees() {
    var random = SplitMix64(state: 0xF00D)
    let tokens = [
        "(", ")", "[", "]", "{", "}", "?", "*", "+", "|", "^", "$", ".", "\\", "-", ",", ":", "=", "!", "<", ">",
        "&&", "--", "~~", "a", "b", "1", "2", "x", "u", "i", "P", "p", "d", "w", "b", "k", "Q", "E", "é", "#", " ",
        "\n",
    ]
    var compiled = 0
    for _ in 0..<3000 {
        let pattern = (0..<Int.random(in: 1...12, using: &random)).map { _ in
            tokens.randomElement(using: &random) ?? "a"
        }.joined()
        switch CompiledRegex.compile(Array(pattern.utf8)) {
        case let .failure(error):
            #expect(error.byteOffset >= 0 && error.byteOffset <= pattern.utf8.count, "\(pattern)")
            #expect(error.byteOffset + error.length <= max(pattern.utf8.count, 1), "\(pattern)")
        case let .success(regex):
            compiled += 1
            let matcher = RegexTestSupport.pcre2(for: regex)
            for subject in ["", "ab12", "a\nb", "x-é", "{}[]()"] {
                let answers = RegexTestSupport.engineAnswers(regex, matcher, Array(subject.utf8))
                if let pcre2 = answers.pcre2 {
                    #expect(answers.vm == pcre2, "\(pattern) on \(subject.debugDescription)")
                }
                #expect(regex.isMatch(Array(subject.utf8)) == answers.vm, "\(pattern)")
            }
        }
    }
    #expect(compiled > 100)
}
